import type { FeedHealth } from '../types.js';

export const MAX_BACKOFF_MS = 6 * 3_600_000;
export const DEAD_AFTER_FAILURES = 20;
export const FAILING_ALERT_AFTER = 5;

export function initialHealth(): FeedHealth {
  return { status: 'ok', lastStatus: 0, consecutiveFailures: 0, itemsPerDay: 0 };
}

/**
 * A feed never polled is polled within this long of being added (or of the first start): the sweeper runs every
 * 5 s, so its first poll starts within 25 s and ends well inside 30 s. The fetcher keeps at most 2 requests per host in flight meanwhile.
 */
export const FIRST_POLL_WINDOW_MS = 20_000;

/** A stable hash of the feed id, so 500 feeds added at once spread out and a restart keeps each feed's slot. */
function feedHash(feedId: string): number {
  let hash = 2166136261;
  for (let i = 0; i < feedId.length; i += 1) {
    hash ^= feedId.charCodeAt(i);
    hash = Math.imul(hash, 16777619) >>> 0;
  }
  return hash;
}

/** When a new feed is first polled: a hashed moment in the next 20 s, never in the same second for all. */
export function firstPollAt(feedId: string, intervalMs: number, now: number): number {
  return now + (feedHash(feedId) % Math.max(1, Math.min(FIRST_POLL_WINDOW_MS, intervalMs)));
}

/**
 * Delay from a feed's first poll to its second. First polls all fall in the same 20 s, so the second one moves
 * the feed to its own hashed slot in the interval (between half an interval and one and a half intervals later);
 * later polls keep that slot, one interval apart, as before.
 */
export function delayAfterFirstPoll(feedId: string, intervalMs: number): number {
  const interval = Math.max(1, intervalMs);
  const phase = feedHash(feedId) % interval;
  return phase < interval / 2 ? phase + interval : phase;
}

/** Delay before the next poll: the interval, doubled per consecutive failure, capped at 6 h. */
export function nextPollDelay(intervalMs: number, consecutiveFailures: number): number {
  if (consecutiveFailures <= 0) return intervalMs;
  const factor = 2 ** Math.min(consecutiveFailures, 30);
  return Math.min(intervalMs * factor, Math.max(MAX_BACKOFF_MS, intervalMs));
}

export interface PollSuccess {
  httpStatus: number;
  at: number;
  etag?: string;
  lastModified?: string;
  encoding?: string;
  /** Items published in the 24 h before `at`, when the feed body was read (not on a 304). */
  itemsPerDay?: number;
  /** Items in the document when the body was read and more than the per-poll cap were dropped. */
  truncatedFrom?: number;
  /** True when the body was read (not a 304), so `truncatedFrom` absent means nothing was dropped. */
  bodyRead?: boolean;
}

export function healthAfterSuccess(previous: FeedHealth, success: PollSuccess): FeedHealth {
  return {
    ...previous,
    status: previous.status === 'paused' ? 'paused' : 'ok',
    lastStatus: success.httpStatus,
    lastAttemptAt: success.at,
    lastSuccessAt: success.at,
    consecutiveFailures: 0,
    lastError: undefined,
    lastErrorCode: undefined,
    etag: success.etag ?? previous.etag,
    lastModified: success.lastModified ?? previous.lastModified,
    encoding: success.encoding ?? previous.encoding,
    itemsPerDay: success.itemsPerDay ?? previous.itemsPerDay,
    truncatedFrom: success.bodyRead ? success.truncatedFrom : previous.truncatedFrom,
  };
}

export interface PollFailure {
  at: number;
  httpStatus: number;
  code: string;
  message: string;
}

export function healthAfterFailure(previous: FeedHealth, failure: PollFailure): FeedHealth {
  const consecutiveFailures = previous.consecutiveFailures + 1;
  const status =
    previous.status === 'paused' ? 'paused' : consecutiveFailures >= DEAD_AFTER_FAILURES ? 'dead' : 'failing';
  return {
    ...previous,
    status,
    lastStatus: failure.httpStatus,
    lastAttemptAt: failure.at,
    consecutiveFailures,
    lastError: failure.message.slice(0, 300),
    lastErrorCode: failure.code,
  };
}

/** Items whose publication time falls in the 24 h before `now`. */
export function countItemsPerDay(publishedAt: readonly number[], now: number): number {
  return publishedAt.filter((time) => time > now - 86_400_000 && time <= now).length;
}
