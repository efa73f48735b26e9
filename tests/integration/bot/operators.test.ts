import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createChatStore } from '../../../src/adapters/redis/chat-store.js';
import type { BreakingStore } from '../../../src/adapters/redis/breaking-store.js';
import { FeedStore } from '../../../src/adapters/redis/feed-store.js';
import { createKeys } from '../../../src/adapters/redis/keys.js';
import { StoryStore } from '../../../src/adapters/redis/story-store.js';
import { TopicOverridesStore } from '../../../src/adapters/redis/topic-overrides-store.js';
import { createBot } from '../../../src/bot/create-bot.js';
import { createOperatorDeps } from '../../../src/bot/operators/operator-root.js';
import { runBot, type RunningBot } from '../../../src/bot/run-bot.js';
import { feedIdFor } from '../../../src/core/feed/feed-id.js';
import { startBotApiServer, type BotApiServer } from '../../../tools/bot-api-server/server.js';
import { paths, startFeedServer, type FeedServer } from '../../../tools/feed-server/server.js';
import { createMemoryStoryReader } from '../../../tools/in-memory/memory-story-reader.js';
import { createTestRedis, type TestRedis } from '../../support/test-redis.js';
import { TEST_TOPICS } from '../../../tools/in-memory/test-topics.js';

const OPERATOR_ID = 4242;

