import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeStory } from '../../tools/in-memory/memory-story-reader.js';
import { createHarness, privateChat, texts, user, type Harness } from './harness.js';

const alice = user(2001, 'uk');
const chat = privateChat(2001);

const stories = [
  makeStory({
    id: 'a1',
    title: 'Рада ухвалила <закон> & "бюджет"',
    topics: ['politics'],
    clusterId: 'c1',
    publishedAt: 1_000,
  }),
  makeStory({
    id: 'a2',
    title: 'Той самий закон',
    outlet: 'УНІАН',
    topics: ['politics'],
    clusterId: 'c1',
    publishedAt: 900,
  }),
  makeStory({ id: 'a3', title: 'Обстріл Харкова', topics: ['war'], clusterId: 'c3', publishedAt: 800 }),
  makeStory({
    id: 'a4',
    title: 'Україна отримала кредит',
    topics: ['economy'],
    clusterId: 'c4',
    publishedAt: 700,
  }),
  makeStory({
    id: 'r1',
    title: 'Рада приняла закон',
    lang: 'ru',
    topics: ['politics'],
    clusterId: 'c1',
    publishedAt: 1_000,
  }),
  ...Array.from({ length: 30 }, (_, i) =>
    makeStory({
      id: `w${i}`,
      title: `Фронт ${i}`,
      topics: ['war'],
      clusterId: `cw${i}`,
      publishedAt: 100 + i,
    }),
  ),
];

describe('commands in a private chat', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await createHarness(stories);
    await h.text(alice, chat, '/start');
  });
  afterEach(() => h.close());

  const reply = async (text: string) => texts(await h.text(alice, chat, text)).join('\n');

  it.each([
    ['/lang ua', 'Мову змінено', { lang: 'uk' }],
    ['/lang ru', 'Язык изменён', { lang: 'ru' }],
    [
      '/schedule 20:00, 8:00',
      'щодня о 08:00, 20:00',
      { schedule: { kind: 'times', times: ['08:00', '20:00'] } },
    ],
    ['/schedule instant', 'одразу', { schedule: { kind: 'instant' } }],
    ['/timezone Europe/Warsaw', 'Europe/Warsaw', { timezone: 'Europe/Warsaw' }],
    ['/timezone kiev', 'Europe/Kyiv', { timezone: 'Europe/Kyiv' }],
    [
      '/subscribe Спорт tech',
      'Спорт, Технології',
      { topics: ['politics', 'war', 'economy', 'sport', 'tech'] },
    ],
    ['/unsubscribe війна POLITICS', 'Економіка', { topics: ['economy'] }],
    ['/follow  Укренерго ', 'укренерго', { follow: ['укренерго'] }],
    ['/mute футбол', 'футбол', { mute: ['футбол'] }],
    ['/stop', '/resume', { paused: true }],
    ['/otherlang on', 'лише іншою мовою', { allowOtherLang: true }],
    ['/otherlang off', 'лише новини вашою мовою', { allowOtherLang: false }],
  ])('%s replies and stores the change', async (command, expected, stored) => {
    expect(await reply(command)).toContain(expected);
    expect(await h.chats.get({ chatId: 2001 })).toMatchObject(stored);
  });

  it.each([
    ['/subscribe astrology', ['«astrology»', '/politics — Політика', '/sport — Спорт']],
    ['/lang de', ['/lang uk']],
    ['/otherlang maybe', ['<code>/otherlang on</code>']],
    ['/schedule 25:00', ['<code>/schedule 08:00,20:00</code>']],
    [
      '/schedule ' + Array.from({ length: 13 }, (_, i) => `${String(i + 1).padStart(2, '0')}:00`).join(','),
      ['не більше 12'],
    ],
    ['/timezone Mars/Olympus', ['<code>/timezone Europe/Kyiv</code>']],
    ['/follow x', ['щонайменше 2']],
    ['/unmute nothing', ['немає у списку']],
    ['/search ' + 'я'.repeat(201), ['не більше 200']],
    ['/frobnicate', ['/help']],
    ['hello there', ['/help']],
  ])('%s is refused with guidance and changes nothing', async (command, expected) => {
    const before = await h.chats.get({ chatId: 2001 });
    const text = await reply(command);
    for (const part of expected) expect(text).toContain(part);
    expect(await h.chats.get({ chatId: 2001 })).toEqual(before);
  });

  it('/latest renders escaped HTML, one entry per cluster with its source count', async () => {
    const calls = await h.text(alice, chat, '/latest politics');
    expect(calls[0]?.payload.parse_mode).toBe('HTML');
    // The fixtures are old, so a quiet-topic note comes first; the list is the last message.
    const text = texts(calls).at(-1)!;
    expect(text).toContain('Рада ухвалила &lt;закон&gt; &amp; &quot;бюджет&quot;');
    expect(text).toContain('2 джерела');
    expect(text).not.toContain('Той самий закон');
    expect(text).not.toContain('Рада приняла');
  });

  it.each([
    ['/latest', 5],
    ['/latest war 3', 3],
    ['/latest 50 war', 20],
    ['/war', 5],
    ['/war 12', 12],
    ['/war@digest_test_bot 2', 2],
  ])('%s shows %i stories', async (command, count) => {
    const text = texts(await h.text(alice, chat, command)).join('\n');
    expect(text.match(/^\d+\. /gm)).toHaveLength(count);
  });

  it('/search finds inflected forms by prefix in the chat language', async () => {
    expect(await reply('/search україн')).toContain('Україна отримала кредит');
    expect(await reply('/search марс')).toContain('нічого не знайшлося');
  });

  it('/digest asks the delivery worker for this chat digest and says so', async () => {
    const text = await reply('/digest');
    expect(text).toContain('Готую добірку');
    expect(h.digests).toEqual([{ chatId: chat.id }]);
  });

  it('replies in Russian after /lang ru', async () => {
    await h.text(alice, chat, '/lang ru');
    expect(await reply('/settings')).toContain('Настройки');
    expect(await reply('/latest politics')).toContain('Рада приняла закон');
  });
});
