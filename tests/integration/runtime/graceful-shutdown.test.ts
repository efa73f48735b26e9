import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { findFreePort } from '../../../src/lib/free-port.js';

describe('newsdigest worker process', () => {
  let dir: string | undefined;
  afterEach(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('serves /healthz, then exits 0 within 10 s of SIGTERM', { timeout: 60_000 }, async () => {
    dir = await mkdtemp(join(tmpdir(), 'nd-shutdown-'));
    const feedsFile = join(dir, 'feeds.yaml');
    await writeFile(
      feedsFile,
      'feeds:\n  - { url: "http://127.0.0.1:9/feed.xml", lang: uk, interval: 1m }\n',
    );
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
    const health = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({
      status: 'ok',
      checks: { redis: { ok: true }, worker: { ok: true } },
    });

    const started = Date.now();
    child.kill('SIGTERM');
    const code = await exited;
    expect(code).toBe(0);
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(output).toContain('"msg":"stopped"');
  });
});
