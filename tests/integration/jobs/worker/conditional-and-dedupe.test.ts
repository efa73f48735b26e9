import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  bytes,
  paths,
  SAMPLE_LAST_MODIFIED,
  startFeedServer,
  type FeedServer,
} from '../../../../tools/feed-server/server.js';
import { generatedItems, rssDocument } from '../../../../tools/feed-server/rss-fixtures.js';
import { createTestRedis, type TestRedis } from '../../../support/test-redis.js';
import { startWorkerHarness, type WorkerHarness } from '../../../support/worker-harness.js';

let server: FeedServer;
let redis: TestRedis;
const harnesses: WorkerHarness[] = [];

// Just after the generated items' publication times, so they are inside the retention window.
const NOW = Date.UTC(2025, 10, 25, 13, 0, 0);

async function harness(): Promise<WorkerHarness> {
  const started = await startWorkerHarness(redis, {}, { now: NOW });
  harnesses.push(started);
  return started;
}

beforeAll(async () => {
  server = await startFeedServer();
});
afterAll(async () => {
  await server.close();
});
beforeEach(async () => {
  redis = await createTestRedis();
});
afterEach(async () => {
  await Promise.all(harnesses.splice(0).map((h) => h.close()));
  await redis.cleanup();
});

/** The sample feed's generated items, keeping only the `seqs` listed (seq = item number, newest highest). */
function feedWith(seqs: number[]): string {
  const { items } = generatedItems(0, 10);
  const kept = items.filter((item) => seqs.some((seq) => item.guid === `bench-0-${seq}`));
  return rssDocument('Стрічка', 'https://news.example/0/', 'uk', kept);
}

describe('worker: conditional GET', () => {
  it.each([
    { route: paths.etag, header: 'if-none-match', validator: 'etag' as const },
    { route: paths.lastModified, header: 'if-modified-since', validator: 'lastModified' as const },
  ])(
    'polls $route with 200 then sends $header and gets a 304 that queues nothing',
    async ({ route, header, validator }) => {
      const h = await harness();
      const seenHeaders: (string | undefined)[] = [];
      const url = `${server.url}${route}-watched`;
      // The built-in route's body and validators, served by a route that also records what the poller sent.
      const builtIn = await fetch(server.url + route);
      const body = await builtIn.text();
      const responseHeaders = Object.fromEntries(builtIn.headers);
      server.route(`${route}-watched`, (req, res) => {
        const sent = req.headers[header] as string | undefined;
        seenHeaders.push(sent);
        const expected = validator === 'etag' ? responseHeaders['etag'] : SAMPLE_LAST_MODIFIED.toUTCString();
        if (sent === expected) {
          res.writeHead(304, validator === 'etag' ? { etag: expected } : { 'last-modified': expected });
          res.end();
          return;
        }
        res.writeHead(200, {
          'content-type': 'application/rss+xml; charset=utf-8',
          ...(validator === 'etag' ? { etag: expected } : { 'last-modified': expected }),
        });
        res.end(body);
      });

      const feedId = await h.addFeed(url);
      const first = await h.poll(feedId);
      expect(first).toEqual({ outcome: 'fetched', items: 3, queued: 3 });
      const second = await h.poll(feedId);
      expect(second).toEqual({ outcome: 'not-modified' });
      expect(seenHeaders[0]).toBeUndefined();
      expect(seenHeaders[1]).toBe(
        validator === 'etag' ? responseHeaders['etag'] : SAMPLE_LAST_MODIFIED.toUTCString(),
      );

      await h.drainStories();
      const counts = await h.worker.queues.stories.getJobCounts('completed', 'waiting', 'active');
      expect(counts['completed']).toBe(1); // only the first poll's batch
      const health = await h.feeds.getHealth(feedId);
      expect(health.lastStatus).toBe(304);
      expect(health.consecutiveFailures).toBe(0);
      if (validator === 'etag') expect(health.etag).toBe(responseHeaders['etag']);
      else expect(health.lastModified).toBe(SAMPLE_LAST_MODIFIED.toUTCString());
    },
  );
});

