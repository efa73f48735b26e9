import type { Redis } from 'ioredis';
import type { FeedStore } from '../adapters/redis/feed-store.js';
import type { Keys } from '../adapters/redis/keys.js';

/** A feed that publishes nothing new for this long gets a `silent` alert (once per incident). */
export const SILENT_AFTER_MS = 24 * 3_600_000;

export interface SilenceWatch {
  /** Called after a poll queued new stories; ends a silent incident with a `recovered` alert. */
  noteNewItems(feedId: string, at: number): Promise<void>;
  /** Raises `silent` for feeds quiet longer than SILENT_AFTER_MS; returns the ids alerted now. */
  check(now: number): Promise<string[]>;
}

/**
 * Tracks when each feed last brought a story we had not seen. The incident marker is set with NX, so several
 * workers checking at once raise one alert, and it is cleared by the first new item.
 */
export function createSilenceWatch(redis: Redis, keys: Keys, feeds: FeedStore): SilenceWatch {
  const lastNewKey = `${keys.feedIds()}:last-new`;
  const incidentKey = (id: string) => `${keys.feed(id)}:silent`;
  return {
    async noteNewItems(feedId, at) {
      const [, ended] =
        (await redis.multi().hset(lastNewKey, feedId, at).del(incidentKey(feedId)).exec()) ?? [];
      if (ended?.[1] === 1) {
        const feed = await feeds.get(feedId);
        await feeds.recordAlert({
          feedId,
          url: feed?.url ?? '',
          kind: 'recovered',
          message: 'publishing again after a silent spell',
          at,
        });
      }
    },
    async check(now) {
      const alerted: string[] = [];
      for (const feed of await feeds.list()) {
        const health = await feeds.getHealth(feed.id);
        if (health.status === 'paused' || health.status === 'dead') continue;
        const raw = await redis.hget(lastNewKey, feed.id);
        if (raw === null) {
          // First sighting: the clock starts now, so a fresh deploy does not flag every feed at once.
          await redis.hsetnx(lastNewKey, feed.id, now);
          continue;
        }
        const quietFor = now - Number(raw);
        if (quietFor < SILENT_AFTER_MS) continue;
        const opened = await redis.set(incidentKey(feed.id), String(now), 'NX');
        if (opened !== 'OK') continue;
        await feeds.recordAlert({
          feedId: feed.id,
          url: feed.url,
          kind: 'silent',
          message: `no new items for ${Math.floor(quietFor / 3_600_000)} h`,
          at: now,
        });
        alerted.push(feed.id);
      }
      return alerted;
    },
  };
}
