import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { MAX_BACKOFF_MS } from '../../../../src/core/feed/feed-health.js';
import {
  bytes,
  paths,
  sampleFeed,
  startFeedServer,
  status,
  type FeedServer,
} from '../../../../tools/feed-server/server.js';
import { createTestRedis, type TestRedis } from '../../../support/test-redis.js';
import { startWorkerHarness, T0, type WorkerHarness } from '../../../support/worker-harness.js';

const INTERVAL = 60_000;

let server: FeedServer;
let redis: TestRedis;
const harnesses: WorkerHarness[] = [];

async function harness(options: Parameters<typeof startWorkerHarness>[1] = {}): Promise<WorkerHarness> {
  const started = await startWorkerHarness(redis, { timeoutMs: 300, maxBytes: 64 * 1024, ...options });
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

describe('worker: a failing feed is recorded, backed off and never crashes the job', () => {
  it.each([
    { name: '404', path: paths.status(404), code: 'HTTP_STATUS', lastStatus: 404 },
    { name: '500', path: paths.status(500), code: 'HTTP_STATUS', lastStatus: 500 },
    { name: 'timeout', path: paths.slow(3_000), code: 'TIMEOUT', lastStatus: 0 },
    { name: 'oversized body', path: paths.big(1_000_000), code: 'TOO_LARGE', lastStatus: 200 },
    { name: 'redirect loop', path: paths.redirectLoop, code: 'TOO_MANY_REDIRECTS', lastStatus: 302 },
    { name: 'HTML page', path: paths.html, code: 'NOT_A_FEED', lastStatus: 200 },
  ])('$name -> $code', async ({ path, code, lastStatus }) => {
    const h = await harness();
    const feedId = await h.addFeed(server.url + path, { intervalMs: INTERVAL });
    const result = await h.poll(feedId);
    expect(result).toEqual({ outcome: 'failed', code, consecutiveFailures: 1 });
    const health = await h.feeds.getHealth(feedId);
    expect(health).toMatchObject({
      status: 'failing',
      lastErrorCode: code,
      lastStatus,
      consecutiveFailures: 1,
      lastAttemptAt: T0,
    });
    expect(health.lastSuccessAt).toBeUndefined();
    expect(await h.feeds.nextPollAt(feedId)).toBe(T0 + INTERVAL * 2);
    expect(await h.worker.queues.poll.getJobCounts('failed')).toEqual({ failed: 0 });
    expect(await h.worker.queues.stories.count()).toBe(0);
  });

  it('refuses a loopback feed when private addresses are not allowed (SSRF guard)', async () => {
    const h = await harness({ allowPrivate: false });
    const feedId = await h.addFeed(server.url + paths.feed, { intervalMs: INTERVAL });
    expect(await h.poll(feedId)).toEqual({
      outcome: 'failed',
      code: 'PRIVATE_ADDRESS',
      consecutiveFailures: 1,
    });
    expect(await h.feeds.getHealth(feedId)).toMatchObject({
      lastErrorCode: 'PRIVATE_ADDRESS',
      status: 'failing',
    });
    expect(server.hits(paths.feed)).toBe(0);
  });

  it('reads a gzip-encoded feed', async () => {
    const h = await harness();
    const feedId = await h.addFeed(server.url + paths.gzip, { intervalMs: INTERVAL });
    expect(await h.poll(feedId)).toEqual({ outcome: 'fetched', items: 3, queued: 3 });
    expect(await h.feeds.getHealth(feedId)).toMatchObject({
      status: 'ok',
      lastStatus: 200,
      consecutiveFailures: 0,
    });
    expect(await h.feeds.nextPollAt(feedId)).toBe(T0 + INTERVAL);
  });
});

describe('worker: back-off, failing and dead alerts, recovery', () => {
  it('backs off exponentially up to 6 h, alerts at 5 failures, and marks the feed dead at 20', async () => {
    const h = await harness();
    const feedId = await h.addFeed(server.url + paths.status(404), { intervalMs: INTERVAL });
    const delays: number[] = [];
    for (let failure = 1; failure <= 19; failure += 1) {
      const result = await h.poll(feedId);
      expect(result).toEqual({ outcome: 'failed', code: 'HTTP_STATUS', consecutiveFailures: failure });
      const next = (await h.feeds.nextPollAt(feedId)) as number;
      delays.push(next - h.clock.now);
      h.clock.now = next;
      const alerts = await h.feeds.recentAlerts(10);
      expect(alerts.map((alert) => alert.kind)).toEqual(failure >= 5 ? ['failing'] : []);
    }
    const expected = delays.map((_, index) => Math.min(INTERVAL * 2 ** (index + 1), MAX_BACKOFF_MS));
    expect(delays).toEqual(expected);
    expect(
      delays.slice(0, 8).every((delay, index) => index === 0 || delay === 2 * (delays[index - 1] ?? 0)),
    ).toBe(true);
    expect(delays.at(-1)).toBe(MAX_BACKOFF_MS);

    expect(await h.poll(feedId)).toEqual({ outcome: 'failed', code: 'HTTP_STATUS', consecutiveFailures: 20 });
    expect(await h.feeds.getHealth(feedId)).toMatchObject({ status: 'dead', consecutiveFailures: 20 });
    expect(await h.feeds.nextPollAt(feedId)).toBeUndefined();
    expect(await h.feeds.get(feedId)).toMatchObject({ id: feedId });
    const alerts = await h.feeds.recentAlerts(10);
    expect(alerts.map((alert) => alert.kind)).toEqual(['dead', 'failing']);
    expect(alerts[0]).toMatchObject({ feedId, at: h.clock.now });

    // A poll that still arrives for a dead feed is skipped without fetching.
    const hits = server.hits(paths.status(404));
    expect(await h.poll(feedId)).toEqual({ outcome: 'skipped', reason: 'dead' });
    expect(server.hits(paths.status(404))).toBe(hits);
  });

  it('resets the counter on success and records a recovery after 5 or more failures', async () => {
    let healthy = false;
    server.route('/flaky.xml', (req, res) => void (healthy ? bytes(sampleFeed()) : status(503))(req, res));
    const h = await harness();
    const feedId = await h.addFeed(`${server.url}/flaky.xml`, { intervalMs: INTERVAL });
    for (let failure = 1; failure <= 6; failure += 1) {
      expect(await h.poll(feedId)).toMatchObject({ outcome: 'failed', consecutiveFailures: failure });
    }
    healthy = true;
    h.clock.now += 3_600_000;
    expect(await h.poll(feedId)).toMatchObject({ outcome: 'fetched', queued: 3 });
    const health = await h.feeds.getHealth(feedId);
    expect(health).toMatchObject({
      status: 'ok',
      consecutiveFailures: 0,
      lastStatus: 200,
      lastSuccessAt: h.clock.now,
    });
    expect(health.lastErrorCode).toBeUndefined();
    expect(await h.feeds.nextPollAt(feedId)).toBe(h.clock.now + INTERVAL);
    const alerts = await h.feeds.recentAlerts(10);
    expect(alerts.map((alert) => alert.kind)).toEqual(['recovered', 'failing']);
    expect(alerts[0]?.message).toContain('6');
  });

  it('records no recovery when the feed had fewer than 5 failures', async () => {
    let healthy = false;
    server.route('/blip.xml', (req, res) => void (healthy ? bytes(sampleFeed()) : status(500))(req, res));
    const h = await harness();
    const feedId = await h.addFeed(`${server.url}/blip.xml`, { intervalMs: INTERVAL });
    for (let failure = 1; failure <= 4; failure += 1) await h.poll(feedId);
    healthy = true;
    expect(await h.poll(feedId)).toMatchObject({ outcome: 'fetched' });
    expect((await h.feeds.getHealth(feedId)).consecutiveFailures).toBe(0);
    expect(await h.feeds.recentAlerts(10)).toEqual([]);
  });
});
