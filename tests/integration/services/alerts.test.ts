import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FeedStore } from '../../../src/adapters/redis/feed-store.js';
import { createKeys } from '../../../src/adapters/redis/keys.js';
import { TopicOverridesStore } from '../../../src/adapters/redis/topic-overrides-store.js';
import { SilenceStore } from '../../../src/adapters/redis/silence-store.js';
import { AlertInbox } from '../../../src/adapters/redis/alert-inbox.js';
import { createTelegramSender } from '../../../src/adapters/telegram/sender.js';
import { startBotApiServer } from '../../../tools/bot-api-server/server.js';
import { startAlertNotifier } from '../../../src/services/alert-notifier.js';
import { createChatStore } from '../../../src/adapters/redis/chat-store.js';
import { OperatorLocaleStore } from '../../../src/adapters/redis/operator-locale-store.js';
import { createI18n } from '../../../src/bot/i18n.js';
import { defaultChatSettings } from '../../../src/core/chat/chat-settings.js';
import { createOperatorLocaleLookup } from '../../../src/services/operator-locale-lookup.js';
import { createSilenceWatch, SILENT_AFTER_MS } from '../../../src/services/silence-watch.js';
import { startLiveTopics } from '../../../src/services/live-topics.js';
import { createTestRedis, type TestRedis } from '../../support/test-redis.js';

const logger = pino({ level: 'silent' });
const i18n = createI18n();
const translate = (locale: string, key: string, variables: Record<string, string | number>): string =>
  i18n.t(locale, key, variables);

