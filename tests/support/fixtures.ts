import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const FEEDS_DIR = new URL('../fixtures/feeds/', import.meta.url);

/** Absolute path of a feed fixture, e.g. `fixturePath('pravda-windows-1251.xml')`. */
export function fixturePath(name: string): string {
  return fileURLToPath(new URL(name, FEEDS_DIR));
}

/** Raw bytes of a feed fixture: the legacy-charset ones are real windows-1251/koi8/iso-8859-5 bytes. */
export function readFixture(name: string): Buffer {
  return readFileSync(fixturePath(name));
}
