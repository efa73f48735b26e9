import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeStory } from '../../tools/in-memory/memory-story-reader.js';
import { createHarness, group, texts, user, type Harness } from './harness.js';

const admin = user(3001);
const member = user(3002);
const chat = group(-1001234);
const forum = group(-1005555, true);

describe('groups and forum threads', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await createHarness([makeStory({ title: 'Новина для всіх', topics: ['politics'] })]);
    h.members.set(`${chat.id}:${admin.id}`, { status: 'administrator', user: admin });
    h.members.set(`${forum.id}:${admin.id}`, { status: 'creator', user: admin });
  });
  afterEach(() => h.close());

  it('lets an admin subscribe the group and refuses a member politely', async () => {
    await h.text(admin, chat, '/start@digest_test_bot');
    expect(await h.chats.get({ chatId: chat.id })).toMatchObject({ kind: 'supergroup' });

    for (const command of ['/lang@digest_test_bot ru', '/schedule off', '/subscribe sport', '/stop']) {
      const calls = await h.text(member, chat, command);
      expect(texts(calls).join()).toContain('лише адміністратори');
    }
    expect(await h.chats.get({ chatId: chat.id })).toMatchObject({
      lang: 'uk',
      paused: false,
      topics: ['politics', 'war', 'economy'],
    });

    const pressed = await h.press(member, chat, 'v1:top:sport:s');
    // The member's getChatMember answer is cached from the commands above.
    expect(pressed.map((c) => c.method)).toEqual(['answerCallbackQuery']);
    expect(pressed[0]?.payload.show_alert).toBe(true);
    expect(await h.chats.get({ chatId: chat.id })).toMatchObject({ topics: ['politics', 'war', 'economy'] });

    await h.text(admin, chat, '/lang ru');
    expect((await h.chats.get({ chatId: chat.id }))?.lang).toBe('ru');
  });

  it('caches admin checks so repeated commands do not call getChatMember each time', async () => {
    await h.text(member, chat, '/stop');
    await h.text(member, chat, '/stop');
    expect(h.calls.filter((c) => c.method === 'getChatMember')).toHaveLength(1);
  });

  it('keeps reading commands open to every member', async () => {
    expect(texts(await h.text(member, chat, '/latest')).join()).toContain('Новина для всіх');
    expect(texts(await h.text(member, chat, '/politics@digest_test_bot')).join()).toContain(
      'Новина для всіх',
    );
  });

  it('ignores commands addressed to another bot and unknown plain commands', async () => {
    expect(await h.text(admin, chat, '/start@other_bot')).toEqual([]);
    expect(await h.text(admin, chat, '/frobnicate')).toEqual([]);
    expect(texts(await h.text(admin, chat, '/frobnicate@digest_test_bot')).join()).toContain('/help');
  });

  it('gives each forum thread its own subscription and replies in that thread', async () => {
    const thread = { message_thread_id: 77, is_topic_message: true };
    const calls = await h.text(admin, forum, '/start', thread);
    expect(calls.find((c) => c.method === 'sendMessage')?.payload.message_thread_id).toBe(77);
    await h.text(admin, forum, '/lang ru', thread);
    await h.text(admin, forum, '/start');

    expect(await h.chats.get({ chatId: forum.id, threadId: 77 })).toMatchObject({
      lang: 'ru',
      key: { chatId: forum.id, threadId: 77 },
    });
    expect(await h.chats.get({ chatId: forum.id })).toMatchObject({ lang: 'uk' });
    expect((await h.chats.listForChat(forum.id)).map((s) => s.key.threadId)).toEqual([undefined, 77]);
  });

  it('deactivates every subscription of a group the bot is removed from, and reactivates on re-add', async () => {
    const thread = { message_thread_id: 5, is_topic_message: true };
    await h.text(admin, forum, '/start');
    await h.text(admin, forum, '/start', thread);
    const change = (status: string) =>
      h.send({
        my_chat_member: {
          chat: forum,
          from: admin,
          date: 0,
          old_chat_member: { status: 'member', user: { id: 42, is_bot: true, first_name: 'b' } },
          new_chat_member: { status, user: { id: 42, is_bot: true, first_name: 'b' }, until_date: 0 },
        },
      } as never);
    await change('kicked');
    expect((await h.chats.listForChat(forum.id)).map((s) => s.active)).toEqual([false, false]);
    await change('member');
    expect((await h.chats.listForChat(forum.id)).map((s) => s.active)).toEqual([true, true]);
  });
});
