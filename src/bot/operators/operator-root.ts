import type { RedisClient } from '../../adapters/redis/redis-client.js';
import { BreakingStore, type BreakingSettings } from '../../adapters/redis/breaking-store.js';
import { readStatsSeries, type StatsSeriesDeps } from '../../adapters/redis/stats-series-reader.js';
import { createLazyFeedFetcher } from '../../adapters/http/lazy-feed-fetcher.js';
import { DeliveryStore } from '../../adapters/redis/delivery-store.js';
import { FeedStore } from '../../adapters/redis/feed-store.js';
import { OperatorLocaleStore } from '../../adapters/redis/operator-locale-store.js';
import type { Keys } from '../../adapters/redis/keys.js';
import type { ChatStore } from '../../adapters/redis/chat-store.js';
import type { StoryStore } from '../../adapters/redis/story-store.js';
import { readOpsStats, type DeliveryCounts } from '../../services/ops-stats.js';
import { TopicOverridesStore } from '../../adapters/redis/topic-overrides-store.js';
import type { TopicDefinition } from '../../core/types.js';
import { FeedAdmin } from '../../services/feed-admin.js';
import { createQueueMonitor } from '../../runtime/queue-monitor.js';
import { connectRedis } from '../../runtime/redis-connection.js';
import type { OperatorDeps } from './operator-deps.js';

export interface OperatorRootOptions {
  operatorIds: readonly number[];
  redis: RedisClient;
  redisUrl: string;
  keys: Keys;
  chats: Pick<ChatStore, 'tally'>;
  stories: Pick<StoryStore, 'countSince'>;
  allowPrivateFeeds: boolean;
  queueNames: readonly string[];
  topics: readonly TopicDefinition[];
  deliveries?: DeliveryCounts;
  /** Hourly delivery counters for the /stats chart; with them, /stats sends a PNG chart. */
  hourlyDeliveries?: StatsSeriesDeps['hourly'];
  broadcast?: OperatorDeps['broadcast'];
  breakingDefaults?: BreakingSettings;
  now?: () => number;
}

/** Builds what the operator commands use; close() releases the fetcher and the queue handles. */
export function createOperatorDeps(options: OperatorRootOptions): {
  deps: OperatorDeps;
  close(): Promise<void>;
} {
  const now = options.now ?? Date.now;
  const feeds = new FeedStore(options.redis, options.keys);
  // The same fetcher settings as the poller: SSRF guard, timeouts, size cap.
  const fetcher = createLazyFeedFetcher({ allowPrivate: options.allowPrivateFeeds });
  const queueConnection = connectRedis(options.redisUrl, 'newsdigest-bot-queues');
  const queues = createQueueMonitor(queueConnection, options.keys.bullPrefix, options.queueNames);
  const deps: OperatorDeps = {
    operatorIds: options.operatorIds,
    feeds,
    admin: new FeedAdmin({ feeds, fetcher, now }),
    topicOverrides: new TopicOverridesStore(options.redis, options.keys),
    topics: () => options.topics,
    locales: new OperatorLocaleStore(options.redis, options.keys),
    ...(options.broadcast ? { broadcast: options.broadcast } : {}),
    ...(options.hourlyDeliveries
      ? {
          chart: {
            series: (range: '24h' | '7d', at: number) =>
              readStatsSeries(
                { redis: options.redis, keys: options.keys, feeds, hourly: options.hourlyDeliveries! },
                range,
                at,
              ),
            // Vega, Vega-Lite and resvg (a native addon) are loaded at the first chart: together they are a
            // fifth of the bot's idle memory, for a command an operator sends now and then.
            render: async (spec: Record<string, unknown>) =>
              (await import('../../adapters/chart/render-png.js')).renderChartPng(spec),
          },
        }
      : {}),
    ...(options.breakingDefaults
      ? { breaking: new BreakingStore(options.redis, options.keys, options.breakingDefaults) }
      : {}),
    stats: () =>
      readOpsStats(
        {
          chats: options.chats,
          stories: options.stories,
          feeds,
          queueCounts: () => queues.counts(),
          deadLetters: new DeliveryStore(options.redis, options.keys),
          ...(options.deliveries ? { deliveries: options.deliveries } : {}),
        },
        now(),
      ),
  };
  return {
    deps,
    async close() {
      await fetcher.close();
      await queues.close();
      await queueConnection.quit();
    },
  };
}
