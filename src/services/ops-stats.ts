import type { OpsStats } from '../core/ops/stats-text.js';
import { LANGS } from '../core/types.js';
import type { ChatStore } from '../adapters/redis/chat-store.js';
import type { FeedStore } from '../adapters/redis/feed-store.js';
import type { StoryStore } from '../adapters/redis/story-store.js';

/** Delivery counters of the last 24 h, when the delivery side records them; zeros otherwise. */
export type DeliveryCounts = () => Promise<OpsStats['deliveries']>;

export interface OpsStatsDeps {
  chats: Pick<ChatStore, 'tally'>;
  stories: Pick<StoryStore, 'countSince'>;
  feeds: FeedStore;
  queueCounts: () => Promise<OpsStats['queues']>;
  deliveries?: DeliveryCounts;
}

/** Gathers /stats from the stores: each answers for its own keys. */
export async function readOpsStats(deps: OpsStatsDeps, now: number): Promise<OpsStats> {
  const [uk, ru] = await Promise.all(
    LANGS.map((lang) => deps.stories.countSince(lang, now - 86_400_000, now)),
  );
  const feedList = await deps.feeds.list();
  const byStatus: Record<string, number> = {};
  for (const feed of feedList) {
    const { status } = await deps.feeds.getHealth(feed.id);
    byStatus[status] = (byStatus[status] ?? 0) + 1;
  }
  return {
    chats: await deps.chats.tally(),
    storiesPerDay: { uk: uk ?? 0, ru: ru ?? 0 },
    queues: await deps.queueCounts(),
    deliveries: deps.deliveries ? await deps.deliveries() : { sent: 0, failed: {} },
    feeds: { total: feedList.length, byStatus },
  };
}
