import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buttons, createHarness, privateChat, texts, user, type Harness } from './harness.js';

describe('onboarding by buttons', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await createHarness();
  });
  afterEach(() => h.close());

  const alice = user(1001, 'uk');
  const chat = privateChat(1001);

  it('walks language -> topics -> schedule and stores each step', async () => {
    const start = await h.text(alice, chat, '/start');
    expect(buttons(start[0])).toEqual(['v1:lang:uk:o', 'v1:lang:ru:o']);
    expect(await h.chats.get({ chatId: 1001 })).toMatchObject({
      lang: 'uk',
      topics: ['politics', 'war', 'economy'],
    });

    const lang = await h.press(alice, chat, 'v1:lang:ru:o');
    expect(lang.map((c) => c.method)).toEqual(['editMessageText', 'answerCallbackQuery']);
    expect(texts(lang)[0]).toContain('Отметьте');
    expect(buttons(lang[0])).toContain('v1:top:sport:o');

    const toggle = await h.press(alice, chat, 'v1:top:sport:o');
    expect(toggle[0]?.method).toBe('editMessageReplyMarkup');
    await h.press(alice, chat, 'v1:top:war:o');
    const next = await h.press(alice, chat, 'v1:next:sched:o');
    expect(buttons(next[0])).toContain('v1:sch:instant:o');
    const done = await h.press(alice, chat, 'v1:sch:thrice:o');
    expect(texts(done)[0]).toContain('08:00, 13:00, 20:00');

    expect(await h.chats.get({ chatId: 1001 })).toMatchObject({
      lang: 'ru',
      topics: ['politics', 'economy', 'sport'],
      schedule: { kind: 'times', times: ['08:00', '13:00', '20:00'] },
      timezone: 'Europe/Kyiv',
    });
  });

  it('shows current settings on a second /start and never resets them', async () => {
    await h.text(alice, chat, '/start');
    await h.text(alice, chat, '/lang ru');
    await h.text(alice, chat, '/schedule off');
    const again = await h.text(alice, chat, '/start');
    expect(texts(again)[0]).toContain('Вы уже подписаны');
    expect(buttons(again[0])).toEqual(['v1:set:lang:s', 'v1:set:topics:s', 'v1:set:sched:s', 'brk:toggle']);
    expect(await h.chats.get({ chatId: 1001 })).toMatchObject({ lang: 'ru', schedule: { kind: 'off' } });
  });

  it('defaults a Russian-speaking Telegram user to ru', async () => {
    const boris = user(1002, 'ru');
    const start = await h.text(boris, privateChat(1002), '/start');
    expect(texts(start)[0]).toContain('Здравствуйте');
    expect((await h.chats.get({ chatId: 1002 }))?.lang).toBe('ru');
  });

  it.each([
    ['forged action', 'v1:evil:x:o'],
    ['old version', 'v0:lang:uk:o'],
    ['unknown topic', 'v1:top:astrology:s'],
    ['unknown preset', 'v1:sch:hourly:s'],
    ['not ours at all', 'hello'],
  ])('answers stale or forged button data (%s) gently and changes nothing', async (_name, data) => {
    await h.text(alice, chat, '/start');
    const before = await h.chats.get({ chatId: 1001 });
    const calls = await h.press(alice, chat, data);
    expect(calls.map((c) => c.method)).toEqual(['answerCallbackQuery']);
    expect(String(calls[0]?.payload.text)).toContain('не діє');
    expect(await h.chats.get({ chatId: 1001 })).toEqual(before);
  });
});
