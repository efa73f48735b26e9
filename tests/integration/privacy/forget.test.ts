import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import type { User } from 'grammy/types';
import { createDigestRequests, type DigestRequests } from '../../../src/adapters/queue/digest-requests.js';
import { createChatForgetter } from '../../../src/adapters/redis/chat-forgetter.js';
import { OperatorLocaleStore } from '../../../src/adapters/redis/operator-locale-store.js';
import { DeliveryStore } from '../../../src/adapters/redis/delivery-store.js';
import { createBot } from '../../../src/bot/create-bot.js';
import { runBot, type RunningBot } from '../../../src/bot/run-bot.js';
import { defaultChatSettings } from '../../../src/core/chat/chat-settings.js';
import { TEST_TOPICS } from '../../../tools/in-memory/test-topics.js';
import {
  drained,
  makeStory,
  startDeliveryHarness,
  type DeliveryHarness,
} from '../jobs/delivery/delivery-harness.js';

const T0 = Date.parse('2025-06-10T05:00:00Z');
const MIN = 60_000;
// Distinctive ids: neither occurs inside a timestamp or another id of this test.
const READER = 918_273_645;
const OTHER = 564_738_291;

let h: DeliveryHarness;
let bot: RunningBot;
let requests: DigestRequests;

afterEach(async () => {
  await bot?.stop();
  await requests?.close();
  await h?.close();
});

async function start(): Promise<void> {
  h = await startDeliveryHarness({ now: T0 });
  requests = createDigestRequests(h.redis.client, h.keys.bullPrefix, () => h.clock.now);
  const delivery = new DeliveryStore(h.redis.client, h.keys);
  const instance = createBot(h.api.token, {
    config: { apiRoot: h.api.apiRoot, defaultTimezone: 'Europe/Kyiv' },
    logger: pino({ level: 'silent' }),
    chats: h.delivery.chats,
    stories: h.stories,
    topics: TEST_TOPICS,
    now: () => h.clock.now,
    digest: (key) => requests.requestDigest(key),
    forget: async (chatId) => {
      await createChatForgetter({
        redis: h.redis.client,
        keys: h.keys,
        chats: h.rawChats,
        delivery,
        breaking: h.delivery.breaking,
      })(chatId);
    },
  });
  bot = await runBot(instance, { logger: pino({ level: 'silent' }) });
  await h.addStories([
    makeStory({ id: 'uk1', title: 'Рада ухвалила закон про вибори', publishedAt: T0 - 30 * MIN }),
    makeStory({ id: 'ru1', title: 'Рада приняла закон о выборах', lang: 'ru', publishedAt: T0 - 30 * MIN }),
  ]);
}

async function say(from: User, chatId: number, text: string) {
  const reply = h.api.nextSent(chatId);
  h.api.sendText(from, chatId, text);
  return reply;
}

/** Every key of the test's private prefix whose name or value contains `needle`. */
async function keysNaming(needle: string): Promise<string[]> {
  const redis = h.redis.client;
  const found: string[] = [];
  for await (const batch of redis.scanStream({ match: `${h.redis.prefix}*`, count: 500 })) {
    for (const key of batch as string[]) {
      const type = await redis.type(key);
      let values: string[] = [];
      if (type === 'string') values = [(await redis.get(key)) ?? ''];
      else if (type === 'hash') values = Object.entries(await redis.hgetall(key)).flat();
      else if (type === 'set') values = await redis.smembers(key);
      else if (type === 'zset') values = await redis.zrange(key, '0', '-1');
      else if (type === 'list') values = await redis.lrange(key, 0, -1);
      else if (type === 'stream')
        values = ((await redis.xrange(key, '-', '+')) as [string, string[]][]).flatMap(([, f]) => f);
      if (key.includes(needle) || values.some((value) => value.includes(needle))) found.push(key);
    }
  }
  return found;
}

