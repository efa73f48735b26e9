import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { createDigestRequests, type DigestRequests } from '../../../../src/adapters/queue/digest-requests.js';
import { appendNewStoryEvents } from '../../../../src/adapters/redis/story-events.js';
import { createBot } from '../../../../src/bot/create-bot.js';
import { runBot, type RunningBot } from '../../../../src/bot/run-bot.js';
import type { User } from 'grammy/types';
import { TEST_TOPICS } from '../../../../tools/in-memory/test-topics.js';
import {
  addDigestAudience,
  drained,
  FORUM_THREAD,
  makeStory,
  startDeliveryHarness,
  type DeliveryHarness,
} from './delivery-harness.js';

/**
 * Issue 14, end to end: the real bot (long polling the local Bot API server) takes the subscriptions, the real
 * worker builds and delivers. A forum thread's chat key is `<chatId>:<threadId>`; BullMQ refused every job id built
 * from it, so one thread at the head of a batch cost every chat due that minute its digest.
 */
const T0 = Date.parse('2025-06-10T05:00:00Z'); // 08:00 in Kyiv
const MIN = 60_000;
const AT = '08:03';

let h: DeliveryHarness;
let bot: RunningBot;
let requests: DigestRequests;

async function start(options: { instant?: boolean } = {}): Promise<void> {
  h = await startDeliveryHarness({ now: T0, ...options });
  requests = createDigestRequests(h.redis.client, h.keys.bullPrefix, () => h.clock.now);
  const instance = createBot(h.api.token, {
    config: { apiRoot: h.api.apiRoot, defaultTimezone: 'Europe/Kyiv' },
    logger: pino({ level: 'silent' }),
    // The indexed store, as in production: settings changes keep the due index current.
    chats: h.delivery.chats,
    stories: h.stories,
    topics: TEST_TOPICS,
    now: () => h.clock.now,
    digest: (key) => requests.requestDigest(key),
  });
  bot = await runBot(instance, { logger: pino({ level: 'silent' }) });
  await h.addStories([
    makeStory({ id: 'uk1', title: 'Рада ухвалила закон про вибори', publishedAt: T0 - 30 * MIN }),
    makeStory({ id: 'ru1', title: 'Рада приняла закон о выборах', lang: 'ru', publishedAt: T0 - 30 * MIN }),
  ]);
}

afterEach(async () => {
  await bot?.stop();
  await requests?.close();
  await h?.close();
});

/** Sends a command as `from` and waits for the bot's answer in that chat (and thread). */
async function say(from: User, chatId: number, text: string, threadId?: number) {
  const reply = h.api.nextSent(chatId);
  h.api.sendText(from, chatId, text, threadId === undefined ? {} : { threadId });
  const message = await reply;
  expect(message.message_thread_id).toBe(threadId);
  return message;
}

async function runTick(at: number) {
  h.clock.now = at;
  const result = await h.delivery.tick();
  await drained(h.delivery);
  return result;
}

/** Messages the bot sent to a chat (and thread) since `mark`, which is a count taken from `h.api.sent`. */
const sentSince = (chatId: number, mark: number, threadId?: number) =>
  h.api
    .sent(chatId)
    .slice(mark)
    .filter((m) => m.message_thread_id === threadId);

