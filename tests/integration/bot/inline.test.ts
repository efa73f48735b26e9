import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { createChatStore } from '../../../src/adapters/redis/chat-store.js';
import { createKeys } from '../../../src/adapters/redis/keys.js';
import { StoryStore } from '../../../src/adapters/redis/story-store.js';
import { createBot } from '../../../src/bot/create-bot.js';
import { runBot, type RunningBot } from '../../../src/bot/run-bot.js';
import type { Story } from '../../../src/core/types.js';
import { startBotApiServer, type BotApiServer } from '../../../tools/bot-api-server/server.js';
import { makeStory } from '../../../tools/in-memory/memory-story-reader.js';
import { TEST_TOPICS } from '../../../tools/in-memory/test-topics.js';
import { createTestRedis, type TestRedis } from '../../support/test-redis.js';

const NOW = Date.parse('2025-06-10T09:00:00Z');
const HOUR = 3_600_000;

let api: BotApiServer;
let redis: TestRedis;
let running: RunningBot | undefined;

afterEach(async () => {
  await running?.stop();
  running = undefined;
  await api.close();
  await redis.cleanup();
});

async function start(inline: boolean, stories: Story[]): Promise<StoryStore> {
  api = await startBotApiServer();
  redis = await createTestRedis();
  const store = new StoryStore(redis.client, createKeys(redis.prefix), {
    retentionMs: 14 * 24 * HOUR,
    clusterWindowMs: 36 * HOUR,
  });
  await store.save(
    stories.map((story) => ({ story, shingles: '', bands: [] })),
    NOW,
  );
  const logger = pino({ level: 'silent' });
  const bot = createBot(api.token, {
    config: { apiRoot: api.apiRoot, defaultTimezone: 'Europe/Kyiv', inline },
    logger,
    digest: async () => undefined,
    chats: createChatStore(redis.client, createKeys(redis.prefix)),
    stories: store,
    topics: TEST_TOPICS,
    now: () => NOW,
  });
  running = await runBot(bot, { logger, inline });
  return store;
}

const STORIES = [
  makeStory({
    id: 'en1',
    title: 'Укренерго оголосило графіки відключень',
    summary: 'Енергетики попередили про знеструмлення <увечері>.',
    outlet: 'УНІАН',
    url: 'https://www.unian.ua/energetics/1.html',
    publishedAt: NOW - 2 * HOUR,
  }),
  makeStory({
    id: 'en2',
    clusterId: 'en1',
    outlet: 'Укрінформ',
    title: 'Графіки відключень',
    publishedAt: NOW - HOUR,
  }),
  makeStory({ id: 'w1', title: 'Обстріл Харкова', outlet: 'Суспільне', publishedAt: NOW - 30 * 60_000 }),
  makeStory({ id: 'old', title: 'Укренерго торік', publishedAt: NOW - 30 * HOUR }),
  makeStory({ id: 'r1', lang: 'ru', title: 'Укрэнерго объявило графики', publishedAt: NOW - HOUR }),
];

async function ask(query: string, languageCode = 'uk') {
  const user = api.addUser({ language_code: languageCode });
  const update = api.inlineQuery(user, query);
  const id = update.inline_query!.id;
  await api.waitFor(() => api.inlineAnswer(id) !== undefined);
  const answer = api.inlineAnswer(id)!;
  return {
    answer,
    results: answer.results as {
      id: string;
      title: string;
      description: string;
      url?: string;
      input_message_content: { message_text: string };
    }[],
  };
}

describe('inline mode', () => {
  it('offers the stories /search would find, with title, summary, outlet and link, in the user language', async () => {
    await start(true, STORIES);
    const { answer, results } = await ask('укренерго');
    expect(results.map((r) => r.id)).toEqual(['en1', 'old']);
    const first = results[0]!;
    expect(first.title).toBe('Укренерго оголосило графіки відключень');
    expect(first.url).toBe('https://www.unian.ua/energetics/1.html');
    expect(first.description).toContain('УНІАН');
    expect(first.input_message_content.message_text).toContain('&lt;увечері&gt;');
    expect(first.input_message_content.message_text).toContain('2 джерела');
    expect(answer.cache_time).toBe(60);
    expect(answer.is_personal).toBe(true);

    const ru = await ask('укрэнерго', 'ru');
    expect(ru.results.map((r) => r.id)).toEqual(['r1']);
  });

  it('an empty query offers the top stories of the day, the most widely reported first', async () => {
    await start(true, STORIES);
    const { results } = await ask('');
    // One entry per cluster (its newest report stands for it), yesterday's story left out.
    expect(results.map((r) => r.id)).toEqual(['en2', 'w1']);
  });

  it('with inline mode off the bot does not ask for inline queries, so none reach it', async () => {
    await start(false, STORIES);
    const user = api.addUser({ language_code: 'uk' });
    const update = api.inlineQuery(user, 'укренерго');
    // A message sent after the query is answered, so the bot has polled past the query by then.
    const reply = api.nextSent(user.id);
    api.sendText(user, user.id, '/help');
    await reply;
    expect(api.inlineAnswer(update.inline_query!.id)).toBeUndefined();
    expect(api.calls('answerInlineQuery')).toHaveLength(0);
  });
});
