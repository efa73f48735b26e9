import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createChatStore } from '../../../src/adapters/redis/chat-store.js';
import { createBot } from '../../../src/bot/create-bot.js';
import { runBot } from '../../../src/bot/run-bot.js';
import type { StartupState } from '../../../src/bot/until-started.js';
import { TelegramStartupError } from '../../../src/errors/telegram-startup-error.js';
import { startBotApiServer, type BotApiServer } from '../../../tools/bot-api-server/server.js';
import { createMemoryStoryReader } from '../../../tools/in-memory/memory-story-reader.js';
import { TEST_TOPICS } from '../../../tools/in-memory/test-topics.js';
import { createTestRedis, type TestRedis } from '../../support/test-redis.js';

describe('bot startup against a failing Bot API', () => {
  let api: BotApiServer;
  let redis: TestRedis;
  beforeEach(async () => {
    api = await startBotApiServer();
    redis = await createTestRedis();
  });
  afterEach(async () => {
    await api.close();
    await redis.cleanup();
  });

  const bot = () =>
    createBot(api.token, {
      config: { apiRoot: api.apiRoot, defaultTimezone: 'Europe/Kyiv' },
      logger: pino({ level: 'silent' }),
      digest: async () => undefined,
      chats: createChatStore(redis.client, redis.keys),
      stories: createMemoryStoryReader([]),
      topics: TEST_TOPICS,
    });

  it('a refusal is permanent: one getMe, a TelegramStartupError, no retry loop', async () => {
    api.fail('getMe', { code: 400, description: 'Bad Request: bot is not allowed here' });
    const error = await runBot(bot(), { logger: pino({ level: 'silent' }) }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TelegramStartupError);
    expect((error as Error).message).toBe(
      'the Bot API refused getMe (400: Bad Request: bot is not allowed here)',
    );
    expect(api.calls('getMe')).toHaveLength(1);
  });

  it('dropped connections at start are retried with backoff until the Bot API answers, each failure reported', async () => {
    // Each startup attempt retries a network failure twice itself (0.5 s, 1 s) before it counts as failed.
    api.fail('getMe', { code: 'network' }, { times: 6 });
    const states: StartupState[] = [];
    const running = await runBot(bot(), {
      logger: pino({ level: 'silent' }),
      onState: (state) => states.push(state),
    });
    await running.stop();
    expect(api.calls('getMe')).toHaveLength(7);
    expect(states.map((state) => state.ok)).toEqual([false, false, true]);
    expect(states[0]?.detail).toMatch(/^getMe failed 1x: unreachable.*; next try in 1 s$/);
    expect(states[1]?.detail).toMatch(/^getMe failed 2x: unreachable.*; next try in 2 s$/);
    expect(states[2]?.detail).toBe('polling as @test_bot');
  });
});
