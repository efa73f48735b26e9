import { Queue } from 'bullmq';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSweepFeedsProcessor } from '../../../../jobs/processors/sweep-feeds.js';
import type { PollJobData } from '../../../../jobs/queues.js';
import { FeedStore } from '../../../../src/adapters/redis/feed-store.js';
import { createKeys } from '../../../../src/adapters/redis/keys.js';
import { createTestRedis, type TestRedis } from '../../../support/test-redis.js';

const T0 = Date.UTC(2026, 10, 26, 12, 0, 0);
const LEASE = 10 * 60_000;

let redis: TestRedis;
let feeds: FeedStore;
let pollQueue: Queue<PollJobData>;

beforeEach(async () => {
  redis = await createTestRedis();
  const keys = createKeys(redis.prefix);
  feeds = new FeedStore(redis.client, keys);
  // No worker consumes this queue, so every poll the sweeper queues stays pending where the test can see it.
  pollQueue = new Queue<PollJobData>('poll', { connection: redis.client, prefix: keys.bullPrefix('poll') });
  for (const id of ['a', 'b', 'c']) {
    await feeds.add(
      {
        id,
        url: `https://news.example/${id}.xml`,
        lang: 'uk',
        name: id,
        intervalMs: 60_000,
        topics: [],
        source: 'file',
      },
      T0,
    );
  }
  // a and b are due at T0, c only in an hour.
  await feeds.reschedule('a', T0 - 1_000);
  await feeds.reschedule('b', T0);
  await feeds.reschedule('c', T0 + 3_600_000);
});

afterEach(async () => {
  await pollQueue.close();
  await redis.cleanup();
});

async function pendingFeedIds(): Promise<string[]> {
  const jobs = await pollQueue.getJobs(['waiting', 'delayed', 'prioritized', 'active']);
  return jobs.map((job) => job.data.feedId).sort();
}

describe('sweeper', () => {
  it('queues only due feeds and leases them so the next sweep does not queue them again', async () => {
    const clock = { now: T0 };
    const sweep = createSweepFeedsProcessor({ feeds, pollQueue, now: () => clock.now, leaseMs: LEASE });
    expect(await sweep()).toEqual({ queued: 2 });
    expect(await pendingFeedIds()).toEqual(['a', 'b']);
    expect(await feeds.nextPollAt('a')).toBe(T0 + LEASE);
    expect(await feeds.nextPollAt('c')).toBe(T0 + 3_600_000);

    clock.now = T0 + 1_000;
    expect(await sweep()).toEqual({ queued: 0 });
    expect(await pendingFeedIds()).toEqual(['a', 'b']);
  });

  it('keeps at most one pending poll per feed when a sweep runs again after the lease', async () => {
    const clock = { now: T0 };
    const sweep = createSweepFeedsProcessor({ feeds, pollQueue, now: () => clock.now, leaseMs: LEASE });
    await sweep();
    // The polls have not run yet (no worker); the lease runs out and both the sweep and a second sweeper fire.
    clock.now = T0 + LEASE + 1;
    const other = createSweepFeedsProcessor({ feeds, pollQueue, now: () => clock.now, leaseMs: LEASE });
    await Promise.all([sweep(), other()]);
    expect(await pendingFeedIds()).toEqual(['a', 'b']);
    expect(await pollQueue.count()).toBe(2);
  });
});
