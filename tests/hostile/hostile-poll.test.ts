import type { ServerResponse } from 'node:http';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { brotliCompressSync, constants as zlib, gzipSync } from 'node:zlib';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { isForbiddenAddress } from '../../src/adapters/http/ssrf-guard.js';
import {
  bytes,
  slowDrip,
  redirectTo,
  startFeedServer,
  type FeedServer,
} from '../../tools/feed-server/server.js';
import { createTestRedis, type TestRedis } from '../support/test-redis.js';
import { startWorkerHarness, type WorkerHarness } from '../support/worker-harness.js';
import { hostileDocuments, itemXml, rssXml } from './hostile-feeds.js';

let server: FeedServer;
let redis: TestRedis;
let harness: WorkerHarness;

const BODY_CAP = 5 * 1024 * 1024;
// 50,000 small items fit under the 5 MB body cap, so the parser (not the fetcher) has to deal with them.
const FIFTY_THOUSAND = rssXml(
  Array.from({ length: 50_000 }, (_, n) => {
    const date = new Date(Date.UTC(2025, 10, 26, 11, 0) - n * 1000).toISOString().replace('.000', '');
    return `<item><title>${n}</title><guid>${n}</guid><pubDate>${date}</pubDate></item>`;
  }).join(''),
);
const WORST = [
  '<a x 4000 (old htmlToText TAG) in description',
  'x<p pairs (rss-parser stripHtml) in description',
  'double-escaped tag soup in yandex:full-text',
  '10^5 nested XML elements in a description',
  '10^5 attributes on an item',
  '1 MB title of markup',
  'unclosed CDATA x 100,000 (old prepareFeedXml)',
  'Atom xhtml 10^5 deep',
];

const ms = (ns: number) => `${(ns / 1e6).toFixed(1)} ms`;

/**
 * Finds the longest stretch the event loop did not turn, counting only CPU time this process used in it. The wall
 * clock alone (what monitorEventLoopDelay reports) also counts time the OS gave the two shared cores to other
 * processes, which is no blocking of ours; the CPU time spent inside a gap is. All threads count (GC helpers too),
 * so this errs on the strict side.
 */
function startBlockProbe(): { stop: () => { cpuMs: number; wallMs: number } } {
  let lastWall = performance.now();
  let lastCpu = process.cpuUsage();
  let longest = { cpuMs: 0, wallMs: 0 };
  const timer = setInterval(() => {
    const wall = performance.now();
    const cpu = process.cpuUsage(lastCpu);
    const cpuMs = (cpu.user + cpu.system) / 1000;
    const wallMs = wall - lastWall;
    const blockedMs = Math.min(cpuMs, wallMs);
    if (blockedMs > longest.cpuMs) longest = { cpuMs: blockedMs, wallMs };
    lastWall = wall;
    lastCpu = process.cpuUsage();
  }, 2);
  return {
    stop: () => {
      clearInterval(timer);
      return longest;
    },
  };
}

function compressedRoute(encoding: 'gzip' | 'br', body: Buffer) {
  return (_req: unknown, res: ServerResponse) => {
    res.writeHead(200, {
      'content-type': 'application/rss+xml',
      'content-encoding': encoding,
      'content-length': body.length,
    });
    res.end(body);
  };
}

beforeAll(async () => {
  server = await startFeedServer();
  server.route('/fifty-thousand.xml', bytes(FIFTY_THOUSAND));
  for (const [index, doc] of hostileDocuments()
    .filter((d) => WORST.includes(d.name))
    .entries()) {
    server.route(`/worst-${index}.xml`, bytes(doc.bytes, doc.contentType));
  }
  const zeros = Buffer.alloc(200 * 1024 * 1024, 0x20);
  server.route('/gzip-bomb.xml', compressedRoute('gzip', gzipSync(zeros, { level: 9 })));
  server.route(
    '/br-bomb.xml',
    compressedRoute('br', brotliCompressSync(zeros, { params: { [zlib.BROTLI_PARAM_QUALITY]: 1 } })),
  );
  server.route('/slowloris.xml', slowDrip(rssXml(itemXml({})), 400, 50));
  for (const target of [
    '10.0.0.1',
    '169.254.169.254',
    '192.168.1.1',
    '[::1]',
    '[fe80::1]',
    '127.0.0.2',
    '[::ffff:10.0.0.1]',
  ]) {
    server.route(`/to-${target.replace(/\W/g, '_')}`, redirectTo(`http://${target}/rss`));
  }
});
afterAll(async () => {
  await server.close();
});
beforeEach(async () => {
  redis = await createTestRedis();
  // Only the feed server's own address is reachable; every other private or link-local one is refused before
  // any connection is made.
  harness = await startWorkerHarness(redis, {
    allowPrivate: false,
    isForbidden: (ip) => ip !== '127.0.0.1' && isForbiddenAddress(ip),
    maxBytes: BODY_CAP,
    timeoutMs: 3_000,
  });
});
afterEach(async () => {
  await harness.close();
  await redis.cleanup();
});

