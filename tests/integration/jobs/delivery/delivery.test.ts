import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { drained, makeStory, startDeliveryHarness, type DeliveryHarness } from './delivery-harness.js';

const T0 = Date.parse('2025-06-10T05:00:00Z'); // 08:00 in Kyiv
const MIN = 60_000;

let h: DeliveryHarness;
beforeAll(async () => {
  h = await startDeliveryHarness({ now: T0 });
  await h.addStories([
    makeStory({ id: 'p1', title: 'Рада ухвалила закон', publishedAt: T0 - 30 * MIN }),
    makeStory({ id: 'w1', title: 'Обстріл Харкова', topics: ['war'], publishedAt: T0 - 20 * MIN }),
    makeStory({ id: 'r1', title: 'Только по-русски', lang: 'ru', publishedAt: T0 - 10 * MIN }),
  ]);
});
afterAll(async () => {
  await h.close();
});

async function runTick(at: number): Promise<void> {
  h.clock.now = at;
  await h.delivery.tick();
  await drained(h.delivery);
}

describe('scheduled digests', () => {
  it('a due chat gets its digest once; a re-run, a retry and a restart do not post again', async () => {
    const chat = await h.addChat(1001, 'private', { schedule: { kind: 'times', times: ['09:00'] } });
    expect(await h.delivery.store.dueAt('1001')).toBe(T0 + 60 * MIN);
    await runTick(T0 + 30 * MIN); // not due yet
    expect(h.api.sent(1001)).toHaveLength(0);

    await runTick(T0 + 61 * MIN);
    const sent = h.api.sent(1001);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.text).toContain('Рада ухвалила закон');
    expect(sent[0]!.text).toContain('Обстріл Харкова');
    expect(sent[0]!.text).not.toContain('Только по-русски');
    expect(sent[0]!.link_preview_options?.is_disabled).toBe(true);
    // Next slot is tomorrow 09:00 Kyiv.
    expect(await h.delivery.store.dueAt('1001')).toBe(T0 + 24 * 60 * MIN + 60 * MIN);

    // The same deliver job again (as after a crash between send and ack): the ledger stops it.
    const lastDigest = (await h.delivery.store.lastDigests(['1001']))[0];
    expect(lastDigest).toBeDefined();
    const digestJobs = await h.redis.client.keys(h.redis.keys.deliveryLedger('*'));
    const digestId = digestJobs[0]!.slice(h.redis.keys.deliveryLedger('').length);
    await h.delivery.queues.deliver.add('deliver', {
      chat: '1001',
      chatId: 1001,
      kind: 'private',
      digestId,
      part: 0,
    });
    await h.restart();
    await runTick(T0 + 62 * MIN);
    await drained(h.delivery);
    expect(h.api.sent(1001)).toHaveLength(1);
    expect(chat.key.chatId).toBe(1001);
  });

  it('a chat due for several missed slots while the worker was down gets one digest', async () => {
    h.clock.now = T0;
    await h.addChat(1002, 'private', { schedule: { kind: 'times', times: ['08:30', '08:45'] } });
    await runTick(T0 + 3 * 60 * MIN); // both slots (and more) passed
    expect(h.api.sent(1002)).toHaveLength(1);
  });

  it('chats with identical inputs share one built digest', async () => {
    const before = await h.redis.client.keys(h.redis.keys.deliveryDigest('*'));
    for (const id of [1011, 1012, 1013])
      await h.addChat(id, 'private', { schedule: { kind: 'times', times: ['12:00'] } });
    await runTick(T0 + 4 * 60 * MIN + 1 * MIN); // 12:01 Kyiv
    const after = await h.redis.client.keys(h.redis.keys.deliveryDigest('*'));
    expect(after.length - before.length).toBe(1);
    const texts = [1011, 1012, 1013].map((id) => h.api.sent(id).map((m) => m.text));
    expect(texts[0]).toHaveLength(1);
    expect(texts[1]).toEqual(texts[0]);
    expect(texts[2]).toEqual(texts[0]);
  });

  it('an empty scheduled digest is not sent', async () => {
    await h.addChat(1020, 'private', { topics: ['sport'], schedule: { kind: 'times', times: ['14:00'] } });
    await runTick(T0 + 6 * 60 * MIN + MIN);
    expect(h.api.sent(1020)).toHaveLength(0);
  });
});

