import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { findFreePort } from '../../../src/lib/free-port.js';

describe('newsdigest worker with Redis unreachable at start', () => {
  it('says so with backoff instead of hanging silently, and SIGTERM still exits 0 at once', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'bin/newsdigest.ts', 'worker'], {
      env: {
        PATH: process.env.PATH,
        REDIS_URL: `redis://127.0.0.1:${await findFreePort()}`,
        FEEDS_FILE: 'feeds.yaml',
        LOG_LEVEL: 'info',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    const deadline = Date.now() + 20_000;
    while ((output.match(/Redis not reachable yet; retrying/g) ?? []).length < 2) {
      if (Date.now() > deadline || child.exitCode !== null) throw new Error(`no retry lines:\n${output}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(output).toMatch(/"attempt":1,"retryInMs":500/);
    expect(output).toMatch(/"attempt":2,"retryInMs":1000/);
    const stopping = Date.now();
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(Date.now() - stopping).toBeLessThan(3_000);
  });
});
