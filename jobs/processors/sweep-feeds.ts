import type { Queue } from 'bullmq';
import type { FeedStore } from '../../src/adapters/redis/feed-store.js';
import { pollJobOptions, type PollJobData } from '../queues.js';

export interface SweepFeedsDeps {
  feeds: FeedStore;
  pollQueue: Queue<PollJobData>;
  now: () => number;
  /** How long a queued poll may take before the sweeper may queue the feed again. */
  leaseMs?: number;
  batch?: number;
}

/**
 * Queues a poll for every feed whose time has come. One sweeper job scheduler replaces 500 per-feed schedulers:
 * per-feed intervals, spread start times and failure back-off are all just the score of a sorted set, and the
 * poll deduplication id keeps at most one pending poll per feed even with several workers sweeping.
 */
export function createSweepFeedsProcessor(deps: SweepFeedsDeps) {
  const leaseMs = deps.leaseMs ?? 10 * 60_000;
  const batch = deps.batch ?? 1000;
  return async (): Promise<{ queued: number }> => {
    const now = deps.now();
    const due = await deps.feeds.due(now, batch);
    if (due.length === 0) return { queued: 0 };
    await deps.pollQueue.addBulk(
      due.map((feedId) => ({ name: 'poll', data: { feedId }, opts: pollJobOptions(feedId) })),
    );
    // The poll itself sets the real next time; the lease only stops re-queuing while it waits or runs.
    for (const feedId of due) await deps.feeds.scheduleAt(feedId, now + leaseMs);
    return { queued: due.length };
  };
}
