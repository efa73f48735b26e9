import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { findFreePort } from '../../../src/lib/free-port.js';

describe('an empty feeds file', () => {
  let dir: string | undefined;
  afterEach(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it(
    'starts the worker with a warning that tells the operator how to add feeds',
    { timeout: 60_000 },
    async () => {
      dir = await mkdtemp(join(tmpdir(), 'nd-empty-feeds-'));
      const feedsFile = join(dir, 'feeds.yaml');
      await writeFile(feedsFile, 'feeds: []\n');
      const port = await findFreePort();
      const child = spawn(process.execPath, ['--import', 'tsx', 'bin/newsdigest.ts', 'worker'], {
        env: {
          PATH: process.env.PATH,
          REDIS_URL: inject('redisUrl'),
          REDIS_PREFIX: `t${randomBytes(4).toString('hex')}`,
          FEEDS_FILE: feedsFile,
          LOG_LEVEL: 'info',
          HTTP_PORT: String(port),
          BOT_TOKEN: '',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let output = '';
      child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
      const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
      const deadline = Date.now() + 30_000;
      while (!output.includes('http endpoint listening') && Date.now() < deadline) {
        if (child.exitCode !== null) break;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect(output).toContain('worker started');
      const warning = output.split('\n').find((line) => line.includes('no feeds yet'));
      expect(warning).toBeDefined();
      expect(JSON.parse(warning!)).toMatchObject({ level: 40 });
      expect(warning).toContain('/addfeed <url>');
      expect(warning).toContain('OPERATOR_IDS');
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
    },
  );
});
