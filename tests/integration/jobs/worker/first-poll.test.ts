import type { IncomingMessage, ServerResponse } from 'node:http';
import { pino } from 'pino';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildWorker, type RunningWorker } from '../../../../jobs/worker-factory.js';
import { createFeedFetcher, type FeedFetcher } from '../../../../src/adapters/http/feed-fetcher.js';
import { feedIdFor } from '../../../../src/core/feed/feed-id.js';
import type { FeedDefinition } from '../../../../src/core/types.js';
import { generatedItems, rssDocument } from '../../../../tools/feed-server/rss-fixtures.js';
import { startFeedServer, type FeedServer } from '../../../../tools/feed-server/server.js';
import { createTestRedis, type TestRedis } from '../../../support/test-redis.js';
import { testWorkerSettings } from '../../../support/test-settings.js';
import { waitFor } from '../../../support/worker-harness.js';

const FEEDS = 50;
const FIRST_POLL_WITHIN_MS = 30_000;

let server: FeedServer;
let redis: TestRedis;
let worker: RunningWorker | undefined;
let fetcher: FeedFetcher | undefined;
let inFlight = 0;
let peakInFlight = 0;

beforeAll(async () => {
  server = await startFeedServer();
  for (let n = 0; n < FEEDS; n += 1) {
    const { lang, items } = generatedItems(n, 3, 0, Date.now());
    const body = rssDocument(`Стрічка ${n}`, `https://news.example/${n}/`, lang, items);
    // Every feed is on one host (the feed server); each response takes 200 ms so overlapping polls are seen.
    server.route(`/first/${n}.xml`, (_req: IncomingMessage, res: ServerResponse) => {
      inFlight += 1;
      peakInFlight = Math.max(peakInFlight, inFlight);
      setTimeout(() => {
        inFlight -= 1;
        res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8' });
        res.end(body);
      }, 200);
    });
  }
});
afterAll(async () => {
  await server.close();
});
beforeEach(async () => {
  redis = await createTestRedis();
});
afterEach(async () => {
  await worker?.close();
  await fetcher?.close();
  await redis.cleanup();
});

describe('first poll after a fresh start', () => {
  it(`polls ${FEEDS} new feeds on one host within 30 s, spread out, at most 2 at a time`, async () => {
    fetcher = createFeedFetcher({ allowPrivate: true });
    const built = await buildWorker({
      connection: redis.client,
      redis: redis.client,
      redisPrefix: redis.prefix,
      settings: testWorkerSettings({}),
      fetcher,
      logger: pino({ level: 'silent' }),
    });
    worker = built.worker;
    const feeds = built.feeds;
    const definitions: FeedDefinition[] = Array.from({ length: FEEDS }, (_, n) => {
      const url = `${server.url}/first/${n}.xml`;
      return {
        id: feedIdFor(url),
        url,
        lang: 'auto',
        name: `Стрічка ${n}`,
        intervalMs: 5 * 60_000,
        topics: [],
      };
    });
    const addedAt = Date.now();
    await feeds.syncFromFile(definitions, addedAt);

    const polledAt = async () =>
      Promise.all(definitions.map(async (feed) => (await feeds.getHealth(feed.id)).lastSuccessAt));
    await waitFor(async () => (await polledAt()).every((at) => at !== undefined), 'every first poll', 40_000);
    const delays = (await polledAt()).map((at) => (at as number) - addedAt);
    const slowest = Math.max(...delays);
    const seconds = new Set(delays.map((delay) => Math.floor(delay / 1000)));
    console.log(
      `first polls of ${FEEDS} feeds: slowest ${(slowest / 1000).toFixed(1)} s after adding, ` +
        `spread over ${seconds.size} distinct seconds, at most ${peakInFlight} requests to the host at once`,
    );
    expect(slowest).toBeLessThan(FIRST_POLL_WITHIN_MS);
    expect(seconds.size).toBeGreaterThanOrEqual(5);
    expect(peakInFlight).toBeLessThanOrEqual(2);
    // From the second poll on each feed sits in its own slot of its 5-minute interval.
    const next = await Promise.all(definitions.map((feed) => feeds.nextPollAt(feed.id)));
    const phases = new Set(next.map((at) => Math.floor(((at as number) - addedAt) / 10_000)));
    expect(phases.size).toBeGreaterThan(15);
  }, 60_000);
});