describe('delivery failures', () => {
  async function manual(chatId: number): Promise<void> {
    await h.delivery.queues.digest.add('build', {
      chats: [String(chatId)],
      at: h.clock.now,
      reason: 'manual',
    });
    await drained(h.delivery);
  }

  it('429 pauses the queue and retries the same message', async () => {
    await h.addChat(2001, 'private');
    h.api.fail('sendMessage', { code: 429, retryAfter: 1 }, { times: 1, chatId: 2001 });
    const started = Date.now();
    await manual(2001);
    const calls = h.api.calls('sendMessage').filter((c) => Number(c.params.chat_id) === 2001);
    expect(calls.map((c) => c.error_code ?? 200)).toEqual([429, 200]);
    expect(calls[1]!.params.text).toBe(calls[0]!.params.text);
    expect(calls[1]!.at - calls[0]!.at).toBeGreaterThanOrEqual(900);
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    expect(h.api.sent(2001)).toHaveLength(1);
  });

  it('5xx and network errors are retried until sent', async () => {
    await h.addChat(2002, 'private');
    h.api.fail('sendMessage', { code: 500 }, { times: 1, chatId: 2002 });
    h.api.fail('sendMessage', { code: 'network' }, { times: 1, chatId: 2002 });
    await manual(2002);
    expect(h.api.sent(2002)).toHaveLength(1);
  }, 20_000);

  it('three consecutive 403s deactivate the chat and keep its settings; a success resets the count', async () => {
    await h.addChat(2003, 'private', { topics: ['war', 'politics'] });
    h.api.fail('sendMessage', { code: 403 }, { times: 2, chatId: 2003 });
    h.clock.now += MIN;
    await manual(2003);
    h.clock.now += MIN;
    await manual(2003);
    expect(await h.redis.client.hget(h.redis.keys.deliveryStrikes(), '2003')).toBe('2');
    h.clock.now += MIN;
    await manual(2003); // succeeds ("nothing new"): strikes reset
    expect(await h.redis.client.hget(h.redis.keys.deliveryStrikes(), '2003')).toBeNull();
    h.api.blockUser(2003);
    for (let i = 0; i < 3; i += 1) {
      h.clock.now += MIN;
      await manual(2003);
    }
    const settings = await h.rawChats.get({ chatId: 2003 });
    expect(settings?.active).toBe(false);
    expect(settings?.topics).toEqual(['war', 'politics']);
    expect(await h.delivery.store.dueAt('2003')).toBeUndefined();
  });

  it('a migrated group: the subscription moves and the message is resent there', async () => {
    await h.addChat(-3001, 'group', { topics: ['politics'] });
    const next = h.api.migrateGroup(-3001, -1003001);
    await manual(-3001);
    expect(h.api.sent(-1003001)).toHaveLength(1);
    expect(h.api.sent(-1003001)[0]!.text).toContain('Рада ухвалила закон');
    expect(await h.rawChats.get({ chatId: -3001 })).toBeUndefined();
    expect((await h.rawChats.get({ chatId: next.id }))?.topics).toEqual(['politics']);
  });

  it("can't parse entities: resent as plain text, not dropped", async () => {
    await h.addChat(2004, 'private');
    h.api.fail(
      'sendMessage',
      { code: 400, description: "Bad Request: can't parse entities: test" },
      { times: 1, chatId: 2004 },
    );
    await manual(2004);
    const [message] = h.api.sent(2004);
    expect(message?.parse_mode).toBeUndefined();
    expect(message?.text).toContain('Рада ухвалила закон');
    expect(message?.text).not.toContain('<a ');
  });

  it('a second /digest in the same minute says nothing is new in one line, then shows the latest of its topics', async () => {
    await h.addChat(2006, 'private', { mute: ['Харкова'] });
    await h.addStories([
      makeStory({ id: 'p2', title: 'Уряд схвалив бюджет', publishedAt: T0 - 40 * MIN }),
      makeStory({ id: 'e1', title: 'Курс гривні', topics: ['economy'], publishedAt: T0 - 5 * MIN }),
    ]);
    h.clock.now += 1_000;
    await manual(2006);
    const first = h.api.sent(2006).length;
    expect(first).toBeGreaterThan(0);
    h.clock.now += 5_000;
    await manual(2006);
    const answer = h.api.sent(2006).slice(first);
    expect(answer).toHaveLength(1);
    const lines = (answer[0]?.text ?? '').split('\n');
    expect(lines[0]).toBe('Нічого нового за вашими темами від попередньої добірки.');
    expect(lines[2]).toBe('<b>Останнє за вашими темами</b>');
    const text = answer[0]?.text ?? '';
    // Newest first, the reader's topics only (politics, war, economy by default), muted words left out.
    expect(text.indexOf('Курс гривні')).toBeLessThan(text.indexOf('Рада ухвалила закон'));
    expect(text.indexOf('Рада ухвалила закон')).toBeLessThan(text.indexOf('Уряд схвалив бюджет'));
    expect(text).not.toContain('Обстріл Харкова');
    expect(text).not.toContain('Только по-русски');
  });

  it('reports each outcome (for /stats and /metrics): a 403 strike, then a success', async () => {
    await h.addChat(2007, 'private');
    h.api.fail(
      'sendMessage',
      { code: 403, description: 'Forbidden: bot was blocked by the user' },
      { times: 1, chatId: 2007 },
    );
    const before = h.outcomes.length;
    await manual(2007);
    h.clock.now += 61_000;
    await manual(2007);
    expect(h.outcomes.slice(before)).toEqual(['forbidden', 'sent']);
  });

  it('a story a feed lists after the digest, though dated before it, reaches the next digest', async () => {
    await h.addChat(2008, 'private', { topics: ['culture'] });
    await manual(2008); // nothing on culture yet
    const before = h.api.sent(2008).length;
    const digestAt = h.clock.now;
    h.clock.now += 10 * MIN;
    // Stated 20 minutes before the previous digest, but only now in the feed (a common lag).
    await h.addStories([
      makeStory({
        id: 'late1',
        title: 'Театр відкрив сезон',
        topics: ['culture'],
        publishedAt: digestAt - 20 * MIN,
      }),
    ]);
    h.clock.now += MIN;
    await manual(2008);
    const next = h.api.sent(2008).slice(before);
    expect(next).toHaveLength(1);
    expect(next[0]?.text).toContain('Театр відкрив сезон');
  });

  it('/digest on a topic with no stories at all says so in one line', async () => {
    await h.addChat(2005, 'private', { topics: ['sport'] });
    await manual(2005);
    expect(h.api.sent(2005).map((m) => m.text)).toEqual([
      'Нічого нового за вашими темами від попередньої добірки.',
    ]);
  });
});

