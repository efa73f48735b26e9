import { loadFeedsFile } from '../adapters/feeds-file-loader.js';
import { createChatStore } from '../adapters/redis/chat-store.js';
import { createKeys } from '../adapters/redis/keys.js';
import { StoryStore } from '../adapters/redis/story-store.js';
import { CLUSTER_WINDOW_MS } from '../core/cluster/similarity.js';
import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import { connectRedis } from '../runtime/redis-connection.js';
import { buildTopics } from '../runtime/topics-runtime.js';
import { createBot } from './create-bot.js';
import { runBot } from './run-bot.js';

export interface BotRoot {
  close(): Promise<void>;
}

/** The bot composition root: from validated config to a bot taking updates (long polling or webhook). */
export async function startBotRoot(config: Config, logger: Logger, redisUrl: string): Promise<BotRoot> {
  if (!config.BOT_TOKEN) throw new Error('startBotRoot needs BOT_TOKEN');
  const feedsFile = await loadFeedsFile(config.FEEDS_FILE);
  const redis = connectRedis(redisUrl, 'newsdigest-bot');
  const keys = createKeys(config.REDIS_PREFIX);
  const { topics } = buildTopics(feedsFile.topics);
  const bot = createBot(config.BOT_TOKEN, {
    config: { apiRoot: config.TELEGRAM_API_ROOT, defaultTimezone: config.DEFAULT_TIMEZONE },
    logger: logger.child({ component: 'bot' }),
    redis,
    chats: createChatStore(redis, config.REDIS_PREFIX),
    stories: new StoryStore(redis, keys, {
      retentionMs: config.RETENTION_DAYS * 86_400_000,
      clusterWindowMs: CLUSTER_WINDOW_MS,
    }),
    topics,
  });
  const running = await runBot(bot, {
    logger,
    ...(config.WEBHOOK_URL && config.WEBHOOK_SECRET
      ? { webhook: { url: config.WEBHOOK_URL, secret: config.WEBHOOK_SECRET, port: config.WEBHOOK_PORT } }
      : {}),
  });
  return {
    async close() {
      await running.stop();
      await redis.quit();
    },
  };
}
