import type { FeedStore } from '../adapters/redis/feed-store.js';
import type { SilenceStore } from '../adapters/redis/silence-store.js';

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
export function createSilenceWatch(store: SilenceStore, feeds: FeedStore): SilenceWatch {
  return {
    async noteNewItems(feedId, at) {
      if (await store.noteNewItems(feedId, at)) {
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
        const lastNew = await store.lastNewAt(feed.id);
        if (lastNew === undefined) {
          // First sighting: the clock starts now, so a fresh deploy does not flag every feed at once.
          await store.startClock(feed.id, now);
          continue;
        }
        const quietFor = now - lastNew;
        if (quietFor < SILENT_AFTER_MS) continue;
        if (!(await store.openIncident(feed.id, now))) continue;
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
