import { CREDENTIALS_REFUSED, hasCredentials } from '../core/feed/url-credentials.js';
import type { FeedFetcher } from '../adapters/http/feed-fetcher.js';
import type { FeedStore, StoredFeed } from '../adapters/redis/feed-store.js';
import type { FeedCheck } from './feed-check.js';
import { DEFAULT_INTERVAL_MS } from '../core/feed/feeds-file.js';
import { isAllowedInterval } from '../core/ops/operator-args.js';
import { initialHealth } from '../core/feed/feed-health.js';
import { feedIdFor, feedIdFromRef } from '../core/feed/feed-id.js';
import type { FeedLang } from '../core/types.js';

export type AddFeedOutcome =
  | { kind: 'added'; feed: StoredFeed; check: FeedCheck }
  | { kind: 'duplicate'; feed: StoredFeed }
  | { kind: 'invalid'; reason: string }
  | { kind: 'unreachable'; check: FeedCheck };

export type SetIntervalOutcome = { kind: 'changed'; feed: StoredFeed } | { kind: 'invalid'; reason: string };

const INTERVAL_RANGE = 'the interval must be between 1m and 24h';

export interface AddFeedInput {
  url: string;
  lang?: FeedLang;
  intervalMs?: number;
  name?: string;
}

/**
 * Operator changes to the feed registry. Every change is stored with `source: 'command'`, which the feeds file
 * sync leaves alone, so an operator's decision wins over the file for that feed.
 */
export class FeedAdmin {
  constructor(
    private readonly deps: {
      feeds: FeedStore;
      fetcher: FeedFetcher;
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
    if (!isAllowedInterval(intervalMs)) return { kind: 'invalid', reason: INTERVAL_RANGE };
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
    // Loaded here, not at start: reading a feed brings the XML parser, which a bot needs only for this command.
    const { checkFeed } = await import('./feed-check.js');
    const check = await checkFeed(feed, this.deps.fetcher);
    if (!check.ok) return { kind: 'unreachable', check };
    const now = this.deps.now();
    await this.deps.feeds.add(feed, now);
    // The operator wants to see it work: poll at the next sweep rather than somewhere inside the interval.
    await this.deps.feeds.reschedule(id, now);
    await this.deps.feeds.clearRemoved(id);
    return { kind: 'added', feed, check };
  }

  /** Finds a feed by id or by its exact URL. */
  /** The feed an operator names by id or URL; an argument of any other shape is never looked up. */
  async find(ref: string): Promise<StoredFeed | undefined> {
    const id = feedIdFromRef(ref);
    return id === undefined ? undefined : await this.deps.feeds.get(id);
  }

  async remove(feed: StoredFeed): Promise<void> {
    await this.deps.feeds.remove(feed.id);
    await this.deps.feeds.markRemoved(feed.id);
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

  async setInterval(feed: StoredFeed, intervalMs: number): Promise<SetIntervalOutcome> {
    if (!isAllowedInterval(intervalMs)) return { kind: 'invalid', reason: INTERVAL_RANGE };
    const next: StoredFeed = { ...feed, intervalMs, source: 'command' };
    await this.deps.feeds.put(next);
    const due = await this.deps.feeds.nextPollAt(feed.id);
    const soonest = this.deps.now() + intervalMs;
    if (due !== undefined && due > soonest) await this.deps.feeds.scheduleAt(feed.id, soonest);
    return { kind: 'changed', feed: next };
  }
}