describe('worker: dedupe', () => {
  it('queues nothing on a re-poll, nor after a restart on the same Redis with no validators', async () => {
    server.route('/plain.xml', bytes(feedWith([1, 2, 3])));
    const first = await harness();
    const feedId = await first.addFeed(`${server.url}/plain.xml`);
    expect(await first.poll(feedId)).toEqual({ outcome: 'fetched', items: 3, queued: 3 });
    expect(await first.poll(feedId)).toEqual({ outcome: 'fetched', items: 3, queued: 0 });
    await first.drainStories();
    await first.close();
    harnesses.splice(harnesses.indexOf(first), 1);

    const restarted = await harness();
    expect(await restarted.poll(feedId)).toEqual({ outcome: 'fetched', items: 3, queued: 0 });
    expect((await restarted.feeds.getHealth(feedId)).etag).toBeUndefined();
    expect(await redis.client.xlen(restarted.keys.newStories())).toBe(3);
    expect(await redis.client.zcard(restarted.keys.langIndex('uk'))).toBe(3);
  });

  it('stores and announces once an article that two feeds list and that are polled at the same time', async () => {
    server.route('/all.xml', bytes(feedWith([1, 2])));
    server.route('/section.xml', bytes(feedWith([2, 3])));
    const h = await harness();
    const all = await h.addFeed(`${server.url}/all.xml`);
    const section = await h.addFeed(`${server.url}/section.xml`);
    const results = await Promise.all([h.poll(all), h.poll(section)]);
    expect(results.every((result) => result.outcome === 'fetched')).toBe(true);
    await h.drainStories();
    expect(await redis.client.zcard(h.keys.langIndex('uk'))).toBe(3);
    expect(await redis.client.xlen(h.keys.newStories())).toBe(3);
    // Either way, nothing is queued once both polls have marked what they saw.
    expect(await Promise.all([h.poll(all), h.poll(section)])).toEqual([
      { outcome: 'fetched', items: 2, queued: 0 },
      { outcome: 'fetched', items: 2, queued: 0 },
    ]);
  });

  it('does not queue an item again when the feed drops it and lists it later', async () => {
    let body = feedWith([1, 2, 3]);
    server.route('/changing.xml', (req, res) => void bytes(body)(req, res));
    const h = await harness();
    const feedId = await h.addFeed(`${server.url}/changing.xml`);
    expect(await h.poll(feedId)).toMatchObject({ queued: 3 });
    body = feedWith([2, 3]);
    expect(await h.poll(feedId)).toEqual({ outcome: 'fetched', items: 2, queued: 0 });
    body = feedWith([1, 2, 3, 4]);
    expect(await h.poll(feedId)).toEqual({ outcome: 'fetched', items: 4, queued: 1 });
    await h.drainStories();
    const stored = await h.stories.getMany(await redis.client.zrange(h.keys.langIndex('uk'), '0', '-1'));
    expect(stored).toHaveLength(4);
    expect(await redis.client.xlen(h.keys.newStories())).toBe(4);
  });
});

describe('worker: items older than retention', () => {
  it('follows the configured retention window (RETENTION_DAYS)', async () => {
    const h = await startWorkerHarness(redis, {}, { now: NOW }, 2 * 86_400_000);
    harnesses.push(h);
    const { items } = generatedItems(0, 2);
    const threeDaysOld = { ...items[1]!, guid: 'three-days', link: 'https://news.example/ua/news/3d.html' };
    threeDaysOld.pubDate = new Date(NOW - 3 * 86_400_000);
    server.route(
      '/three-days.xml',
      bytes(rssDocument('Стрічка', 'https://news.example/0/', 'uk', [items[0]!, threeDaysOld])),
    );
    const feedId = await h.addFeed(`${server.url}/three-days.xml`);
    expect(await h.poll(feedId)).toEqual({ outcome: 'fetched', items: 2, queued: 1 });
  });

  it('queues only items published inside the retention window, so an old item relisted later never returns', async () => {
    const h = await harness();
    const { items } = generatedItems(0, 3);
    const old = { ...items[2]!, guid: 'old-item', link: 'https://news.example/ua/news/old.html' };
    old.pubDate = new Date(NOW - 15 * 86_400_000);
    server.route(
      '/with-old-item.xml',
      bytes(rssDocument('Стрічка', 'https://news.example/0/', 'uk', [items[0]!, old])),
    );
    const feedId = await h.addFeed(`${server.url}/with-old-item.xml`);
    expect(await h.poll(feedId)).toEqual({ outcome: 'fetched', items: 2, queued: 1 });
  });
});