describe('feed health alerts', () => {
  let redis: TestRedis;
  beforeEach(async () => {
    redis = await createTestRedis();
  });
  afterEach(() => redis.cleanup());

  const alert = (feedId: string, at: number) => ({
    feedId,
    url: `https://${feedId}.example/rss`,
    kind: 'failing' as const,
    message: 'failed 5 times in a row: HTTP_STATUS',
    at,
  });

  it('delivers each alert once to every operator through the delivery sender, across restarts and a 500', async () => {
    const api = await startBotApiServer();
    try {
      const keys = createKeys(redis.prefix);
      const feeds = new FeedStore(redis.client, keys);
      const sender = createTelegramSender(api.token, api.apiRoot);
      const [one, two] = [api.addUser(), api.addUser()];
      // Both operators have opened their chat with the bot.
      api.privateChat(one);
      api.privateChat(two);
      const texts = (chatId: number) => api.sent(chatId).map((message) => message.text);
      const make = () =>
        startAlertNotifier({
          inbox: new AlertInbox(redis.client, keys),
          operatorIds: [one.id, two.id],
          send: (chatId, html) => sender.send({ chatId, text: html, html: true }),
          translations: async () => translate,
          logger,
          now: Date.now,
          everyMs: 3_600_000,
        });
      await feeds.recordAlert(alert('aaa', Date.now()));
      api.fail('sendMessage', { code: 500 }, { chatId: two.id, times: 1 });
      const first = make();
      await expect(first.runOnce()).rejects.toThrow('transient');
      expect(texts(one.id)).toHaveLength(1);
      expect(texts(two.id)).toHaveLength(0);
      await first.stop();

      // A restart: operator one is not messaged again; operator two gets the alert now.
      const second = make();
      expect(await second.runOnce()).toBe(1);
      expect(texts(one.id)).toHaveLength(1);
      expect(texts(two.id)).toEqual([expect.stringContaining('aaa')]);
      expect(await second.runOnce()).toBe(0);

      // A blocked bot (403) does not heal: that operator is skipped, and the alert still completes.
      api.blockUser(one.id);
      await feeds.recordAlert(alert('bbb', Date.now()));
      expect(await second.runOnce()).toBe(1);
      expect(texts(two.id)).toEqual([expect.stringContaining('aaa'), expect.stringContaining('bbb')]);
      expect(await second.runOnce()).toBe(0);
      await second.stop();
    } finally {
      await api.close();
    }
  });

  it("speaks each operator's language: the one remembered from their commands, else their chat's, else English", async () => {
    const api = await startBotApiServer();
    try {
      const keys = createKeys(redis.prefix);
      const feeds = new FeedStore(redis.client, keys);
      const sender = createTelegramSender(api.token, api.apiRoot);
      const [uk, ru, unknown] = [api.addUser(), api.addUser(), api.addUser()];
      for (const user of [uk, ru, unknown]) api.privateChat(user);
      const remembered = new OperatorLocaleStore(redis.client, keys);
      const chats = createChatStore(redis.client, keys);
      await remembered.remember(uk.id, 'uk');
      // This operator never ran an operator command, but subscribes in Russian in the private chat.
      await chats.save(defaultChatSettings({ chatId: ru.id }, 'private', 'ru', 'Europe/Kyiv', 0));
      const notifier = startAlertNotifier({
        inbox: new AlertInbox(redis.client, keys),
        operatorIds: [uk.id, ru.id, unknown.id],
        send: (chatId, html) => sender.send({ chatId, text: html, html: true }),
        translations: async () => translate,
        localeOf: createOperatorLocaleLookup({ remembered, chats }),
        logger,
        now: Date.now,
        everyMs: 3_600_000,
      });
      await feeds.recordAlert(alert('ccc', Date.now()));
      await feeds.recordAlert({ ...alert('ddd', Date.now()), kind: 'dead' });
      expect(await notifier.runOnce()).toBe(2);
      await notifier.stop();
      const texts = (chatId: number) => api.sent(chatId).map((message) => message.text);
      expect(texts(uk.id)).toEqual([
        '⚠️ <b>Стрічка збоїть</b> <code>ccc</code>\nhttps://ccc.example/rss\nfailed 5 times in a row: HTTP_STATUS',
        '💀 <b>Стрічка не працює</b> <code>ddd</code>\nhttps://ddd.example/rss\nfailed 5 times in a row: HTTP_STATUS',
      ]);
      expect(texts(ru.id)).toEqual([
        '⚠️ <b>Лента сбоит</b> <code>ccc</code>\nhttps://ccc.example/rss\nfailed 5 times in a row: HTTP_STATUS',
        '💀 <b>Лента не работает</b> <code>ddd</code>\nhttps://ddd.example/rss\nfailed 5 times in a row: HTTP_STATUS',
      ]);
      expect(texts(unknown.id)).toEqual([
        '⚠️ <b>Feed failing</b> <code>ccc</code>\nhttps://ccc.example/rss\nfailed 5 times in a row: HTTP_STATUS',
        '💀 <b>Feed dead</b> <code>ddd</code>\nhttps://ddd.example/rss\nfailed 5 times in a row: HTTP_STATUS',
      ]);
    } finally {
      await api.close();
    }
  });

  it('raises silent once per incident and recovered when items return', async () => {
    const keys = createKeys(redis.prefix);
    const feeds = new FeedStore(redis.client, keys);
    await feeds.add(
      {
        id: 'f1',
        url: 'https://f1.example/rss',
        lang: 'uk',
        name: 'F1',
        intervalMs: 300_000,
        topics: [],
        source: 'file',
      },
      0,
    );
    const watch = createSilenceWatch(new SilenceStore(redis.client, keys), feeds);
    const t0 = 1_000_000;
    expect(await watch.check(t0)).toEqual([]);
    expect(await watch.check(t0 + SILENT_AFTER_MS - 1)).toEqual([]);
    expect(await watch.check(t0 + SILENT_AFTER_MS + 1)).toEqual(['f1']);
    expect(await watch.check(t0 + SILENT_AFTER_MS + 60_000)).toEqual([]);
    await watch.noteNewItems('f1', t0 + SILENT_AFTER_MS + 120_000);
    const kinds = (await feeds.recentAlerts(10)).map((each) => each.kind);
    expect(kinds).toEqual(['recovered', 'silent']);
    await watch.noteNewItems('f1', t0 + SILENT_AFTER_MS + 180_000);
    expect(await feeds.recentAlerts(10)).toHaveLength(2);
  });

  it('reloads operator topic keywords into the classifier without a restart', async () => {
    const store = new TopicOverridesStore(redis.client, createKeys(redis.prefix));
    const live = await startLiveTopics({ fileOverrides: {}, store, logger, everyMs: 3_600_000 });
    const input = {
      title: 'Квиддіч повертається до міста',
      summary: '',
      categories: [],
      lang: 'uk' as const,
      feedTopics: [],
    };
    expect(live.classify(input)).not.toContain('culture');
    await store.setKeywords('culture', 'uk', ['квиддіч']);
    expect(await live.reload()).toBe(true);
    expect(live.classify(input)).toContain('culture');
    expect(await live.reload()).toBe(false);
    live.stop();
  });
});
