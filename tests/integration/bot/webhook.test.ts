import { pino } from 'pino';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { findFreePort } from '../../../src/lib/free-port.js';
import { createChatStore } from '../../../src/adapters/redis/chat-store.js';
import { createBot } from '../../../src/bot/create-bot.js';
import { runBot, type RunningBot } from '../../../src/bot/run-bot.js';
import { startBotApiServer, type BotApiServer } from '../../../tools/bot-api-server/server.js';
import { createMemoryStoryReader } from '../../../tools/in-memory/memory-story-reader.js';
import { createTestRedis, type TestRedis } from '../../support/test-redis.js';
import { TEST_TOPICS } from '../../../tools/in-memory/test-topics.js';

const SECRET = 'webhook_secret-123';

let api: BotApiServer;
let redis: TestRedis;
let running: RunningBot;
let endpoint: string;

beforeEach(async () => {
  api = await startBotApiServer();
  // The fake server only delivers to chats it knows, as Telegram does.
  api.privateChat(api.addUser({ id: 5001, first_name: 'Ira', language_code: 'uk' }));
  redis = await createTestRedis();
  const port = await findFreePort();
  endpoint = `http://127.0.0.1:${port}/tg/hook`;
  const logger = pino({ level: 'silent' });
  const bot = createBot(api.token, {
    config: { apiRoot: api.apiRoot, defaultTimezone: 'Europe/Kyiv' },
    logger,
    digest: async () => undefined,
    chats: createChatStore(redis.client, redis.keys),
    stories: createMemoryStoryReader([]),
    topics: TEST_TOPICS,
  });
  running = await runBot(bot, {
    logger,
    webhook: { url: `https://bot.example.com/tg/hook`, secret: SECRET, port, host: '127.0.0.1' },
  });
});
afterEach(async () => {
  await running.stop();
  await api.close();
  await redis.cleanup();
});

function update(id: number) {
  return {
    update_id: id,
    message: {
      message_id: id,
      date: Math.floor(Date.now() / 1000),
      chat: { id: 5001, type: 'private', first_name: 'Ira' },
      from: { id: 5001, is_bot: false, first_name: 'Ira', language_code: 'uk' },
      text: '/help',
      entities: [{ type: 'bot_command', offset: 0, length: 5 }],
    },
  };
}

const post = (body: unknown, secret?: string) =>
  fetch(endpoint, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(secret ? { 'x-telegram-bot-api-secret-token': secret } : {}),
    },
    body: JSON.stringify(body),
  });

it('registers the webhook with its secret and answers updates that carry the secret', async () => {
  expect(api.webhook()).toMatchObject({ url: 'https://bot.example.com/tg/hook', secret_token: SECRET });
  const response = await post(update(1), SECRET);
  expect(response.status).toBe(200);
  const reply = await api.waitFor(() => api.sent(5001)[0]);
  expect(reply.text).toContain('/start');
});

it('refuses updates without the right secret and handles nothing', async () => {
  expect((await post(update(2))).status).toBe(401);
  expect((await post(update(3), 'wrong-secret')).status).toBe(401);
  const elsewhere = await fetch(endpoint.replace('/tg/hook', '/other'), { method: 'POST', body: '{}' });
  expect(elsewhere.status).toBe(404);
  await new Promise((resolve) => setTimeout(resolve, 200));
  expect(api.sent(5001)).toHaveLength(0);
});