describe('operator commands over the Bot API with real Redis', () => {
  let api: BotApiServer;
  let redis: TestRedis;
  let feedServer: FeedServer;
  let running: RunningBot;
  let closeOps: () => Promise<void>;
  let logLines: string[];
  let feeds: FeedStore;
  let breaking: BreakingStore;
  let broadcasts: { texts: Partial<Record<'uk' | 'ru', string>>; by: number }[];

  beforeEach(async () => {
    api = await startBotApiServer();
    redis = await createTestRedis();
    feedServer = await startFeedServer();
    logLines = [];
    broadcasts = [];
    const sink = new Writable({
      write(chunk, _enc, done) {
        logLines.push(String(chunk));
        done();
      },
    });
    const logger = pino({ level: 'info' }, sink);
    const keys = createKeys(redis.prefix);
    feeds = new FeedStore(redis.client, keys);
    const operators = createOperatorDeps({
      operatorIds: [OPERATOR_ID],
      redis: redis.client,
      redisUrl: redis.url,
      keys,
      chats: createChatStore(redis.client, keys),
      stories: new StoryStore(redis.client, keys, { retentionMs: 86_400_000, clusterWindowMs: 3_600_000 }),
      allowPrivateFeeds: true,
      queueNames: ['poll'],
      topics: TEST_TOPICS,
      breakingDefaults: { outlets: 4, windowMs: 3_600_000, perDay: 3 },
      broadcast: async (texts, by) => {
        broadcasts.push({ texts, by });
        return `b${broadcasts.length}`;
      },
    });
    breaking = operators.deps.breaking!;
    closeOps = operators.close;
    const bot = createBot(api.token, {
      config: { apiRoot: api.apiRoot, defaultTimezone: 'Europe/Kyiv' },
      logger,
      digest: async () => undefined,
      chats: createChatStore(redis.client, redis.keys),
      stories: createMemoryStoryReader([]),
      topics: TEST_TOPICS,
      operators: operators.deps,
    });
    running = await runBot(bot, { logger });
  });

  afterEach(async () => {
    await running.stop();
    await closeOps();
    await api.close();
    await feedServer.close();
    await redis.cleanup();
  });

  const say = (user: ReturnType<BotApiServer['addUser']>, text: string) => {
    const reply = api.nextSent(user.id);
    api.sendText(user, user.id, text);
    return reply;
  };

  it('refuses every operator command to others and logs each attempt', async () => {
    const stranger = api.addUser({ id: 777 });
    for (const command of ['/feeds', '/addfeed http://x.example/rss', '/rmfeed abc', '/stats', '/export']) {
      expect((await say(stranger, command)).text).toBe('This command is for operators only.');
    }
    const refusals = logLines.filter((line) => line.includes('operator command refused'));
    expect(refusals).toHaveLength(5);
    expect(refusals[0]).toContain('"user_id":777');
    expect(await feeds.list()).toEqual([]);
    expect(api.documents(stranger.id)).toHaveLength(0);
  });

  it('answers operator commands only in a private chat; in a group members get nothing', async () => {
    const op = api.addUser({ id: OPERATOR_ID });
    const member = api.addUser({ id: 778 });
    await feeds.put({
      id: feedIdFor('http://internal.example/rss'),
      url: 'http://internal.example/rss',
      name: 'internal',
      lang: 'uk',
      intervalMs: 300_000,
      source: 'command',
    } as never);
    const chat = api.addChat({ type: 'supergroup', title: 'Team' });
    const reply = api.nextSent(chat.id);
    api.sendText(member, chat.id, '/feeds');
    api.sendText(op, chat.id, '/feeds');
    expect((await reply).text).toBe('Operator commands work only in a private chat with the bot.');
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(api.sent(chat.id).map((m) => m.text)).toEqual([
      'Operator commands work only in a private chat with the bot.',
    ]);
    expect(api.sent(chat.id).some((m) => m.text?.includes('internal.example'))).toBe(false);
    expect((await say(op, '/feeds')).text).toContain('internal');
  });

  it('never uses a raw argument as a key suffix: only feed ids and http(s) URLs name a feed', async () => {
    const op = api.addUser({ id: OPERATOR_ID });
    // A record planted under a key a raw suffix would reach (feed:<anything>) must not be found by it.
    const planted = {
      id: 'planted',
      url: 'http://x.example/rss',
      name: 'planted',
      lang: 'uk',
      intervalMs: 60_000,
    };
    await redis.client.set(`${redis.prefix}:feed:planted`, JSON.stringify(planted));
    await redis.client.set(`${redis.prefix}:feed:x:health`, JSON.stringify(planted));
    for (const ref of ['planted', 'x:health', '*', '../planted']) {
      expect((await say(op, `/pausefeed ${ref}`)).text).toContain('No feed');
    }
    expect(await redis.client.get(`${redis.prefix}:feed:planted`)).toBe(JSON.stringify(planted));
  });

  it('/breaking_threshold shows and tunes the breaking-news rule, in the operator language', async () => {
    const op = api.addUser({ id: OPERATOR_ID, language_code: 'ru' });
    expect((await say(op, '/breaking_threshold')).text).toBe(
      'Срочные новости: 4 разных изданий за 60 мин, не больше 3 в день для чата.',
    );
    expect((await say(op, '/breaking_threshold 3 30 5')).text).toContain('Сохранено');
    expect(await breaking.settings()).toEqual({ outlets: 3, windowMs: 30 * 60_000, perDay: 5 });
    for (const bad of [
      '/breaking_threshold 1',
      '/breaking_threshold 3 2',
      '/breaking_threshold x',
      '/breaking_threshold 3 30 5 9',
    ]) {
      expect((await say(op, bad)).text).toContain('Использование');
    }
    expect(await breaking.settings()).toEqual({ outlets: 3, windowMs: 30 * 60_000, perDay: 5 });
    const stranger = api.addUser({ id: 778 });
    expect((await say(stranger, '/breaking_threshold 2')).text).toBe('This command is for operators only.');
    expect((await breaking.settings()).outlets).toBe(3);
  });

  it('/broadcast sits behind the operator guard: others are refused, an operator queues one per language', async () => {
    const stranger = api.addUser({ id: 778 });
    expect((await say(stranger, '/broadcast hello')).text).toBe('This command is for operators only.');
    expect(broadcasts).toEqual([]);
    const op = api.addUser({ id: OPERATOR_ID });
    expect((await say(op, '/broadcast uk: Привіт | ru: Привет')).text).toBe('Broadcast b1 queued (uk, ru).');
    expect(broadcasts).toEqual([{ texts: { uk: 'Привіт', ru: 'Привет' }, by: OPERATOR_ID }]);
  });

  it('adds a feed after reading it, then lists, pauses, resumes, re-times and removes it', async () => {
    const op = api.addUser({ id: OPERATOR_ID });
    const url = feedServer.url + paths.feed;
    const added = await say(op, `/addfeed ${url} uk 10m`);
    expect(added.text).toContain('Added');
    expect(added.text).toMatch(/items: 3, language: uk .*encoding: utf-8/);
    const id = feedIdFor(url);
    expect(await feeds.get(id)).toMatchObject({ url, lang: 'uk', intervalMs: 600_000, source: 'command' });

    expect((await say(op, `/addfeed ${url}`)).text).toContain('Already listed');
    const broken = await say(op, `/addfeed ${feedServer.url}${paths.html}`);
    expect(broken.text).toContain('Not added');
    expect(await feeds.list()).toHaveLength(1);

    const list = await say(op, '/feeds');
    expect(list.text).toContain(id);
    expect(list.text).toContain('✅');
    expect(JSON.stringify(list.reply_markup)).toContain('ops:feeds:0');

    expect((await say(op, `/pausefeed ${id}`)).text).toContain('Paused');
    expect((await feeds.getHealth(id)).status).toBe('paused');
    expect(await feeds.nextPollAt(id)).toBeUndefined();
    expect((await say(op, `/resumefeed ${id}`)).text).toContain('Resumed');
    expect((await feeds.getHealth(id)).status).toBe('ok');
    expect(await feeds.nextPollAt(id)).toBeDefined();

    expect((await say(op, `/interval ${id} 2m`)).text).toContain('every 2m');
    expect((await feeds.get(id))?.intervalMs).toBe(120_000);
    expect((await say(op, `/interval ${id} 10s`)).text).toContain('Usage');

    expect((await say(op, `/rmfeed ${id}`)).text).toContain('Removed');
    expect(await feeds.get(id)).toBeUndefined();
    expect(await redis.client.sismember(`${redis.prefix}:feeds:removed`, id)).toBe(1);
  });

  it.each([
    {
      lang: 'uk',
      usage: 'Використання: /addfeed &lt;url&gt; [uk|ru|auto] [інтервал, напр. 5m]',
      added: '✅ Додано',
      checked: /новин: 3, мова: uk .*кодування: utf-8/,
      feeds: /^<b>Стрічки<\/b> \(1\) .* — сторінка 1\/1/,
      facts: /кожні 10m · востаннє успішно (ніколи|щойно)/,
      unknown: 'Стрічки <code>nope</code> немає; див. /feeds.',
      removed: '🗑 Видалено',
      refused: 'Ця команда лише для операторів.',
    },
    {
      lang: 'ru',
      usage: 'Использование: /addfeed &lt;url&gt; [uk|ru|auto] [интервал, напр. 5m]',
      added: '✅ Добавлено',
      checked: /новостей: 3, язык: uk .*кодировка: utf-8/,
      feeds: /^<b>Ленты<\/b> \(1\) .* — страница 1\/1/,
      facts: /каждые 10m · последний успех (никогда|только что)/,
      unknown: 'Ленты <code>nope</code> нет; см. /feeds.',
      removed: '🗑 Удалено',
      refused: 'Эта команда только для операторов.',
    },
  ])('speaks $lang to an operator whose Telegram is in $lang, and remembers it for alerts', async (want) => {
    const op = api.addUser({ id: OPERATOR_ID, language_code: want.lang });
    const url = feedServer.url + paths.feed;
    expect((await say(op, '/addfeed')).text).toContain(want.usage);
    const added = await say(op, `/addfeed ${url} uk 10m`);
    expect(added.text).toContain(want.added);
    expect(added.text).toMatch(want.checked);
    const list = (await say(op, '/feeds')).text ?? '';
    expect(list).toMatch(want.feeds);
    expect(list).toMatch(want.facts);
    expect(list).not.toMatch(/every|last ok|failures|items\/day/);
    expect((await say(op, '/rmfeed nope')).text).toBe(want.unknown);
    expect((await say(op, `/rmfeed ${feedIdFor(url)}`)).text).toContain(want.removed);
    expect(await redis.client.hget(`${redis.prefix}:ops:locale`, String(OPERATOR_ID))).toBe(want.lang);

    const stranger = api.addUser({ id: 778, language_code: want.lang });
    expect((await say(stranger, '/feeds')).text).toBe(want.refused);
  });

  it('stores topic keyword overrides in Redis and validates them', async () => {
    const op = api.addUser({ id: OPERATOR_ID });
    const saved = await say(op, '/topic_keywords politics uk верховн рад, нардеп, коаліці');
    expect(saved.text).toContain('Saved 3 stems');
    const store = new TopicOverridesStore(redis.client, createKeys(redis.prefix));
    expect(await store.load()).toEqual({
      politics: { keywords: { uk: ['верховн рад', 'нардеп', 'коаліці'] } },
    });
    expect((await say(op, '/topic_keywords nosuch uk abc')).text).toContain('Unknown topic');
    expect((await say(op, '/topic_keywords politics de abc')).text).toContain('uk or ru');
    expect((await say(op, '/topic_keywords politics uk reset')).text).toContain('reset');
    expect(await store.load()).toEqual({});
  });

  it('imports OPML (duplicates and bad entries reported) and exports the feeds as OPML', async () => {
    const op = api.addUser({ id: OPERATOR_ID });
    const good = feedServer.url + paths.feed;
    const etag = feedServer.url + paths.etag;
    await say(op, `/addfeed ${good}`);
    const opml = `<?xml version="1.0"?><opml version="2.0"><head><title>x</title></head><body>
      <outline text="News"><outline text="Same" xmlUrl="${good}"/>
      <outline text="Etag feed" xmlUrl="${etag}" language="ru"/></outline>
      <outline text="Gone" xmlUrl="${feedServer.url}/status/404"/>
      <outline text="Bad" xmlUrl="ftp://example.com/feed"/></body></opml>`;
    const reply = api.nextSent(op.id, 15_000);
    api.sendDocument(op, op.id, 'feeds.opml', opml);
    const summary = await reply;
    expect(summary.text).toContain('1 added, 1 already listed, 1 failed, 1 invalid');
    expect(await feeds.get(feedIdFor(etag))).toMatchObject({
      name: 'Etag feed',
      lang: 'ru',
      source: 'command',
    });

    api.sendText(op, op.id, '/export');
    const doc = await api.waitFor(() => api.documents(op.id)[0]);
    expect(doc.file_name).toBe('newsdigest-feeds.opml');
    const text = doc.content.toString('utf8');
    expect(text).toContain(`xmlUrl="${good}"`);
    expect(text).toContain(`xmlUrl="${etag}"`);
    expect(text).toContain('language="ru"');
  });

  it('refuses an OPML upload from a non-operator and logs it', async () => {
    const stranger = api.addUser({ id: 778 });
    const reply = api.nextSent(stranger.id);
    api.sendDocument(stranger, stranger.id, 'feeds.opml', '<opml version="2.0"><body/></opml>');
    expect((await reply).text).toContain('operators only');
    expect(logLines.some((line) => line.includes('operator command refused') && line.includes('opml'))).toBe(
      true,
    );
    expect(api.calls('getFile')).toHaveLength(0);
  });

  it('shows /stats with chats, stories, queues and deliveries', async () => {
    const op = api.addUser({ id: OPERATOR_ID, language_code: 'ru' });
    await say(op, '/start');
    const stats = await say(op, '/stats');
    expect(stats.text).toContain('private: 1 (uk 0, ru 1)');
    // In the operator's own language (Russian here).
    expect(stats.text).toContain('активные 1, выключенные 0');
    expect(stats.text).toMatch(/poll: waiting 0/);
    expect(stats.text).toContain('отправлено: 0');
  });
});