describe('scheduled digests reach forum threads, groups, channels and private chats in one tick', () => {
  it('each subscribed chat gets exactly one digest in its language and thread; the other thread gets none', async () => {
    await start();
    const audience = addDigestAudience(h.api);
    const { reader, admin, owner, forum, group, channel } = audience;

    await say(reader, reader.id, '/start');
    await say(reader, reader.id, '/lang uk');
    await say(reader, reader.id, `/schedule ${AT}`);

    await say(admin, group.id, '/start');
    await say(admin, group.id, '/lang ru');
    await say(admin, group.id, `/schedule ${AT}`);

    await say(admin, forum.id, '/start', FORUM_THREAD);
    await say(admin, forum.id, '/lang uk', FORUM_THREAD);
    await say(admin, forum.id, '/subscribe politics', FORUM_THREAD);
    await say(admin, forum.id, `/schedule ${AT}`, FORUM_THREAD);
    // Thread 9 is known to the bot but never subscribes.
    await say(admin, forum.id, '/latest', 9);

    expect((await say(owner, owner.id, '/channel add @kanal_news')).text).toContain('підключено');
    await say(owner, owner.id, '/channel @kanal_news lang ru');
    await say(owner, owner.id, `/channel @kanal_news schedule ${AT}`);
    // The commands stored what the shared fixture says the audience is (the cluster test stores it directly).
    for (const { key, kind, lang } of audience.subscriptions)
      expect(await h.delivery.chats.get(key), JSON.stringify(key)).toMatchObject({
        kind,
        lang,
        schedule: { kind: 'times', times: [AT] },
      });

    const marks = {
      reader: h.api.sent(reader.id).length,
      group: h.api.sent(group.id).length,
      forum: h.api.sent(forum.id).length,
      channel: h.api.sent(channel.id).length,
    };
    await runTick(T0 + 2 * MIN); // not due yet
    expect(h.api.sent(reader.id)).toHaveLength(marks.reader);

    const tick = await runTick(T0 + 3 * MIN + 5_000);
    expect(tick).toEqual({ due: 4, failed: 0 });

    const [toReader] = sentSince(reader.id, marks.reader);
    expect(sentSince(reader.id, marks.reader)).toHaveLength(1);
    expect(toReader!.text).toContain('Рада ухвалила закон про вибори');

    const inGroup = sentSince(group.id, marks.group);
    expect(inGroup).toHaveLength(1);
    expect(inGroup[0]!.text).toContain('Рада приняла закон о выборах');

    const inThread = sentSince(forum.id, marks.forum, FORUM_THREAD);
    expect(inThread).toHaveLength(1);
    expect(inThread[0]!.text).toContain('Рада ухвалила закон про вибори');
    expect(inThread[0]!.text).not.toContain('Рада приняла');
    expect(sentSince(forum.id, marks.forum, 9)).toHaveLength(0);
    expect(sentSince(forum.id, marks.forum, undefined)).toHaveLength(0);

    const inChannel = sentSince(channel.id, marks.channel);
    expect(inChannel).toHaveLength(1);
    expect(inChannel[0]!.text).toContain('Рада приняла закон о выборах');

    // Every chat moved on to tomorrow's slot: nothing is left claimed under a lease.
    const tomorrow = T0 + 24 * 60 * MIN + 3 * MIN;
    expect(await h.delivery.store.dueAt(`${forum.id}:${FORUM_THREAD}`)).toBe(tomorrow);
    expect(await h.delivery.store.dueAt(String(channel.id))).toBe(tomorrow);
    expect(await h.delivery.store.deadLetters()).toEqual([]);
  });

  it('/digest in a forum thread is delivered into that thread', async () => {
    await start();
    const admin = h.api.addUser({ language_code: 'uk' });
    const forum = h.api.addChat({ type: 'supergroup', title: 'Форум', is_forum: true });
    h.api.setMember(forum.id, admin, 'creator');
    await say(admin, forum.id, '/start', 7);
    await say(admin, forum.id, '/lang ru', 7);
    const mark = h.api.sent(forum.id).length;

    h.clock.now = T0 + MIN;
    await say(admin, forum.id, '/digest', 7);
    await expect.poll(() => sentSince(forum.id, mark, 7).length, { timeout: 10_000 }).toBe(2);
    const digest = sentSince(forum.id, mark, 7)[1]!;
    expect(digest.text).toContain('Рада приняла закон о выборах');
    expect(
      h.api
        .sent(forum.id)
        .slice(mark)
        .every((m) => m.message_thread_id === 7),
    ).toBe(true);
  });

  it('instant mode in a forum thread is delivered into that thread', async () => {
    await start({ instant: true });
    h.clock.now = Date.now();
    const admin = h.api.addUser({ language_code: 'uk' });
    const forum = h.api.addChat({ type: 'supergroup', title: 'Форум', is_forum: true });
    h.api.setMember(forum.id, admin, 'creator');
    await say(admin, forum.id, '/start', 7);
    await say(admin, forum.id, '/schedule instant', 7);
    const mark = h.api.sent(forum.id).length;

    const story = makeStory({ id: 'now1', title: 'Термінова новина для гілки', publishedAt: Date.now() });
    await h.addStories([story]);
    await appendNewStoryEvents(h.redis.client, h.keys, [story]);
    await expect
      .poll(
        async () => {
          h.clock.now = Date.now();
          await h.delivery.instantTick();
          await drained(h.delivery);
          return sentSince(forum.id, mark, 7).length;
        },
        { timeout: 10_000, interval: 200 },
      )
      .toBe(1);
    expect(sentSince(forum.id, mark, 7)[0]!.text).toContain('Термінова новина для гілки');
    expect(
      h.api
        .sent(forum.id)
        .slice(mark)
        .every((m) => m.message_thread_id === 7),
    ).toBe(true);
  });
});
