import { pino } from 'pino';
import { createChatStore, type ChatStore } from '../../../src/adapters/redis/chat-store.js';
import { createBot } from '../../../src/bot/create-bot.js';
import { runBot, type RunningBot } from '../../../src/bot/run-bot.js';
import type { Story } from '../../../src/core/types.js';
import { startBotApiServer, type BotApiServer } from '../../../tools/bot-api-server/server.js';
import { createMemoryStoryReader } from '../../../tools/in-memory/memory-story-reader.js';
import { createTestRedis, type TestRedis } from '../../support/test-redis.js';
import { TEST_TOPICS } from '../../../tools/in-memory/test-topics.js';

export interface LiveBot {
  api: BotApiServer;
  redis: TestRedis;
  chats: ChatStore;
  running: RunningBot;
  /** Stops the running bot and starts a fresh instance on the same Redis (a process restart). */
  restart(): Promise<void>;
  close(): Promise<void>;
}

/** The real bot, long polling a local Bot API server, with settings in the run's private Redis. */
export async function startLiveBot(stories: Story[] = []): Promise<LiveBot> {
  const api = await startBotApiServer();
  const redis = await createTestRedis();
  const chats = createChatStore(redis.client, redis.keys);
  const logger = pino({ level: 'silent' });
  const start = async (): Promise<RunningBot> => {
    const bot = createBot(api.token, {
      config: { apiRoot: api.apiRoot, defaultTimezone: 'Europe/Kyiv' },
      logger,
      digest: async () => undefined,
      chats,
      stories: createMemoryStoryReader(stories),
      topics: TEST_TOPICS,
    });
    return runBot(bot, { logger });
  };
  const live: LiveBot = {
    api,
    redis,
    chats,
    running: await start(),
    async restart() {
      await live.running.stop();
      live.running = await start();
    },
    async close() {
      await live.running.stop();
      await api.close();
      await redis.cleanup();
    },
  };
  return live;
}
