import { Bot, GrammyError, HttpError } from 'grammy';
import type { User } from 'grammy/types';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  startBotApiServer,
  type BotApiServer,
  type FaultSpec,
} from '../../../tools/bot-api-server/server.js';

let server: BotApiServer;
let bot: Bot;
let alice: User;

beforeEach(async () => {
  server = await startBotApiServer({ token: '4242:secret-token', botUser: { username: 'digest_bot' } });
  bot = new Bot(server.token, { client: { apiRoot: server.apiRoot } });
  alice = server.addUser({ first_name: 'Alice', username: 'alice', language_code: 'uk' });
  server.privateChat(alice);
});

afterEach(async () => {
  await server.close();
});

/** Runs a call expected to fail and hands back the GrammyError. */
async function apiError(call: Promise<unknown>): Promise<GrammyError> {
  const error = await call.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof GrammyError)) throw new Error(`expected GrammyError, got ${String(error)}`);
  return error;
}

describe('bot identity and routing', () => {
  it('getMe returns the configured bot user', async () => {
    const me = await bot.api.getMe();
    expect(me).toMatchObject({ id: 4242, is_bot: true, username: 'digest_bot' });
  });

  it('rejects a wrong token with 401 Unauthorized', async () => {
    const stranger = new Bot('4242:wrong', { client: { apiRoot: server.apiRoot } });
    const error = await apiError(stranger.api.getMe());
    expect(error.error_code).toBe(401);
    expect(error.description).toBe('Unauthorized');
  });

  it('answers an unknown method with 404 method not found', async () => {
    const res = await fetch(`${server.apiRoot}/bot${server.token}/sendTelepathy`, { method: 'POST' });
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({
      ok: false,
      error_code: 404,
      description: 'Not Found: method not found',
    });
  });

  it('accepts multipart form bodies with JSON-encoded fields', async () => {
    const form = new FormData();
    form.set('chat_id', String(alice.id));
    form.set('text', 'from a form');
    form.set('reply_markup', JSON.stringify({ inline_keyboard: [[{ text: 'ok', callback_data: 'ok' }]] }));
    const res = await fetch(`${server.apiRoot}/bot${server.token}/sendMessage`, {
      method: 'POST',
      body: form,
    });
    expect(((await res.json()) as { ok: boolean }).ok).toBe(true);
    expect(server.sent(alice.id)[0]?.reply_markup?.inline_keyboard[0]?.[0]?.text).toBe('ok');
  });
});

