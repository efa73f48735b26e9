import type { Job, Queue } from 'bullmq';
import type { FeedFetcher } from '../../src/adapters/http/feed-fetcher.js';
import type { FeedStore } from '../../src/adapters/redis/feed-store.js';
import type { SeenStore } from '../../src/adapters/redis/seen-store.js';
import {
  countItemsPerDay,
  DEAD_AFTER_FAILURES,
  delayAfterFirstPoll,
  FAILING_ALERT_AFTER,
  healthAfterFailure,
  healthAfterSuccess,
  nextPollDelay,
} from '../../src/core/feed/feed-health.js';
import type { FeedHealth, NormalisedStory } from '../../src/core/types.js';
import { FeedFetchError } from '../../src/errors/feed-fetch-error.js';
import { FeedParseError } from '../../src/errors/feed-parse-error.js';
import { redactUrlCredentials } from '../../src/core/text/redact-url-credentials.js';
import { readFeed } from '../../src/services/read-feed.js';
import type { Logger } from '../../src/logger.js';
import { STORIES_BATCH, storiesJobId, type PollJobData, type StoriesJobData } from '../queues.js';

export interface PollFeedDeps {
  feeds: FeedStore;
  seen: SeenStore;
  fetcher: FeedFetcher;
  storiesQueue: Queue<StoriesJobData>;
  logger: Logger;
  now: () => number;
  /** Items published longer ago than this are not queued: past retention they could never be shown. */
  maxAgeMs: number;
}

export type PollResult =
  | { outcome: 'skipped'; reason: 'unknown-feed' | 'paused' | 'dead' }
  | { outcome: 'not-modified' }
  | { outcome: 'fetched'; items: number; queued: number }
  | { outcome: 'failed'; code: string; consecutiveFailures: number };

/**
 * Polls one feed: reads it, queues stories never seen before, and records the feed's health and next poll time.
 * A feed's own failure (network, HTTP, parse) completes the job and backs the feed off; only infrastructure errors
 * (Redis) throw, so BullMQ retries the job.
 */
export function createPollFeedProcessor(deps: PollFeedDeps) {
  return async (job: Job<PollJobData>): Promise<PollResult> => {
    const { feedId } = job.data;
    // Both reads go out at once (one write on the worker's pipelining connection).
    const [feed, health] = await Promise.all([deps.feeds.get(feedId), deps.feeds.getHealth(feedId)]);
    if (!feed) {
      await deps.feeds.unschedule(feedId);
      return { outcome: 'skipped', reason: 'unknown-feed' };
    }
    if (health.status === 'paused' || health.status === 'dead') {
      await deps.feeds.unschedule(feedId);
      return { outcome: 'skipped', reason: health.status };
    }

    let reading;
    try {
      reading = await readFeed(
        deps.fetcher,
        feed,
        { etag: health.etag, lastModified: health.lastModified },
        deps.now,
      );
    } catch (error) {
      if (!(error instanceof FeedFetchError) && !(error instanceof FeedParseError)) throw error;
      // A URL with user:password@ (stored before such URLs were refused) must not spread into health records,
      // alerts or logs: everything below sees it masked, and so does the error's message.
      return recordFailure(deps, feedId, redactUrlCredentials(feed.url), feed.intervalMs, health, error);
    }

    const at = deps.now();
    if (reading.kind === 'not-modified') {
      await saveSuccess(deps, feedId, redactUrlCredentials(feed.url), feed.intervalMs, health, {
        httpStatus: 304,
        at,
        etag: reading.etag,
        lastModified: reading.lastModified,
      });
      return { outcome: 'not-modified' };
    }

    const queued = await queueUnseen(deps, feedId, reading.stories);
    await saveSuccess(deps, feedId, redactUrlCredentials(feed.url), feed.intervalMs, health, {
      httpStatus: reading.httpStatus,
      at,
      etag: reading.etag,
      lastModified: reading.lastModified,
      encoding: reading.encoding,
      bodyRead: true,
      ...(reading.truncatedFrom === undefined ? {} : { truncatedFrom: reading.truncatedFrom }),
      itemsPerDay: countItemsPerDay(
        reading.stories.map((story) => story.publishedAt),
        at,
      ),
    });
    if (reading.truncatedFrom !== undefined) {
      deps.logger.warn(
        { feedId, items: reading.truncatedFrom, kept: reading.stories.length },
        'feed truncated to its newest items',
      );
    }
    return { outcome: 'fetched', items: reading.stories.length, queued };
  };
}

