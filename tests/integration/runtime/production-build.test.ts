import { execFile, spawn } from 'node:child_process';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { firstPollAt } from '../../../src/core/feed/feed-health.js';
import { feedIdFor } from '../../../src/core/feed/feed-id.js';
import { findFreePort } from '../../../src/lib/free-port.js';
import { sampleRss } from '../../../tools/feed-server/sample-feed-server.js';

const run = promisify(execFile);

/** VmRSS of a live process, in MB (Linux /proc). */
async function rssMb(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? NaN) / 1024;
}

/**
 * The production path without Docker, as the image does it: the compiled build and `npm ci --omit=dev` in a clean
 * folder that has neither the TypeScript sources, nor tools/, nor tsx. The worker starts there on an embedded
 * redis-server and polls a local feed.
 */
describe('compiled build in a production install', () => {
  let dir = '';
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'nd-prod-'));
    await run(process.execPath, ['scripts/build.mjs', join(dir, 'dist')], { maxBuffer: 1 << 24 });
    // The image copies dist/ without tools/ (the demo and local servers are dev tools).
    await rm(join(dir, 'dist/tools'), { recursive: true, force: true });
    await cp('package.json', join(dir, 'package.json'));
    await cp('package-lock.json', join(dir, 'package-lock.json'));
    await run(
      'npm',
      ['ci', '--omit=dev', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error'],
      {
        cwd: dir,
        maxBuffer: 1 << 24,
      },
    );
  }, 180_000);
  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('installs without tsx', () => {
    expect(existsSync(join(dir, 'node_modules/bullmq'))).toBe(true);
    expect(existsSync(join(dir, 'node_modules/tsx'))).toBe(false);
  });

  it('runs the worker from dist/ on an embedded Redis and polls the feed', { timeout: 60_000 }, async () => {
    let firstRequestAt = 0;
    const feed: Server = createServer((req, res) => {
      firstRequestAt ||= performance.now();
      const base = `http://127.0.0.1:${(feed.address() as AddressInfo).port}`;
      res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(sampleRss('uk', base, Date.now()));
    });
    await new Promise<void>((done) => feed.listen(0, '127.0.0.1', done));
    // A new feed's first poll is spread over its interval (firstPollAt); cold start is measured on a feed whose
    // slot is at once, like a feed that is due when a deployed worker restarts.
    const base = `http://127.0.0.1:${(feed.address() as AddressInfo).port}/uk.xml`;
    let n = 0;
    while (firstPollAt(feedIdFor(`${base}?n=${n}`), 60_000, 0) > 50) n += 1;
    const feedUrl = `${base}?n=${n}`;
    await writeFile(join(dir, 'feeds.yaml'), `feeds:\n  - { url: "${feedUrl}", lang: uk, interval: 1m }\n`);
    const port = await findFreePort();
    const startedAt = performance.now();
    const child = spawn(process.execPath, ['dist/bin/newsdigest.js', 'worker'], {
      cwd: dir,
      env: {
        PATH: process.env['PATH'] ?? '',
        FEEDS_FILE: 'feeds.yaml',
        ALLOW_PRIVATE_FEEDS: 'true',
        DATA_DIR: join(dir, 'data'),
        HTTP_PORT: String(port),
        LOG_LEVEL: 'info',
        BOT_TOKEN: '',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
    try {
      const deadline = Date.now() + 30_000;
      while (firstRequestAt === 0 && child.exitCode === null && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      expect(firstRequestAt, output).toBeGreaterThan(0);
      const coldStartMs = firstRequestAt - startedAt;
      expect(output).toContain('REDIS_URL not set: started an embedded redis-server');

      // Stored and idle: the health endpoint answers and the poll was recorded.
      let health: Response | undefined;
      while (Date.now() < deadline) {
        health = await fetch(`http://127.0.0.1:${port}/healthz`).catch(() => undefined);
        if (health?.ok) break;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect(health?.status).toBe(200);
      await new Promise((resolve) => setTimeout(resolve, 2_000));
      const idleRss = await rssMb(child.pid as number);
      console.log(
        `production build: cold start ${Math.round(coldStartMs)} ms, idle RSS ${idleRss.toFixed(1)} MB`,
      );
      // Loose bounds for a shared test machine; bench and SCALING.md quote the measured figures.
      expect(coldStartMs).toBeLessThan(10_000);
      expect(idleRss).toBeLessThan(150);
    } finally {
      child.kill('SIGTERM');
      feed.close();
    }
    expect(await exited).toBe(0);
  });

  it('refuses the demo in one line (tools/ is not installed)', async () => {
    const result = await run(process.execPath, ['dist/bin/newsdigest.js', 'demo'], {
      cwd: dir,
      env: { PATH: process.env['PATH'] ?? '' },
    }).catch((error: { code: number; stderr: string }) => error);
    expect('code' in result ? result.code : 0).toBe(1);
    expect(result.stderr.trim().split('\n')).toEqual([
      expect.stringContaining('the offline demo is a dev tool'),
    ]);
  });
});
