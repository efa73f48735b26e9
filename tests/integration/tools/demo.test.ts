import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';

describe('newsdigest demo (from source, as npm run dev demo)', () => {
  it('plays the scripted conversation offline and exits 0', { timeout: 180_000 }, async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'bin/newsdigest.ts', 'demo'], {
      env: { PATH: process.env.PATH },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.once('exit', (c) => resolve(c)));
    expect(err).not.toContain('demo failed');
    expect(code).toBe(0);
    const expected = [
      '👤 Olena: /start',
      'Оберіть мову новин',
      'Теми: Політика',
      '👤 Olena: /digest',
      'Верховна Рада ухвалила закон про місцеві вибори після війни',
      '👤 Olena: /lang ru',
      'Язык изменён: Русский.',
      'Парламент назначил нового министра обороны',
      'demo finished',
    ];
    let from = 0;
    for (const line of expected) {
      const at = out.indexOf(line, from);
      expect(at, `transcript should contain "${line}" after position ${from}`).toBeGreaterThanOrEqual(0);
      from = at;
    }
  });
});
