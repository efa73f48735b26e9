import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { writeFileSync } from 'node:fs';
import { afterAll, expect, it } from 'vitest';
import { FeedStore } from '../../src/adapters/redis/feed-store.js';
import { findFreePort } from '../../src/lib/free-port.js';
import { feedIdFor } from '../../src/core/feed/feed-id.js';
import { sampleRss } from '../../tools/feed-server/sample-feed-server.js';
import { startChaosWorld, until, type ChaosWorld } from './support/chaos-world.js';

/**
 * Scenario 5 (small): a handful of hostile feeds of our own (issue 13's generator is not on main yet) polled by a
 * real worker alongside 50 normal feeds. Figures: the worker's event-loop delay p99 (prom-client's, from /metrics,
 * per scrape interval), its RSS, and whether every normal feed was polled successfully.
 */
const NORMAL = 50;
const RUN_MS = Number(process.env['CHAOS_HOSTILE_MS'] ?? 75_000);

const item = (title: string, description: string, i = 0) =>
  `<item><title>${title}</title><link>http://h/${i}</link><guid>h${i}-${title.length}</guid><description>${description}</description><pubDate>${new Date().toUTCString()}</pubDate></item>`;
const rss = (items: string, head = '<?xml version="1.0" encoding="UTF-8"?>') =>
  `${head}<rss version="2.0"><channel><title>h</title><link>http://h/</link>${items}</channel></rss>`;
const HOSTILE: Record<string, () => string | Buffer> = {
  // Backtracking bait for tag stripping: an unclosed tag opener repeated.
  'tag-bait': () => rss(item('bait', '&lt;a'.repeat(4_000) + '<a'.repeat(4_000))),
  'many-items': () => rss(Array.from({ length: 20_000 }, (_, i) => item(`Новина ${i}`, 'опис', i)).join('')),
  'huge-title': () => rss(item('Т'.repeat(1_000_000), 'опис')),
  'deep-nesting': () =>
    rss(item('deep', '<![CDATA[' + '<div>'.repeat(20_000) + 'x' + '</div>'.repeat(20_000) + ']]>')),
  entities: () => rss(item('entities', '&amp;amp;'.repeat(100_000))),
  'bad-utf8': () =>
    Buffer.concat([
      Buffer.from(rss(item('x', 'y')).slice(0, 80)),
      Buffer.from([0xff, 0xfe, 0xc3, 0x28, 0xa0, 0xa1]),
      Buffer.from(rss(item('bad', 'bytes'))),
    ]),
  'wrong-charset': () => rss(item('Привіт', 'Київ'), '<?xml version="1.0" encoding="windows-1251"?>'),
};

let world: ChaosWorld | undefined;
let server: Server | undefined;
afterAll(async () => {
  await world?.close();
  await new Promise((resolve) => server?.close(resolve));
});

it('hostile feeds next to 50 normal ones: event-loop delay p99 and RSS stay bounded, normal feeds are polled', async () => {
  server = createServer((req, res) => {
    const url = req.url ?? '/';
    const hostile = /^\/h\/([a-z0-9-]+)\.xml$/.exec(url)?.[1];
    const body = hostile
      ? HOSTILE[hostile]?.()
      : /^\/n\/(\d+)\.xml$/.test(url)
        ? sampleRss(
            Number(url.split('/')[2]?.split('.')[0]) % 2 ? 'ru' : 'uk',
            `http://n${url.split('/')[2]}`,
            Date.now(),
          )
        : undefined;
    if (body === undefined) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(body);
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', () => resolve()));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  world = await startChaosWorld();
  const w = world;
  const normal = Array.from({ length: NORMAL }, (_, i) => `${base}/n/${i}.xml`);
  const hostile = Object.keys(HOSTILE).map((name) => `${base}/h/${name}.xml`);
  const feedsFile = `${w.dir}/hostile-feeds.yaml`;
  writeFileSync(
    feedsFile,
    `feeds:\n${[...normal, ...hostile].map((url, i) => `  - { url: ${url}, lang: ${i % 2 ? 'ru' : 'uk'}, name: F${i}, interval: 1m }`).join('\n')}\n`,
  );
  const port = await findFreePort();
  const worker = w.spawn('worker', 'worker', { FEEDS_FILE: feedsFile, HTTP_PORT: String(port) });
  const metrics = async (): Promise<{ p99: number; rss: number }> => {
    const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
    const read = (name: string) => Number(new RegExp(`^${name} (\\S+)$`, 'm').exec(text)?.[1] ?? NaN);
    return { p99: read('nodejs_eventloop_lag_p99_seconds'), rss: read('process_resident_memory_bytes') };
  };
  await until(
    () =>
      metrics().then(
        () => true,
        () => false,
      ),
    60_000,
    'the worker to serve /metrics',
  );
  const samples: { p99: number; rss: number }[] = [];
  const end = Date.now() + RUN_MS;
  while (Date.now() < end) {
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    samples.push(await metrics());
  }
  const feeds = new FeedStore(w.client, w.keys);
  const healths = await Promise.all(normal.map((url) => feeds.getHealth(feedIdFor(url))));
  const polledOk = healths.filter((h) => h.lastStatus === 200).length;
  const p99s = samples.map((s) => s.p99 * 1000).filter(Number.isFinite);
  const rss = samples.map((s) => s.rss / 1e6).filter(Number.isFinite);
  const figures = {
    scenario: 'hostile-feeds',
    normalFeeds: NORMAL,
    hostileFeeds: hostile.length,
    normalPolledOk: polledOk,
    eventLoopP99MaxMs: Math.round(Math.max(...p99s)),
    eventLoopP99MedianMs: Math.round(p99s.sort((a, b) => a - b)[Math.floor(p99s.length / 2)] ?? NaN),
    rssFirstMb: Math.round(rss[0] ?? NaN),
    rssMaxMb: Math.round(Math.max(...rss)),
    rssLastMb: Math.round(rss.at(-1) ?? NaN),
    workerAlive: worker.child.exitCode === null,
  };
  console.log(`chaos 5: ${JSON.stringify(figures)}`);
  expect(figures.workerAlive).toBe(true);
  expect(polledOk).toBe(NORMAL);
  expect(figures.eventLoopP99MaxMs).toBeLessThanOrEqual(100);
  expect(figures.rssMaxMb).toBeLessThanOrEqual(400);
}, 300_000);
