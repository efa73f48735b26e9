import { loadFeedsFile } from '../adapters/feeds-file-loader.js';
import { createDigestRequests } from '../adapters/queue/digest-requests.js';
import { BreakingStore } from '../adapters/redis/breaking-store.js';
import { breakingDefaults } from '../services/breaking-defaults.js';
import { createChatForgetter } from '../adapters/redis/chat-forgetter.js';
import { createChatStore } from '../adapters/redis/chat-store.js';
import { DeliveryStore } from '../adapters/redis/delivery-store.js';
import { withDeliveryIndex } from '../adapters/redis/indexed-chat-store.js';
import { createKeys } from '../adapters/redis/keys.js';
import { StoryStore } from '../adapters/redis/story-store.js';
import { CLUSTER_WINDOW_MS } from '../core/cluster/similarity.js';
import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import { connectRedis } from '../runtime/redis-connection.js';
import type { ServiceExtras } from '../runtime/run-services.js';
import { buildTopics } from '../services/build-topics.js';
import { createBot, type CreateBotDeps } from './create-bot.js';
import { DeliveryStats } from '../adapters/redis/delivery-stats.js';
import { createOperatorDeps } from './operators/operator-root.js';
import { runBot } from './run-bot.js';

export interface BotRoot {
  close(): Promise<void>;
}

/** The bot composition root: from validated config to a bot taking updates (long polling or webhook). */
export async function startBotRoot(
  config: Config,
  logger: Logger,
  redisUrl: string,
  extras?: ServiceExtras,
): Promise<BotRoot> {
  if (!config.BOT_TOKEN) throw new Error('startBotRoot needs BOT_TOKEN');
  const feedsFile = await loadFeedsFile(config.FEEDS_FILE);
  const redis = connectRedis(redisUrl, 'newsdigest-bot');
  const keys = createKeys(config.REDIS_PREFIX);
  const { topics } = buildTopics(feedsFile.topics);
  const deliveryStats = new DeliveryStats(redis, config.REDIS_PREFIX);
  const requests = createDigestRequests(redis, keys.bullPrefix());
  const operators =
    config.OPERATOR_IDS.length > 0
      ? createOperatorDeps({
          operatorIds: config.OPERATOR_IDS,
          redis,
          redisUrl,
          keys,
          allowPrivateFeeds: config.ALLOW_PRIVATE_FEEDS,
          queueNames: extras?.queueNames ?? [],
          topics,
          deliveries: () => deliveryStats.last24h(Date.now()),
          hourlyDeliveries: (at, hours) => deliveryStats.hourly(at, hours),
          broadcast: (texts, by) => requests.broadcast(texts, by),
          breakingDefaults: breakingDefaults(config),
        })
      : undefined;
  const rawChats = createChatStore(redis, config.REDIS_PREFIX);
  const breaking = new BreakingStore(redis, keys, breakingDefaults(config));
  const deliveryStore = new DeliveryStore(redis, keys);
  const forgetChat = createChatForgetter({ redis, keys, chats: rawChats, delivery: deliveryStore, breaking });
  const deps: CreateBotDeps = {
    ...(operators ? { operators: operators.deps } : {}),
    config: {
      apiRoot: config.TELEGRAM_API_ROOT,
      defaultTimezone: config.DEFAULT_TIMEZONE,
      inline: config.INLINE_MODE,
    },
    logger: logger.child({ component: 'bot' }),
    // Settings changes keep the delivery worker's due index current, so its minute tick never scans chats.
    chats: withDeliveryIndex(rawChats, deliveryStore, Date.now),
    stories: new StoryStore(redis, keys, {
      retentionMs: config.RETENTION_DAYS * 86_400_000,
      clusterWindowMs: CLUSTER_WINDOW_MS,
    }),
    topics,
    digest: (key) => requests.requestDigest(key),
    forget: async (chatId) => {
      await forgetChat(chatId);
    },
  };
  const bot = createBot(config.BOT_TOKEN, deps);
  const running = await runBot(bot, {
    logger,
    inline: config.INLINE_MODE,
    ...(config.WEBHOOK_URL && config.WEBHOOK_SECRET
      ? { webhook: { url: config.WEBHOOK_URL, secret: config.WEBHOOK_SECRET, port: config.WEBHOOK_PORT } }
      : {}),
  });
  return {
    async close() {
      await running.stop();
      await operators?.close();
      await requests.close();
      await redis.quit();
    },
  };
}