describe('hostile feeds through a running worker', () => {
  it('a 50,000-item feed queues its 300 newest stories and its health says it was truncated', async () => {
    const feedId = await harness.addFeed(`${server.url}/fifty-thousand.xml`);
    const result = await harness.poll(feedId);
    expect(result, JSON.stringify(result)).toMatchObject({ outcome: 'fetched', items: 300, queued: 300 });
    expect((await harness.feeds.getHealth(feedId)).truncatedFrom).toBe(50_000);
    await harness.drainStories();
  });

  it('polling the worst documents never blocks the event loop for more than 100 ms at a time', async () => {
    const urls = [
      `${server.url}/fifty-thousand.xml`,
      ...WORST.map((_, index) => `${server.url}/worst-${index}.xml`),
    ];
    const ids = [];
    for (const url of urls) ids.push(await harness.addFeed(url));
    const delay = monitorEventLoopDelay({ resolution: 5 });
    const blocks = startBlockProbe();
    delay.enable();
    const started = performance.now();
    for (const id of ids) await harness.poll(id);
    await harness.drainStories();
    delay.disable();
    const longest = blocks.stop();
    console.log(
      `${ids.length} worst polls in ${Math.round(performance.now() - started)} ms; monitorEventLoopDelay (wall clock): ` +
        `max ${ms(delay.max)}, p99 ${ms(delay.percentile(99))}, mean ${ms(delay.mean)}; ` +
        `longest block on CPU: ${longest.cpuMs.toFixed(1)} ms (its wall time ${longest.wallMs.toFixed(1)} ms)`,
    );
    // Our own slices take about 1 ms; what is left is V8's garbage collector. The 50,000-item document's tree
    // lives until the newest 300 items are chosen, and `--trace-gc` shows single scavenges of 40–48 ms while it is
    // built (2026-11-30), which put the longest stretch at 47–58 ms on an idle machine. Choosing the newest items
    // while tokenizing, without the whole tree, would remove them.
    expect(longest.cpuMs).toBeLessThan(100);
  }, 60_000);

  it.each([
    ['gzip bomb', '/gzip-bomb.xml', 'TOO_LARGE'],
    ['brotli bomb', '/br-bomb.xml', 'TOO_LARGE'],
    ['slowloris', '/slowloris.xml', 'TIMEOUT'],
    ['redirect to 10.0.0.1', '/to-10_0_0_1', 'PRIVATE_ADDRESS'],
    ['redirect to cloud metadata 169.254.169.254', '/to-169_254_169_254', 'PRIVATE_ADDRESS'],
    ['redirect to 192.168.1.1', '/to-192_168_1_1', 'PRIVATE_ADDRESS'],
    ['redirect to [::1]', '/to-___1_', 'PRIVATE_ADDRESS'],
    ['redirect to link-local [fe80::1]', '/to-_fe80__1_', 'PRIVATE_ADDRESS'],
    ['redirect to 127.0.0.2', '/to-127_0_0_2', 'PRIVATE_ADDRESS'],
    ['redirect to mapped [::ffff:10.0.0.1]', '/to-___ffff_10_0_0_1_', 'PRIVATE_ADDRESS'],
  ])('%s ends as a typed feed error (%s)', async (_name, path, code) => {
    const started = performance.now();
    const feedId = await harness.addFeed(server.url + path);
    expect(await harness.poll(feedId)).toMatchObject({ outcome: 'failed', code });
    expect(performance.now() - started).toBeLessThan(5_000);
  });

  it('a feed URL with credentials is refused, and the password is in no health record or error', async () => {
    const url = `http://reader:s3cr3t-pw@127.0.0.1:${server.port}/feed.xml`;
    const feedId = await harness.addFeed(url);
    expect(await harness.poll(feedId)).toMatchObject({ outcome: 'failed', code: 'CREDENTIALS_IN_URL' });
    const health = await harness.feeds.getHealth(feedId);
    expect(health.lastError).toMatch(/must not contain a user name or password/);
    expect(JSON.stringify(health)).not.toContain('s3cr3t-pw');
    expect(server.hits('/feed.xml')).toBe(0);
  });
});
