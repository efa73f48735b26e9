import { getMany, type RedisClient } from './redis-client.js';
import { firstPollAt, initialHealth } from '../../core/feed/feed-health.js';
import type { FeedDefinition, FeedHealth } from '../../core/types.js';
import { alertFields, alertFromFields, type FeedAlert } from './alert-record.js';
import type { Keys } from './keys.js';

/** Who last defined a feed: the feeds file seeds and updates `file` feeds; operator commands make them `command`. */
export type FeedSource = 'file' | 'command';

export interface StoredFeed extends FeedDefinition {
  source: FeedSource;
}

export type { FeedAlert };

export interface SyncResult {
  added: string[];
  updated: string[];
  removed: string[];
}

/** Feed registry, per-feed health and the due-time schedule the sweeper reads. */
export class FeedStore {
  constructor(
    private readonly redis: RedisClient,
    private readonly keys: Keys,
  ) {}

  /**
   * Applies the feeds file: new feeds are added and scheduled, file-managed feeds follow the file, feeds changed
   * by an operator command keep the operator's version, and file-managed feeds no longer listed are removed.
   */
  async syncFromFile(feeds: FeedDefinition[], now: number): Promise<SyncResult> {
    const existing = new Map((await this.list()).map((feed) => [feed.id, feed]));
    const result: SyncResult = { added: [], updated: [], removed: [] };
    for (const feed of feeds) {
      const current = existing.get(feed.id);
      existing.delete(feed.id);
      if (!current) {
        await this.add({ ...feed, source: 'file' }, now);
        result.added.push(feed.id);
      } else if (current.source === 'file' && !sameDefinition(current, feed)) {
        await this.put({ ...feed, source: 'file' });
        result.updated.push(feed.id);
      }
    }
    for (const leftover of existing.values()) {
      if (leftover.source === 'file') {
        await this.remove(leftover.id);
        result.removed.push(leftover.id);
      }
    }
    return result;
  }

  /*
   * A feed's record and health hash by their whole keys (feeds spread over a Cluster's masters); the id set and the
   * due index are one key each. So writes are ordered single-slot steps, not one MULTI: a new feed's record and
   * health come before its index entries, and a removed feed leaves the indexes before its record goes. A crash
   * between steps leaves either a record no index names (invisible; re-adding overwrites it) or an index entry
   * whose record is missing, which list() skips and a poll of a missing feed ignores.
   */

  /** Adds a feed and schedules its first poll at a spread-out moment inside its interval. */
  async add(feed: StoredFeed, now: number): Promise<void> {
    await this.redis.hsetnx(this.keys.feedHealth(feed.id), 'json', JSON.stringify(initialHealth()));
    await this.put(feed);
    await this.redis.zadd(this.keys.feedsDue(), 'NX', firstPollAt(feed.id, feed.intervalMs, now), feed.id);
  }

  async put(feed: StoredFeed): Promise<void> {
    await this.redis.set(this.keys.feed(feed.id), JSON.stringify(feed));
    await this.redis.sadd(this.keys.feedIds(), feed.id);
  }

  async remove(id: string): Promise<void> {
    await Promise.all([this.redis.srem(this.keys.feedIds(), id), this.redis.zrem(this.keys.feedsDue(), id)]);
    await Promise.all([this.redis.del(this.keys.feed(id)), this.redis.del(this.keys.feedHealth(id))]);
  }

  async get(id: string): Promise<StoredFeed | undefined> {
    const raw = await this.redis.get(this.keys.feed(id));
    return raw ? (JSON.parse(raw) as StoredFeed) : undefined;
  }

  async list(): Promise<StoredFeed[]> {
    const ids = await this.redis.smembers(this.keys.feedIds());
    if (ids.length === 0) return [];
    const values = await getMany(
      this.redis,
      ids.map((id) => this.keys.feed(id)),
    );
    return values
      .filter((value): value is string => value !== null)
      .map((value) => JSON.parse(value) as StoredFeed)
      .sort((a, b) => a.name.localeCompare(b.name) || a.url.localeCompare(b.url));
  }

  async getHealth(id: string): Promise<FeedHealth> {
    const raw = await this.redis.hget(this.keys.feedHealth(id), 'json');
    return raw ? (JSON.parse(raw) as FeedHealth) : initialHealth();
  }

  async saveHealth(id: string, health: FeedHealth): Promise<void> {
    await this.redis.hset(this.keys.feedHealth(id), 'json', JSON.stringify(health));
  }

  /** Feed ids whose next poll time has passed, oldest first. */
  async due(now: number, limit: number): Promise<string[]> {
    return this.redis.zrangebyscore(this.keys.feedsDue(), '-inf', now, 'LIMIT', 0, limit);
  }

  /** Sets when a feed is next polled; only for feeds still scheduled (XX), so a removed feed stays removed. */
  async scheduleAt(id: string, at: number): Promise<void> {
    await this.redis.zadd(this.keys.feedsDue(), 'XX', at, id);
  }

  /** Puts a feed back on the schedule (resume, or an operator reviving a dead feed). */
  async reschedule(id: string, at: number): Promise<void> {
    await this.redis.zadd(this.keys.feedsDue(), at, id);
  }

  /** Takes a feed off the schedule without deleting it (paused or dead feeds are kept). */
  async unschedule(id: string): Promise<void> {
    await this.redis.zrem(this.keys.feedsDue(), id);
  }

  async nextPollAt(id: string): Promise<number | undefined> {
    const score = await this.redis.zscore(this.keys.feedsDue(), id);
    return score === null ? undefined : Number(score);
  }

  /** Records an operator alert; the alert notifier (through AlertInbox) and the /feeds view read this stream. */
  async recordAlert(alert: FeedAlert): Promise<void> {
    await this.redis.xadd(this.keys.alerts(), 'MAXLEN', '~', '1000', '*', ...alertFields(alert));
  }

  async recentAlerts(count: number): Promise<FeedAlert[]> {
    const entries = await this.redis.xrevrange(this.keys.alerts(), '+', '-', 'COUNT', count);
    return entries.map(([, fields]) => alertFromFields(fields)).filter((alert) => alert !== undefined);
  }

  /** Marks a feed an operator removed, so the feeds file does not bring it back at the next start. */
  async markRemoved(id: string): Promise<void> {
    await this.redis.sadd(this.keys.feedsRemoved(), id);
  }

  /** An operator added the feed again: the file may list it once more. */
  async clearRemoved(id: string): Promise<void> {
    await this.redis.srem(this.keys.feedsRemoved(), id);
  }

  async removedIds(): Promise<Set<string>> {
    return new Set(await this.redis.smembers(this.keys.feedsRemoved()));
  }
}

function sameDefinition(a: FeedDefinition, b: FeedDefinition): boolean {
  return (
    a.url === b.url &&
    a.lang === b.lang &&
    a.name === b.name &&
    a.intervalMs === b.intervalMs &&
    a.topics.join(',') === b.topics.join(',')
  );
}
