import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHarness, group, privateChat, texts, user, type Harness } from './harness.js';

describe('/breaking and /quiet', () => {
  let h: Harness;
  const alice = user(4001);
  const chat = privateChat(4001);
  beforeEach(async () => {
    h = await createHarness();
  });
  afterEach(() => h.close());

  it('/breaking on|off saves the choice; anything else explains and changes nothing', async () => {
    expect(texts(await h.text(alice, chat, '/breaking on'))[0]).toContain('увімкнено');
    expect(await h.chats.get({ chatId: 4001 })).toMatchObject({ breaking: true });
    expect(texts(await h.text(alice, chat, '/breaking maybe'))[0]).toContain('Зараз: on');
    await h.text(alice, chat, '/breaking off');
    expect(await h.chats.get({ chatId: 4001 })).toMatchObject({ breaking: false });
  });

  it('the /settings button toggles breaking news and shows the new state', async () => {
    await h.text(alice, chat, '/settings');
    const calls = await h.press(alice, chat, 'brk:toggle');
    expect(await h.chats.get({ chatId: 4001 })).toMatchObject({ breaking: true });
    const edit = calls.find((c) => c.method === 'editMessageText');
    expect(JSON.stringify(edit?.payload.reply_markup)).toContain('Термінові: увімк.');
  });

  it.each([
    ['/quiet 23:00-08:00', { from: '23:00', to: '08:00' }],
    ['/quiet 0:30 – 6:00', { from: '00:30', to: '06:00' }],
  ])('%s sets quiet hours', async (command, quiet) => {
    expect(texts(await h.text(alice, chat, command))[0]).toContain('Europe/Kyiv');
    expect(await h.chats.get({ chatId: 4001 })).toMatchObject({ quiet });
  });

  it.each(['/quiet 25:00-08:00', '/quiet 08:00-08:00', '/quiet sometimes'])(
    '%s is refused with the usage',
    async (command) => {
      expect(texts(await h.text(alice, chat, command))[0]).toContain('/quiet 23:00-08:00');
      expect((await h.chats.get({ chatId: 4001 }))?.quiet).toBeUndefined();
    },
  );

  it('/quiet off removes quiet hours', async () => {
    await h.text(alice, chat, '/quiet 23:00-08:00');
    await h.text(alice, chat, '/quiet off');
    expect((await h.chats.get({ chatId: 4001 }))?.quiet).toBeUndefined();
  });

  it('in a group only admins turn breaking news on', async () => {
    const bob = user(4002);
    h.members.set(`-100500:4002`, { status: 'member', user: bob });
    const answer = texts(await h.text(bob, group(-100500), '/breaking on'))[0];
    expect(answer).toContain('адміністратори');
    expect((await h.chats.get({ chatId: -100500 }))?.breaking).toBeUndefined();
  });
});
