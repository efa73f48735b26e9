import { CREDENTIALS_REFUSED, hasCredentials } from '../core/feed/url-credentials.js';
import type { FeedFetcher } from '../adapters/http/feed-fetcher.js';
import type { FeedStore, StoredFeed } from '../adapters/redis/feed-store.js';
import type { Keys } from '../adapters/redis/keys.js';
import { checkFeed, type FeedCheckResult } from '../cli/feeds-check.js';
import { DEFAULT_INTERVAL_MS, MIN_INTERVAL_MS } from '../core/feeds/feeds-file.js';
import { initialHealth } from '../core/feeds/feed-health.js';
import { feedIdFor } from '../core/feeds/feed-id.js';
import type { FeedLang } from '../core/types.js';
import type { Redis } from 'ioredis';

export type AddFeedOutcome =
  | { kind: 'added'; feed: StoredFeed; check: FeedCheckResult }
  | { kind: 'duplicate'; feed: StoredFeed }
  | { kind: 'invalid'; reason: string }
  | { kind: 'unreachable'; check: FeedCheckResult };

export interface AddFeedInput {
  url: string;
  lang?: FeedLang;
  intervalMs?: number;
  name?: string;
}

export const MAX_INTERVAL_MS = 24 * 3_600_000;

/** The key of feeds an operator removed; the feeds file does not bring them back at the next start. */
export const removedFeedsKey = (keys: Keys): string => `${keys.feedIds()}:removed`;

/**
 * Operator changes to the feed registry. Every change is stored with `source: 'command'`, which the feeds file
 * sync leaves alone, so an operator's decision wins over the file for that feed.
 */
export class FeedAdmin {
  constructor(
    private readonly deps: {
      feeds: FeedStore;
      fetcher: FeedFetcher;
      redis: Redis;
      keys: Keys;
      now: () => number;
    },
  ) {}

  /** Fetches and parses the feed once (SSRF guard and size limits of the poller) before saving it. */
  async add(input: AddFeedInput): Promise<AddFeedOutcome> {
    let url: URL;
    try {
      url = new URL(input.url.trim());
    } catch {
      return { kind: 'invalid', reason: 'not a URL' };
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      return { kind: 'invalid', reason: 'only http:// and https:// feeds' };
    }
    if (hasCredentials(input.url)) return { kind: 'invalid', reason: `the URL ${CREDENTIALS_REFUSED}` };
    const intervalMs = input.intervalMs ?? DEFAULT_INTERVAL_MS;
    if (intervalMs < MIN_INTERVAL_MS || intervalMs > MAX_INTERVAL_MS) {
      return { kind: 'invalid', reason: 'the interval must be between 1m and 24h' };
    }
    const href = input.url.trim();
    const id = feedIdFor(href);
    const existing = await this.deps.feeds.get(id);
    if (existing) return { kind: 'duplicate', feed: existing };
    const feed: StoredFeed = {
      id,
      url: href,
      lang: input.lang ?? 'auto',
      name: input.name ?? url.hostname.replace(/^www\./, ''),
      intervalMs,
      topics: [],
      source: 'command',
    };
    const check = await checkFeed(feed, this.deps.fetcher);
    if (!check.ok) return { kind: 'unreachable', check };
    const now = this.deps.now();
    await this.deps.feeds.add(feed, now);
    // The operator wants to see it work: poll at the next sweep rather than somewhere inside the interval.
    await this.deps.feeds.reschedule(id, now);
    await this.deps.redis.srem(removedFeedsKey(this.deps.keys), id);
    return { kind: 'added', feed, check };
  }

  /** Finds a feed by id or by its exact URL. */
  async find(ref: string): Promise<StoredFeed | undefined> {
    const text = ref.trim();
    return (await this.deps.feeds.get(text)) ?? (await this.deps.feeds.get(feedIdFor(text)));
  }

  async remove(feed: StoredFeed): Promise<void> {
    await this.deps.feeds.remove(feed.id);
    await this.deps.redis.sadd(removedFeedsKey(this.deps.keys), feed.id);
  }

  async pause(feed: StoredFeed): Promise<void> {
    await this.deps.feeds.put({ ...feed, source: 'command' });
    const health = await this.deps.feeds.getHealth(feed.id);
    await this.deps.feeds.saveHealth(feed.id, { ...health, status: 'paused' });
    await this.deps.feeds.unschedule(feed.id);
  }

  /** Also revives a dead feed: failures are forgotten and it is polled at the next sweep. */
  async resume(feed: StoredFeed): Promise<void> {
    await this.deps.feeds.put({ ...feed, source: 'command' });
    const health = await this.deps.feeds.getHealth(feed.id);
    await this.deps.feeds.saveHealth(feed.id, {
      ...initialHealth(),
      ...health,
      status: 'ok',
      consecutiveFailures: 0,
    });
    await this.deps.feeds.reschedule(feed.id, this.deps.now());
  }

  async setInterval(feed: StoredFeed, intervalMs: number): Promise<StoredFeed> {
    const next: StoredFeed = { ...feed, intervalMs, source: 'command' };
    await this.deps.feeds.put(next);
    const due = await this.deps.feeds.nextPollAt(feed.id);
    const soonest = this.deps.now() + intervalMs;
    if (due !== undefined && due > soonest) await this.deps.feeds.scheduleAt(feed.id, soonest);
    return next;
  }
}
