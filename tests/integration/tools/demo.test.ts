import { spawn } from 'node:child_process';
import { cp, mkdtemp, readFile, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

describe('npm run demo', () => {
  it('plays the scripted conversation offline and exits 0', { timeout: 180_000 }, async () => {
    const outDir = await mkdtemp(join(tmpdir(), 'newsdigest-demo-out-'));
    const child = spawn(process.execPath, ['bin/newsdigest.js', 'demo'], {
      env: { PATH: process.env.PATH, DEMO_OUT_DIR: outDir },
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
      '👤 Olena: /breaking on',
      '🤖 bot (breaking news):',
      '⚡ Терміново · 4 джерела',
      'Парламент призначив нового міністра оборони',
      '👤 Olena: /lang ru',
      'Язык изменён: Русский.',
      'Парламент назначил нового министра обороны',
      '👤 Olena: /stats',
      '🤖 bot (photo):',
      'Статистика',
      'demo finished',
    ];
    let from = 0;
    for (const line of expected) {
      const at = out.indexOf(line, from);
      expect(at, `transcript should contain "${line}" after position ${from}`).toBeGreaterThanOrEqual(0);
      from = at;
    }
    // The chart is saved next to the transcript.
    const chart = await readFile(join(outDir, 'stats-24h.png'));
    expect(chart.subarray(1, 4).toString('ascii')).toBe('PNG');
    expect(chart.length).toBeGreaterThan(20_000);
    expect(await readFile(join(outDir, 'transcript.txt'), 'utf8')).toContain('⚡ Терміново');
    await rm(outDir, { recursive: true, force: true });
  });
});

describe('newsdigest demo without tools/ (the production image)', () => {
  it('refuses in one line instead of a module-not-found stack trace', { timeout: 60_000 }, async () => {
    // The image copies package files, bin, src and jobs, and leaves tools/ out (.dockerignore).
    const dir = await mkdtemp(join(tmpdir(), 'newsdigest-image-'));
    try {
      for (const name of ['src', 'jobs', 'node_modules']) await symlink(resolve(name), join(dir, name));
      await cp('bin', join(dir, 'bin'), { recursive: true });
      await cp('package.json', join(dir, 'package.json'));
      const child = spawn(process.execPath, [join(dir, 'bin/newsdigest.js'), 'demo'], {
        env: { PATH: process.env.PATH },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let err = '';
      child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
      const code = await new Promise<number | null>((done) => child.once('exit', (c) => done(c)));
      expect(code).toBe(1);
      expect(err.trim().split('\n')).toEqual([expect.stringContaining('the offline demo is a dev tool')]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