async function queueUnseen(deps: PollFeedDeps, feedId: string, all: NormalisedStory[]): Promise<number> {
  // Old items are dropped before dedupe: their dedupe keys would have expired, so re-listing them would queue them.
  const oldest = deps.now() - deps.maxAgeMs;
  const stories = all.filter((story) => story.publishedAt >= oldest);
  const unseenIds = new Set(await deps.seen.unseen(stories.map((story) => story.id)));
  const fresh = stories.filter((story) => unseenIds.has(story.id));
  if (fresh.length === 0) return 0;
  const jobs = [];
  for (let start = 0; start < fresh.length; start += STORIES_BATCH) {
    const batch = fresh.slice(start, start + STORIES_BATCH);
    const first = batch[0] as NormalisedStory;
    jobs.push({
      name: 'stories',
      data: { feedId, stories: batch },
      opts: { jobId: storiesJobId(feedId, first.id, batch.length) },
    });
  }
  await deps.storiesQueue.addBulk(jobs);
  // Marked only once queued: a crash in between re-queues on the next poll, and the store skips stored ids.
  await deps.seen.markSeen(fresh.map((story) => story.id));
  return fresh.length;
}

async function saveSuccess(
  deps: PollFeedDeps,
  feedId: string,
  url: string,
  intervalMs: number,
  previous: FeedHealth,
  success: Parameters<typeof healthAfterSuccess>[1],
): Promise<void> {
  const health = healthAfterSuccess(previous, success);
  // The first poll came within seconds of the feed being added; from the second on, the feed has its own slot.
  const delay =
    previous.lastAttemptAt === undefined
      ? delayAfterFirstPoll(feedId, intervalMs)
      : nextPollDelay(intervalMs, 0);
  // Independent keys, written at once: if only one lands, the feed is polled early or its health lags one poll.
  await Promise.all([
    deps.feeds.saveHealth(feedId, health),
    deps.feeds.scheduleAt(feedId, success.at + delay),
  ]);
  if (previous.consecutiveFailures >= FAILING_ALERT_AFTER) {
    await deps.feeds.recordAlert({
      feedId,
      url,
      kind: 'recovered',
      message: `recovered after ${previous.consecutiveFailures} failures`,
      at: success.at,
    });
  }
}

async function recordFailure(
  deps: PollFeedDeps,
  feedId: string,
  url: string,
  intervalMs: number,
  previous: FeedHealth,
  error: FeedFetchError | FeedParseError,
): Promise<PollResult> {
  const at = deps.now();
  const httpStatus = error instanceof FeedFetchError ? (error.httpStatus ?? 0) : 200;
  const message = redactUrlCredentials(error.message);
  const health = healthAfterFailure(previous, { at, httpStatus, code: error.code, message });
  await deps.feeds.saveHealth(feedId, health);
  deps.logger.warn(
    { feedId, url, code: error.code, failures: health.consecutiveFailures },
    'feed poll failed',
  );
  if (health.status === 'dead') {
    // Dead feeds are kept but no longer polled; an operator can resume them.
    await deps.feeds.unschedule(feedId);
    if (previous.status !== 'dead') {
      await deps.feeds.recordAlert({
        feedId,
        url,
        kind: 'dead',
        message: `marked dead after ${DEAD_AFTER_FAILURES} consecutive failures: ${error.code}`,
        at,
      });
    }
  } else {
    await deps.feeds.scheduleAt(feedId, at + nextPollDelay(intervalMs, health.consecutiveFailures));
    if (health.consecutiveFailures === FAILING_ALERT_AFTER) {
      await deps.feeds.recordAlert({
        feedId,
        url,
        kind: 'failing',
        message: `failed ${FAILING_ALERT_AFTER} times in a row: ${error.code}`,
        at,
      });
    }
  }
  return { outcome: 'failed', code: error.code, consecutiveFailures: health.consecutiveFailures };
}