describe('manual digests (issue 9)', () => {
  it('/digest never takes stories out of the next scheduled digest, nor moves its slot', async () => {
    const T1 = T0 + 2 * 24 * 60 * MIN; // 08:00 Kyiv, two days on
    h.clock.now = T1;
    await h.addChat(5001, 'private', { schedule: { kind: 'times', times: ['09:00'] } });
    await h.addStories([makeStory({ id: 'm1', title: 'Уряд затвердив бюджет', publishedAt: T1 - 5 * MIN })]);
    const due = await h.delivery.store.dueAt('5001');
    expect(due).toBe(T1 + 60 * MIN);

    h.clock.now = T1 + 10 * MIN;
    await h.delivery.queues.digest.add('build', { chats: ['5001'], at: h.clock.now, reason: 'manual' });
    await drained(h.delivery);
    expect(h.api.sent(5001).map((m) => m.text)).toHaveLength(1);
    expect(h.api.sent(5001)[0]?.text).toContain('Уряд затвердив бюджет');
    expect(await h.delivery.store.dueAt('5001')).toBe(due);

    await runTick(T1 + 61 * MIN);
    const scheduled = h.api.sent(5001).slice(1);
    expect(scheduled).toHaveLength(1);
    expect(scheduled[0]?.text).toContain('Уряд затвердив бюджет');
  });
});

describe('broadcast', () => {
  it('reaches every active chat in its language through the deliver queue', async () => {
    await h.addChat(4001, 'private', { lang: 'ru' });
    await h.addChat(4002, 'private', { lang: 'uk', active: false });
    await h.delivery.queues.digest.add('broadcast', {
      id: 'b1',
      texts: { uk: 'Увага <тест>', ru: 'Внимание' },
      by: 1,
    });
    await drained(h.delivery);
    expect(h.api.sent(4001).at(-1)?.text).toBe('Внимание');
    expect(h.api.sent(1001).at(-1)?.text).toBe('Увага &lt;тест&gt;');
    expect(h.api.sent(4002)).toHaveLength(0);
  });
});
