import type { Redis } from 'ioredis';
import type { ChatSettings } from '../../core/chat/chat-settings.js';
import type { OpsStats } from '../../core/ops/stats-text.js';
import { LANGS } from '../../core/types.js';
import { DeliveryStore } from './delivery-store.js';
import type { FeedStore } from './feed-store.js';
import type { Keys } from './keys.js';

/** Delivery counters of the last 24 h, when the delivery side records them; zeros otherwise. */
export type DeliveryCounts = () => Promise<OpsStats['deliveries']>;

export interface OpsStatsDeps {
  redis: Redis;
  keys: Keys;
  feeds: FeedStore;
  queueCounts: () => Promise<OpsStats['queues']>;
  deliveries?: DeliveryCounts;
}

// Chat records are `<prefix>:chat:<id>` or `<prefix>:chat:<id>:<thread>`; index keys have a `*` segment.
const CHAT_ID = /^-?\d+(?::\d+)?$/;

/** Gathers /stats from Redis. Chats are found by SCAN: fine for an operator command, never on a hot path. */
export async function readOpsStats(deps: OpsStatsDeps, now: number): Promise<OpsStats> {
  const chatPrefix = `${deps.keys.prefix}:chat:`;
  const chats: OpsStats['chats'] = { byKind: {}, active: 0, deactivated: 0, paused: 0 };
  let cursor = '0';
  do {
    const [next, found] = await deps.redis.scan(cursor, 'MATCH', `${chatPrefix}*`, 'COUNT', 1000);
    cursor = next;
    const ids = found.filter((key) => CHAT_ID.test(key.slice(chatPrefix.length)));
    if (ids.length === 0) continue;
    for (const raw of await deps.redis.mget(...ids)) {
      if (raw === null) continue;
      const chat = JSON.parse(raw) as ChatSettings;
      const kind = (chats.byKind[chat.kind] ??= {});
      kind[chat.lang] = (kind[chat.lang] ?? 0) + 1;
      if (!chat.active) chats.deactivated += 1;
      else if (chat.paused) chats.paused += 1;
      else chats.active += 1;
    }
  } while (cursor !== '0');

  const [uk, ru] = await Promise.all(
    LANGS.map((lang) => deps.redis.zcount(deps.keys.langIndex(lang), now - 86_400_000, now)),
  );
  const feedList = await deps.feeds.list();
  const byStatus: Record<string, number> = {};
  for (const feed of feedList) {
    const { status } = await deps.feeds.getHealth(feed.id);
    byStatus[status] = (byStatus[status] ?? 0) + 1;
  }
  const letters = new DeliveryStore(deps.redis, deps.keys);
  const [total, newest] = await Promise.all([letters.deadLetterCount(), letters.deadLetters(3)]);
  return {
    deadLetters: { total, newest },
    chats,
    storiesPerDay: { uk: uk ?? 0, ru: ru ?? 0 },
    queues: await deps.queueCounts(),
    deliveries: deps.deliveries ? await deps.deliveries() : { sent: 0, failed: {} },
    feeds: { total: feedList.length, byStatus },
  };
}
