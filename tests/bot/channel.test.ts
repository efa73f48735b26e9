import type { Chat } from 'grammy/types';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHarness, privateChat, texts, user, type Harness } from './harness.js';

const owner = user(4001);
const stranger = user(4002, 'ru');
const channel = { id: -1009876, type: 'channel', title: 'Новини <Києва>', username: 'kyiv_news' } as Chat;
const botMember = (rights: Record<string, unknown>) => ({
  status: 'administrator',
  user: { id: 42 },
  ...rights,
});

describe('channels', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await createHarness();
    h.knownChats.set('@kyiv_news', channel);
    h.knownChats.set(String(channel.id), channel);
    h.members.set(`${channel.id}:${owner.id}`, { status: 'creator', user: owner });
    h.members.set(`${channel.id}:42`, botMember({ can_post_messages: true }));
  });
  afterEach(() => h.close());

  const say = async (from = owner, text: string) =>
    texts(await h.text(from, privateChat(from.id), text)).join('\n');

  it('links a channel for its admin, then lists, configures and removes it', async () => {
    expect(await say(owner, '/channel add @kyiv_news')).toContain('Канал @kyiv_news підключено');
    expect(await h.chats.get({ chatId: channel.id })).toMatchObject({
      kind: 'channel',
      linkedBy: owner.id,
      username: 'kyiv_news',
    });
    expect(await say(owner, '/channel list')).toContain('@kyiv_news');
    expect(await say(owner, '/channel @kyiv_news topics war sport')).toContain('Війна, Спорт');
    expect(await say(owner, '/channel @kyiv_news schedule 07:30')).toContain('07:30');
    expect(await say(owner, '/channel @kyiv_news lang ru')).toContain('оновлено');
    expect(await h.chats.get({ chatId: channel.id })).toMatchObject({
      lang: 'ru',
      topics: ['war', 'sport'],
      schedule: { kind: 'times', times: ['07:30'] },
    });
    expect(await say(owner, '/channel remove @kyiv_news')).toContain('відключено');
    expect(await h.chats.get({ chatId: channel.id })).toBeUndefined();
    expect(await h.chats.listLinkedBy(owner.id)).toEqual([]);
  });

  it.each([
    ['a non-admin', stranger, '/channel add @kyiv_news', 'только его администраторы'],
    ['an unknown channel', owner, '/channel add @nobody_here', 'Не вдалося знайти'],
    ['a malformed target', owner, '/channel add kyiv', '/channel add @назва_каналу'],
    ['configuring a channel not linked', stranger, '/channel @kyiv_news lang uk', 'не подключён'],
  ])('refuses %s', async (_name, from, command, expected) => {
    expect(await say(from, command)).toContain(expected);
    expect(await h.chats.get({ chatId: channel.id })).toBeUndefined();
  });

  it('refuses when the bot cannot post in the channel', async () => {
    h.members.set(`${channel.id}:42`, botMember({ can_post_messages: false }));
    expect(await say(owner, '/channel add @kyiv_news')).toContain('не можу публікувати');
    expect(await h.chats.get({ chatId: channel.id })).toBeUndefined();
  });

  it('is refused outside a private chat', async () => {
    const calls = await h.text(
      owner,
      { id: -100111, type: 'supergroup', title: 'g' } as Chat,
      '/channel add @kyiv_news',
    );
    expect(texts(calls).join()).toContain('приватному чаті');
  });

  it('pauses a channel when the bot is demoted, tells the admin who linked it, and resumes on re-promotion', async () => {
    await say(owner, '/channel add @kyiv_news');
    const change = (member: Record<string, unknown>) =>
      h.send({
        my_chat_member: {
          chat: channel,
          from: owner,
          date: 0,
          old_chat_member: { status: 'administrator', user: { id: 42 } },
          new_chat_member: { user: { id: 42, is_bot: true, first_name: 'b' }, ...member },
        },
      } as never);
    const lost = await change({ status: 'administrator', can_post_messages: false });
    expect((await h.chats.get({ chatId: channel.id }))?.active).toBe(false);
    const notice = lost.find((c) => c.method === 'sendMessage');
    expect(notice?.payload.chat_id).toBe(owner.id);
    expect(String(notice?.payload.text)).toContain('@kyiv_news');

    const back = await change({ status: 'administrator', can_post_messages: true });
    expect((await h.chats.get({ chatId: channel.id }))?.active).toBe(true);
    expect(String(back.find((c) => c.method === 'sendMessage')?.payload.text)).toContain('відновлено');
  });
});
