import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeStory } from '../../../tools/in-memory/memory-story-reader.js';
import { startLiveBot, type LiveBot } from '../../bot/harness.js';

const buttonsOf = (markup: unknown): string[] =>
  ((markup as { inline_keyboard?: { callback_data?: string }[][] } | undefined)?.inline_keyboard ?? [])
    .flat()
    .map((b) => b.callback_data ?? '');

describe('subscriber bot over the Bot API', () => {
  let live: LiveBot;
  beforeEach(async () => {
    live = await startLiveBot([
      makeStory({ title: 'Рада <ухвалила> бюджет', topics: ['politics'], publishedAt: Date.now() }),
    ]);
  });
  afterEach(() => live.close());

  /** Sends text as a user and resolves with the bot's next message to that chat. */
  const say = (
    from: Parameters<LiveBot['api']['sendText']>[0],
    chatId: number,
    text: string,
    threadId?: number,
  ) => {
    const reply = live.api.nextSent(chatId);
    live.api.sendText(from, chatId, text, threadId === undefined ? {} : { threadId });
    return reply;
  };

  const press = async (
    from: Parameters<LiveBot['api']['pressButton']>[0],
    chatId: number,
    messageId: number,
    data: string,
  ) => {
    const answered = live.api.calls('answerCallbackQuery').length;
    live.api.pressButton(from, chatId, messageId, data);
    await live.api.waitFor(() => live.api.calls('answerCallbackQuery').length > answered);
    return live.api.sent(chatId).find((m) => m.message_id === messageId)!;
  };

  it('publishes the command menu per language at start', async () => {
    await live.api.waitFor(() => live.api.commands(undefined, 'ru'));
    const uk = live.api.commands(undefined, 'uk') as { command: string; description: string }[];
    expect(uk.find((c) => c.command === 'latest')?.description).toBe('Останні новини');
    expect(live.api.commands() as unknown[]).toHaveLength(uk.length);
  });

  it('onboards a subscriber by buttons, and the settings survive a restart', async () => {
    const user = live.api.addUser({ language_code: 'uk' });
    const welcome = await say(user, user.id, '/start');
    expect(buttonsOf(welcome.reply_markup)).toEqual(['v1:lang:uk:o', 'v1:lang:ru:o']);

    let menu = await press(user, user.id, welcome.message_id, 'v1:lang:ru:o');
    expect(menu.text).toContain('Отметьте');
    menu = await press(user, user.id, welcome.message_id, 'v1:top:tech:o');
    expect(buttonsOf(menu.reply_markup)).toContain('v1:top:tech:o');
    menu = await press(user, user.id, welcome.message_id, 'v1:next:sched:o');
    menu = await press(user, user.id, welcome.message_id, 'v1:sch:once:o');
    expect(menu.text).toContain('ежедневно в 09:00');

    await live.restart();
    const again = await say(user, user.id, '/start');
    expect(again.text).toContain('Вы уже подписаны');
    expect(await live.chats.get({ chatId: user.id })).toMatchObject({
      lang: 'ru',
      topics: ['politics', 'war', 'economy', 'tech'],
      schedule: { kind: 'times', times: ['09:00'] },
    });
  });

  it('onboards by commands and serves news as valid HTML', async () => {
    const user = live.api.addUser({ language_code: 'en' });
    await say(user, user.id, '/start');
    expect((await say(user, user.id, '/lang ua')).text).toContain('Мову змінено');
    expect((await say(user, user.id, '/subscribe sport')).text).toContain('Спорт');
    expect((await say(user, user.id, '/schedule 07:00,21:00')).text).toContain('07:00, 21:00');
    expect((await say(user, user.id, '/timezone Europe/Warsaw')).text).toContain('Europe/Warsaw');
    const news = await say(user, user.id, '/politics');
    expect(news.parse_mode).toBe('HTML');
    expect(news.message.text).toContain('Рада <ухвалила> бюджет');
    expect(await live.chats.get({ chatId: user.id })).toMatchObject({
      lang: 'uk',
      topics: ['politics', 'war', 'economy', 'sport'],
      schedule: { kind: 'times', times: ['07:00', '21:00'] },
      timezone: 'Europe/Warsaw',
    });
  });

  it('refuses a non-admin in a group while the admin changes settings', async () => {
    const admin = live.api.addUser();
    const member = live.api.addUser();
    const group = live.api.addChat({ type: 'supergroup', title: 'Новини громади' });
    live.api.setMember(group.id, admin, 'administrator');
    live.api.setMember(group.id, member, 'member');

    await say(admin, group.id, '/start@test_bot');
    expect((await say(member, group.id, '/schedule@test_bot off')).text).toContain('лише адміністратори');
    expect((await say(member, group.id, '/latest@test_bot')).text).toContain('Рада');
    expect((await say(admin, group.id, '/schedule@test_bot instant')).text).toContain('одразу');
    expect((await live.chats.get({ chatId: group.id }))?.schedule).toEqual({ kind: 'instant' });
  });

  it('keeps a forum thread subscription separate and answers in the thread', async () => {
    const admin = live.api.addUser();
    const forum = live.api.addChat({ type: 'supergroup', title: 'Форум', is_forum: true });
    live.api.setMember(forum.id, admin, 'creator');
    const reply = await say(admin, forum.id, '/start', 12);
    expect(reply.message_thread_id).toBe(12);
    await say(admin, forum.id, '/lang ru', 12);
    await say(admin, forum.id, '/start');
    expect((await live.chats.get({ chatId: forum.id, threadId: 12 }))?.lang).toBe('ru');
    expect((await live.chats.get({ chatId: forum.id }))?.lang).toBe('uk');
  });

  it('links a channel for its admin, refuses a non-admin, and pauses when the bot is removed', async () => {
    const owner = live.api.addUser();
    const stranger = live.api.addUser();
    const channel = live.api.addChat({ type: 'channel', title: 'Канал', username: 'kanal_news' });
    live.api.setMember(channel.id, owner, 'creator');

    expect((await say(stranger, stranger.id, '/channel add @kanal_news')).text).toContain(
      'лише його адміністратори',
    );
    expect(await live.chats.get({ chatId: channel.id })).toBeUndefined();

    expect((await say(owner, owner.id, '/channel add @kanal_news')).text).toContain('підключено');
    expect(await live.chats.get({ chatId: channel.id })).toMatchObject({
      kind: 'channel',
      linkedBy: owner.id,
      active: true,
    });

    const notice = live.api.nextSent(owner.id);
    live.api.myChatMember(owner, channel.id, 'left');
    expect((await notice).text).toContain('@kanal_news');
    expect((await live.chats.get({ chatId: channel.id }))?.active).toBe(false);
  });
});