describe('updates', () => {
  it('marks a leading /cmd@bot as a bot_command entity', () => {
    const update = server.sendText(alice, alice.id, '/start@digest_bot now');
    expect(update.message?.entities).toEqual([{ type: 'bot_command', offset: 0, length: 17 }]);
    expect(server.sendText(alice, alice.id, 'no /command here').message?.entities).toBeUndefined();
  });

  it('getUpdates offset drops confirmed updates and ids increase', async () => {
    const ids = [1, 2, 3].map((n) => server.sendText(alice, alice.id, `m${n}`).update_id);
    expect(ids[1]).toBe((ids[0] ?? 0) + 1);
    expect((await bot.api.getUpdates({ offset: 0 })).map((u) => u.update_id)).toEqual(ids);
    expect((await bot.api.getUpdates({ offset: ids[1] })).map((u) => u.update_id)).toEqual(ids.slice(1));
    // Earlier ones are gone for good, even if asked for again.
    expect((await bot.api.getUpdates({ offset: 0 })).map((u) => u.update_id)).toEqual(ids.slice(1));
    expect(await bot.api.getUpdates({ offset: (ids[2] ?? 0) + 1, timeout: 0 })).toEqual([]);
    expect(server.pendingUpdates()).toBe(0);
  });

  it('a long poll returns as soon as an update is pushed', async () => {
    const started = Date.now();
    const poll = bot.api.getUpdates({ timeout: 10 });
    setTimeout(() => server.sendText(alice, alice.id, 'hello'), 150);
    const updates = await poll;
    expect(updates.map((u) => u.message?.text)).toEqual(['hello']);
    expect(Date.now() - started).toBeLessThan(1500);
  });

  it('a long poll without updates waits for its timeout', async () => {
    const started = Date.now();
    expect(await bot.api.getUpdates({ timeout: 1 })).toEqual([]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
  });

  it('drives a grammY bot with bot.start() long polling and confirms updates on stop', async () => {
    bot.on('message:text', (ctx) => ctx.reply(`echo: ${ctx.msg.text}`));
    const polling = new Promise<void>((resolve) => void bot.start({ onStart: () => resolve() }));
    await polling;
    const reply = server.nextSent(alice.id);
    const sentAt = Date.now();
    server.sendText(alice, alice.id, 'ping');
    expect((await reply).text).toBe('echo: ping');
    expect(Date.now() - sentAt).toBeLessThan(1000);
    await bot.stop();
    expect(server.pendingUpdates()).toBe(0);
    expect(server.calls('getUpdates').length).toBeGreaterThanOrEqual(2);
  });

  it('pressButton yields a callback_query that answerCallbackQuery can answer once', async () => {
    const msg = await bot.api.sendMessage(alice.id, 'pick', {
      reply_markup: { inline_keyboard: [[{ text: 'UA', callback_data: 'lang:uk' }]] },
    });
    const update = server.pressButton(alice, alice.id, msg.message_id, 'lang:uk');
    const query = update.callback_query;
    expect(query?.data).toBe('lang:uk');
    expect(query?.message?.message_id).toBe(msg.message_id);
    await bot.api.answerCallbackQuery(query?.id ?? '', { text: 'Done' });
    expect(server.callbackAnswer(query?.id ?? '')).toMatchObject({ text: 'Done' });
    expect((await apiError(bot.api.answerCallbackQuery(query?.id ?? ''))).error_code).toBe(400);
  });

  it('myChatMember updates the state: kicked in a private chat blocks the bot', async () => {
    const update = server.myChatMember(alice, alice.id, 'kicked');
    expect(update.my_chat_member?.old_chat_member.status).toBe('member');
    expect(update.my_chat_member?.new_chat_member.status).toBe('kicked');
    expect((await apiError(bot.api.sendMessage(alice.id, 'hi'))).error_code).toBe(403);
  });
});

describe('sendMessage and friends', () => {
  it('stores messages with thread id, per-chat ids and delivery options', async () => {
    const forum = server.addChat({
      type: 'supergroup',
      title: 'Новини',
      is_forum: true,
      username: 'news_forum',
    });
    const first = await bot.api.sendMessage(forum.id, '<b>Дайджест</b> &amp; ще', {
      parse_mode: 'HTML',
      message_thread_id: 7,
      link_preview_options: { is_disabled: true },
      disable_notification: true,
    });
    const second = await bot.api.sendMessage('@news_forum', 'two');
    expect(first.message_thread_id).toBe(7);
    expect(first.is_topic_message).toBe(true);
    expect(first.text).toBe('Дайджест & ще');
    expect(first.entities).toEqual([{ type: 'bold', offset: 0, length: 8 }]);
    expect(first.from?.id).toBe(4242);
    expect(second.message_id).toBe(first.message_id + 1);
    expect(server.sent(forum.id).map((m) => m.message_thread_id)).toEqual([7, undefined]);
    expect(server.sent(forum.id)[0]).toMatchObject({
      text: '<b>Дайджест</b> &amp; ще',
      parse_mode: 'HTML',
      link_preview_options: { is_disabled: true },
      disable_notification: true,
    });
    const plain = server.addChat({ type: 'group', title: 'Plain' });
    expect(
      (await bot.api.sendMessage(plain.id, 'x', { message_thread_id: 7 })).message_thread_id,
    ).toBeUndefined();
  });

  it.each([
    ['<b>unclosed', "can't parse entities"],
    ['<div>x</div>', 'Unsupported start tag "div"'],
    ['<b>x</i>', "can't parse entities"],
    ['1 < 2', "can't parse entities"],
    ['<span>x</span>', "can't parse entities"],
    ['<b></b>', 'message text is empty'],
    ['x'.repeat(4097), 'message is too long'],
    ['😀'.repeat(2049), 'message is too long'],
    ['<i>x</i>'.repeat(101), 'too many entities'],
  ])('rejects HTML %# with 400 %s', async (text, fragment) => {
    const error = await apiError(bot.api.sendMessage(alice.id, text, { parse_mode: 'HTML' }));
    expect(error.error_code).toBe(400);
    expect(error.description).toContain('Bad Request: ');
    expect(error.description).toContain(fragment);
  });

  it.each([
    [
      '<a href="https://zn.ua/a?b=1&amp;c=2">ZN</a>',
      'ZN',
      [{ type: 'text_link', offset: 0, length: 2, url: 'https://zn.ua/a?b=1&c=2' }],
    ],
    [
      '<pre><code class="language-ts">x</code></pre>',
      'x',
      [{ type: 'pre', offset: 0, length: 1, language: 'ts' }],
    ],
    [
      '<span class="tg-spoiler">s</span><blockquote expandable>q</blockquote>',
      'sq',
      [
        { type: 'spoiler', offset: 0, length: 1 },
        { type: 'expandable_blockquote', offset: 1, length: 1 },
      ],
    ],
    ['😀'.repeat(2048), '😀'.repeat(2048), undefined],
    ['&lt;tag&gt; &#1111; &nbsp;', '<tag> ї &nbsp;', undefined],
  ])('accepts HTML %#', async (html, text, entities) => {
    const msg = await bot.api.sendMessage(alice.id, html, { parse_mode: 'HTML' });
    expect(msg.text).toBe(text);
    expect(msg.entities).toEqual(entities);
  });

  it('edits text and keyboard, refuses no-op edits, deletes', async () => {
    const keyboard = { inline_keyboard: [[{ text: 'more', callback_data: 'more' }]] };
    const msg = await bot.api.sendMessage(alice.id, 'v1', { reply_markup: keyboard });
    const edited = await bot.api.editMessageText(alice.id, msg.message_id, '<i>v2</i>', {
      parse_mode: 'HTML',
      reply_markup: keyboard,
    });
    expect(edited).toMatchObject({ text: 'v2', reply_markup: keyboard });
    const noop = await apiError(
      bot.api.editMessageText(alice.id, msg.message_id, '<i>v2</i>', {
        parse_mode: 'HTML',
        reply_markup: keyboard,
      }),
    );
    expect(noop.description).toContain('message is not modified');
    await bot.api.editMessageReplyMarkup(alice.id, msg.message_id, { reply_markup: { inline_keyboard: [] } });
    expect(server.sent(alice.id)[0]).toMatchObject({ text: '<i>v2</i>', edited: 2, deleted: false });
    expect(server.sent(alice.id)[0]?.reply_markup).toBeUndefined();
    await bot.api.deleteMessage(alice.id, msg.message_id);
    expect(server.sent(alice.id)[0]?.deleted).toBe(true);
    expect((await apiError(bot.api.deleteMessage(alice.id, msg.message_id))).description).toBe(
      'Bad Request: message to delete not found',
    );
    expect((await apiError(bot.api.editMessageText(alice.id, 999, 'x'))).description).toBe(
      'Bad Request: message to edit not found',
    );
  });

  it('stores commands per scope and language', async () => {
    await bot.api.setMyCommands([{ command: 'digest', description: 'Дайджест' }], { language_code: 'uk' });
    await bot.api.setMyCommands([{ command: 'settings', description: 'Settings' }], {
      scope: { type: 'all_group_chats' },
    });
    expect(await bot.api.getMyCommands({ language_code: 'uk' })).toEqual([
      { command: 'digest', description: 'Дайджест' },
    ]);
    expect(await bot.api.getMyCommands()).toEqual([]);
    expect(server.commands({ type: 'all_group_chats' })).toEqual([
      { command: 'settings', description: 'Settings' },
    ]);
    expect(
      (await apiError(bot.api.setMyCommands([{ command: 'Bad Cmd', description: 'x' }]))).error_code,
    ).toBe(400);
  });

  it('stores a webhook and refuses getUpdates while it is set', async () => {
    await bot.api.setWebhook('https://example.invalid/hook');
    expect(server.webhook()?.url).toBe('https://example.invalid/hook');
    expect((await apiError(bot.api.getUpdates())).error_code).toBe(409);
    await bot.api.deleteWebhook();
    expect(await bot.api.getUpdates({ timeout: 0 })).toEqual([]);
  });
});

describe('faults', () => {
  const cases: Array<[string, FaultSpec, number, Record<string, number> | undefined, string]> = [
    ['flood', { code: 429, retryAfter: 3 }, 429, { retry_after: 3 }, 'Too Many Requests: retry after 3'],
    [
      'forbidden',
      { code: 403, description: 'Forbidden: user is deactivated' },
      403,
      undefined,
      'Forbidden: user is deactivated',
    ],
    ['server', { code: 500 }, 500, undefined, 'Internal Server Error'],
    [
      'migrate',
      {
        code: 400,
        description: 'Bad Request: group chat was upgraded to a supergroup chat',
        migrateToChatId: -1009,
      },
      400,
      { migrate_to_chat_id: -1009 },
      'Bad Request: group chat was upgraded to a supergroup chat',
    ],
  ];

  it.each(cases)('%s fault surfaces as GrammyError', async (_name, spec, code, parameters, description) => {
    server.fail('sendMessage', spec, { times: 1 });
    const error = await apiError(bot.api.sendMessage(alice.id, 'hi'));
    expect(error.error_code).toBe(code);
    expect(error.description).toBe(description);
    expect(error.parameters).toEqual(parameters ?? {});
    // times: 1 — the next call goes through.
    await expect(bot.api.sendMessage(alice.id, 'hi')).resolves.toMatchObject({ text: 'hi' });
    expect(server.calls('sendMessage').map((c) => c.ok)).toEqual([false, true]);
  });

  it('scopes a fault to one chat and keeps it until cleared', async () => {
    const bob = server.addUser({ first_name: 'Bob' });
    server.privateChat(bob);
    server.fail('sendMessage', { code: 500 }, { chatId: bob.id });
    await bot.api.sendMessage(alice.id, 'fine');
    expect((await apiError(bot.api.sendMessage(bob.id, 'x'))).error_code).toBe(500);
    expect((await apiError(bot.api.sendMessage(bob.id, 'x'))).error_code).toBe(500);
    server.clearFaults('sendMessage');
    await bot.api.sendMessage(bob.id, 'ok now');
  });

  it('a network fault surfaces as HttpError', async () => {
    server.fail('getMe', { code: 'network' }, { times: 1 });
    await expect(bot.api.getMe()).rejects.toBeInstanceOf(HttpError);
    await expect(bot.api.getMe()).resolves.toMatchObject({ id: 4242 });
  });

  it('blocked users answer 403 bot was blocked by the user', async () => {
    server.blockUser(alice.id);
    const error = await apiError(bot.api.sendMessage(alice.id, 'hi'));
    expect([error.error_code, error.description]).toEqual([403, 'Forbidden: bot was blocked by the user']);
    server.unblockUser(alice.id);
    await bot.api.sendMessage(alice.id, 'hi again');
  });

  it('a migrated group answers 400 with migrate_to_chat_id and the new id works', async () => {
    const group = server.addChat({ type: 'group', title: 'Old group' });
    const supergroup = server.migrateGroup(group.id);
    const error = await apiError(bot.api.sendMessage(group.id, 'hi'));
    expect(error.error_code).toBe(400);
    expect(error.description).toBe('Bad Request: group chat was upgraded to a supergroup chat');
    expect(error.parameters.migrate_to_chat_id).toBe(supergroup.id);
    expect(supergroup).toMatchObject({ type: 'supergroup', title: 'Old group' });
    await expect(bot.api.sendMessage(supergroup.id, 'hi')).resolves.toMatchObject({
      chat: { id: supergroup.id },
    });
  });

  it('delay holds the answer for the given time and 0 removes it', async () => {
    server.delay('getMe', 300);
    let started = Date.now();
    await bot.api.getMe();
    expect(Date.now() - started).toBeGreaterThanOrEqual(280);
    server.delay('getMe', 0);
    started = Date.now();
    await bot.api.getMe();
    expect(Date.now() - started).toBeLessThan(200);
  });
});

describe('flood limits', () => {
  async function blast(limited: BotApiServer, count: number, paid: boolean): Promise<GrammyError[]> {
    const limitedBot = new Bot(limited.token, { client: { apiRoot: limited.apiRoot } });
    const users = Array.from({ length: count }, () => limited.addUser());
    const results = await Promise.allSettled(
      users.map((u) => {
        limited.privateChat(u);
        return limitedBot.api.sendMessage(u.id, 'digest', paid ? { allow_paid_broadcast: true } : {});
      }),
    );
    return results.flatMap((r) =>
      r.status === 'rejected' && r.reason instanceof GrammyError ? [r.reason] : [],
    );
  }

  it('40 messages in under a second to different chats get some 429s with retry_after', async () => {
    // A hand-driven clock makes "under a second" exact instead of depending on machine speed.
    let now = 1_700_000_000_000;
    const limited = await startBotApiServer({ limits: {}, now: () => now });
    try {
      const errors = await blast(limited, 40, false);
      expect(errors.length).toBe(10);
      for (const e of errors) {
        expect(e.error_code).toBe(429);
        expect(e.description).toMatch(/^Too Many Requests: retry after \d+$/);
        expect(e.parameters.retry_after).toBe(1);
      }
      expect(limited.limitStats()).toEqual({ accepted: 30, rejected: 10 });
      expect(limited.sent().length).toBe(30);
      now += 1000;
      expect(await blast(limited, 30, false)).toEqual([]);
    } finally {
      await limited.close();
    }
  });

  it('allow_paid_broadcast lifts the overall limit', async () => {
    const limited = await startBotApiServer({ limits: {} });
    try {
      expect(await blast(limited, 40, true)).toEqual([]);
      expect(limited.sent().map((m) => m.allow_paid_broadcast)).toEqual(Array(40).fill(true));
    } finally {
      await limited.close();
    }
  });

  it('enforces 1 s per private chat and 20 per minute per group', async () => {
    const limited = await startBotApiServer({ limits: {} });
    const limitedBot = new Bot(limited.token, { client: { apiRoot: limited.apiRoot } });
    try {
      const user = limited.addUser();
      limited.privateChat(user);
      await limitedBot.api.sendMessage(user.id, 'one');
      expect((await apiError(limitedBot.api.sendMessage(user.id, 'two'))).parameters.retry_after).toBe(1);
      const group = limited.addChat({ type: 'group', title: 'G' });
      for (let i = 0; i < 20; i += 1) await limitedBot.api.sendMessage(group.id, `m${i}`);
      const error = await apiError(limitedBot.api.sendMessage(group.id, 'one too many'));
      expect(error.error_code).toBe(429);
      expect(error.parameters.retry_after).toBeGreaterThan(50);
    } finally {
      await limited.close();
    }
  });
});

describe('chats and members', () => {
  it('getChatMember returns configured statuses and rights', async () => {
    const channel = server.addChat({ type: 'channel', title: 'УП', username: 'up_channel' });
    const bob = server.addUser({ first_name: 'Bob' });
    const carol = server.addUser({ first_name: 'Carol' });
    const dave = server.addUser({ first_name: 'Dave' });
    server.setMember(channel.id, alice, 'creator');
    server.setMember(channel.id, bob, 'administrator', { can_post_messages: true });
    server.setMember(channel.id, carol, 'member');
    server.setMember(channel.id, dave, 'kicked');
    const status = async (u: User): Promise<string> => (await bot.api.getChatMember(channel.id, u.id)).status;
    expect(await Promise.all([alice, bob, carol, dave].map(status))).toEqual([
      'creator',
      'administrator',
      'member',
      'kicked',
    ]);
    expect(await bot.api.getChatMember('@up_channel', bob.id)).toMatchObject({
      can_post_messages: true,
      can_edit_messages: false,
    });
    const me = await bot.api.getChatMember(channel.id, 4242);
    expect(me).toMatchObject({ status: 'administrator', can_post_messages: true });
    const admins = await bot.api.getChatAdministrators(channel.id);
    expect(admins.map((a) => a.user.id).sort()).toEqual([4242, alice.id, bob.id].sort());
    expect(await bot.api.getChatMemberCount(channel.id)).toBe(4);
    expect(await bot.api.getChat(channel.id)).toMatchObject({
      id: channel.id,
      type: 'channel',
      title: 'УП',
      username: 'up_channel',
    });
    const outsider = server.addUser();
    expect((await bot.api.getChatMember(channel.id, outsider.id)).status).toBe('left');
  });

  it('refuses to post where the bot may not', async () => {
    const channel = server.addChat({ type: 'channel', title: 'C', botStatus: 'member' });
    expect((await apiError(bot.api.sendMessage(channel.id, 'x'))).description).toBe(
      'Bad Request: need administrator rights in the channel chat',
    );
    const group = server.addChat({ type: 'supergroup', title: 'S' });
    await bot.api.sendChatAction(group.id, 'typing');
    await bot.api.leaveChat(group.id);
    const error = await apiError(bot.api.sendMessage(group.id, 'x'));
    expect([error.error_code, error.description]).toEqual([
      403,
      'Forbidden: bot is not a member of the supergroup chat',
    ]);
    expect((await apiError(bot.api.getChat(-42))).description).toBe('Bad Request: chat not found');
  });
});