describe('/forget', () => {
  it(
    'leaves the chat id nowhere in Redis after a chat used every feature, and keeps other chats',
    { timeout: 30_000 },
    async () => {
      await start();
      const reader = h.api.addUser({ id: READER, language_code: 'uk' });
      const other = h.api.addUser({ id: OTHER, language_code: 'uk' });
      await say(reader, READER, '/start');
      await say(reader, READER, '/lang ru');
      await say(reader, READER, '/subscribe war economy');
      await say(reader, READER, '/follow Укренерго');
      await say(reader, READER, '/mute футбол');
      await say(reader, READER, '/timezone Europe/Warsaw');
      await say(reader, READER, '/schedule 08:00,20:00');
      await say(other, OTHER, '/start');
      await say(other, OTHER, '/schedule 08:00');

      // Digests with ledgers, a gate and a last-digest mark; then a 403 that leaves a strike.
      h.clock.now += MIN;
      await say(reader, READER, '/digest');
      await drained(h.delivery);
      await say(other, OTHER, '/digest');
      await drained(h.delivery);
      h.api.fail(
        'sendMessage',
        { code: 403, description: 'Forbidden: bot was blocked by the user' },
        {
          times: 1,
          chatId: READER,
        },
      );
      h.clock.now += MIN;
      await say(reader, READER, '/digest');
      await drained(h.delivery);
      // Breaking news on, with quiet hours, and one breaking message received (daily count, ledger).
      await say(reader, READER, '/breaking on');
      await say(reader, READER, '/quiet 01:00-06:00');
      const outlets = ['Интерфакс-Украина', 'РБК-Украина', 'Зеркало недели', 'Украинская правда'];
      const cluster = outlets.map((outlet, i) =>
        makeStory({
          id: `b${i}`,
          clusterId: 'b0',
          outlet,
          lang: 'ru',
          title: 'Взрывы в Киеве',
          publishedAt: h.clock.now - i * MIN,
        }),
      );
      await h.addStories(cluster);
      expect((await h.delivery.breakingStories(cluster.map((s) => s.id))).queued).toBe(1);
      await drained(h.delivery);
      expect(h.api.sent(READER).at(-1)?.text).toContain('Срочно');
      // Instant mode with pending work, a channel the reader linked, and a dead letter naming the reader.
      await say(reader, READER, '/schedule instant');
      const delivery = new DeliveryStore(h.redis.client, h.keys);
      await delivery.queueInstant([{ chat: String(READER), storyIds: ['uk1'] }], h.clock.now + 5 * MIN);
      const channel = h.api.addChat({ type: 'channel', title: 'Канал', username: 'kanal_news' });
      await h.rawChats.save({
        ...defaultChatSettings({ chatId: channel.id }, 'channel', 'uk', 'Europe/Kyiv', h.clock.now),
        linkedBy: READER,
      });
      await delivery.addDeadLetter({
        queue: 'digest',
        name: 'build',
        chats: [String(READER)],
        reason: 'x',
        at: T0,
      });
      // The reader is an operator too: the bot remembered their language for alerts.
      await new OperatorLocaleStore(h.redis.client, h.keys).remember(READER, 'ru');

      const before = await keysNaming(String(READER));
      // The fixture really spreads the chat over the stores the issue names.
      expect(before.length).toBeGreaterThanOrEqual(8);
      expect(await h.rawChats.get({ chatId: READER })).toBeDefined();

      const ask = await say(reader, READER, '/forget');
      expect(ask.text).toContain('Удалить всё');
      const answered = h.api.calls('answerCallbackQuery').length;
      h.api.pressButton(reader, READER, ask.message_id, 'fg:yes');
      await h.api.waitFor(() => h.api.calls('answerCallbackQuery').length > answered);
      expect(h.api.sent(READER).find((m) => m.message_id === ask.message_id)?.text).toContain('Готово');

      expect(await keysNaming(String(READER))).toEqual([]);
      // The other reader and the channel keep their subscriptions.
      expect(await h.rawChats.get({ chatId: OTHER })).toMatchObject({ schedule: { kind: 'times' } });
      expect((await keysNaming(String(OTHER))).length).toBeGreaterThan(0);
      expect(await h.rawChats.get({ chatId: channel.id })).toMatchObject({ active: true });
    },
  );

  it('cancel deletes nothing', async () => {
    await start();
    const reader = h.api.addUser({ id: READER, language_code: 'uk' });
    await say(reader, READER, '/mute футбол');
    const ask = await say(reader, READER, '/forget');
    const answered = h.api.calls('answerCallbackQuery').length;
    h.api.pressButton(reader, READER, ask.message_id, 'fg:no');
    await h.api.waitFor(() => h.api.calls('answerCallbackQuery').length > answered);
    expect(h.api.sent(READER).find((m) => m.message_id === ask.message_id)?.text).toBe('Нічого не видалено.');
    expect(await h.rawChats.get({ chatId: READER })).toMatchObject({ mute: ['футбол'] });
  });
});
