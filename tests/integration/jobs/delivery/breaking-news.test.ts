import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { appendNewStoryEvents } from '../../../../src/adapters/redis/story-events.js';
import type { Story } from '../../../../src/core/types.js';
import { drained, makeStory, startDeliveryHarness, type DeliveryHarness } from './delivery-harness.js';

const T0 = Date.parse('2025-06-10T09:00:00Z'); // 12:00 in Kyiv
const MIN = 60_000;

let h: DeliveryHarness;
beforeEach(async () => {
  h = await startDeliveryHarness({ now: T0 });
});
afterEach(() => h.close());

/** One outlet's report of an event, as its feed would list it `minutes` after T0. */
const report = (cluster: string, outlet: string, minutes: number, patch: Partial<Story> = {}): Story =>
  makeStory({
    id: `${cluster}-${outlet}`,
    clusterId: cluster,
    outlet,
    url: `https://example.com/${cluster}/${encodeURIComponent(outlet)}`,
    publishedAt: T0 + minutes * MIN,
    title: 'Вибухи у Києві: повітряні сили повідомили про балістику',
    summary: 'У столиці пролунали вибухи, працює ППО.',
    topics: ['war'],
    ...patch,
  });

/** Stories arrive one poll at a time: each is stored, then handled as the breaking consumer would. */
async function arrive(stories: Story[]): Promise<string[]> {
  const fired: string[] = [];
  for (const story of stories) {
    h.clock.now = Math.max(h.clock.now, story.publishedAt + 2 * MIN);
    await h.addStories([story]);
    fired.push(...(await h.delivery.breakingStories([story.id])).clusters);
  }
  await drained(h.delivery);
  return fired;
}

const sentTexts = (chatId: number) => h.api.sent(chatId).map((m) => m.text ?? '');

describe('breaking news', () => {
  it('a cluster growing to 4 outlets within an hour is sent once, to the chats whose settings allow it', async () => {
    await h.addChat(5001, 'private', { breaking: true });
    await h.addChat(5002, 'private'); // breaking off
    await h.addChat(5003, 'private', { breaking: true, lang: 'ru' }); // other edition
    await h.addChat(5004, 'private', { breaking: true, mute: ['балістик'] });
    // 12:00-13:00 Kyiv is quiet for this chat.
    await h.addChat(5005, 'private', { breaking: true, quiet: { from: '11:30', to: '13:00' } });
    await h.addChat(5006, 'group', { breaking: true, paused: true });

    const fired = await arrive([
      report('kyiv', 'Українська правда', 0),
      report('kyiv', 'УНІАН', 8),
      report('kyiv', 'УНІАН', 9, { id: 'kyiv-unian-update' }), // the same outlet again counts once
      report('kyiv', 'Укрінформ', 21),
    ]);
    expect(fired).toEqual([]);
    expect(sentTexts(5001)).toEqual([]);

    expect(await arrive([report('kyiv', 'РБК-Україна', 40)])).toEqual(['kyiv']);
    // A fifth outlet later never sends the same cluster twice.
    expect(await arrive([report('kyiv', 'Інтерфакс-Україна', 50)])).toEqual([]);

    const got = sentTexts(5001);
    expect(got).toHaveLength(1);
    expect(got[0]).toContain('Терміново');
    expect(got[0]).toContain('4 джерела');
    expect(got[0]).toContain('Вибухи у Києві');
    for (const chat of [5002, 5003, 5004, 5005, 5006]) expect(sentTexts(chat)).toEqual([]);
    // Through the same deliver queue and ledger as digests.
    expect(await h.delivery.store.wasSent('brk-kyiv-uk', '5001:0')).toBe(true);
  });

  it('a cluster that spans UA and RU reaches each reader in the language of their edition', async () => {
    await h.addChat(5051, 'private', { breaking: true });
    await h.addChat(5052, 'private', { breaking: true, lang: 'ru' });
    const ru = {
      lang: 'ru' as const,
      title: 'Взрывы в Киеве: воздушные силы сообщили о баллистике',
      summary: 'В столице прогремели взрывы, работает ПВО.',
    };
    // The RU report comes first, so it leads the cluster; the UA reports join it.
    const fired = await arrive([
      report('mixed', 'Українська правда', 0, { ...ru, id: 'mixed' }),
      report('mixed', 'УНІАН', 5),
      report('mixed', 'Укрінформ', 9),
      report('mixed', 'РБК-Україна', 12),
    ]);
    expect(fired).toEqual(['mixed']);
    expect(sentTexts(5051)).toHaveLength(1);
    expect(sentTexts(5051)[0]).toContain('Вибухи у Києві');
    expect(sentTexts(5052)).toHaveLength(1);
    expect(sentTexts(5052)[0]).toContain('Взрывы в Киеве');
  });

  it('4 outlets spread over three hours are not breaking news', async () => {
    await h.addChat(5101, 'private', { breaking: true });
    const fired = await arrive([
      report('slow', 'Українська правда', 0),
      report('slow', 'УНІАН', 70),
      report('slow', 'Укрінформ', 140),
      report('slow', 'РБК-Україна', 200),
    ]);
    expect(fired).toEqual([]);
    expect(sentTexts(5101)).toEqual([]);
  });

  it('at most 3 a day per chat, and operators can lower the threshold', async () => {
    await h.addChat(5201, 'private', { breaking: true });
    await h.delivery.breaking.setSettings({ outlets: 2 });
    const clusters = ['a', 'b', 'c', 'd'];
    const fired = await arrive(
      clusters.flatMap((c, i) => [
        report(c, 'УНІАН', i * 30, { title: `Подія ${c}` }),
        report(c, 'Укрінформ', i * 30 + 5, { title: `Подія ${c}` }),
      ]),
    );
    expect(fired).toEqual(clusters);
    expect(sentTexts(5201)).toHaveLength(3);
  });

  it('the consumer picks new stories up from the stream on its own', async () => {
    await h.addChat(5301, 'private', { breaking: true });
    const stories = ['Українська правда', 'УНІАН', 'Укрінформ', 'РБК-Україна'].map((outlet, i) =>
      report('live', outlet, i * 5),
    );
    h.clock.now = T0 + 30 * MIN;
    await h.addStories(stories);
    await appendNewStoryEvents(h.redis.client, h.keys, stories);
    await h.api.waitFor(() => h.api.sent(5301).length > 0, 10_000);
    expect(sentTexts(5301)[0]).toContain('Вибухи у Києві');
  });

  it('instant mode holds news during quiet hours and sends it when they end', async () => {
    await h.addChat(5401, 'private', {
      schedule: { kind: 'instant' },
      quiet: { from: '11:30', to: '13:00' },
    });
    const story = report('night', 'УНІАН', 0);
    await h.addStories([story]);
    await h.delivery.store.queueInstant([{ chat: '5401', storyIds: [story.id] }], T0);
    h.clock.now = T0 + MIN; // 12:01 Kyiv: quiet
    await h.delivery.instantTick();
    await drained(h.delivery);
    expect(sentTexts(5401)).toEqual([]);
    h.clock.now = T0 + 59 * MIN; // 12:59: still quiet, and nothing is due yet
    expect(await h.delivery.instantTick()).toEqual({ sent: 0 });
    h.clock.now = T0 + 60 * MIN; // 13:00 Kyiv
    expect(await h.delivery.instantTick()).toEqual({ sent: 1 });
    await drained(h.delivery);
    expect(sentTexts(5401)[0]).toContain('Вибухи у Києві');
  });
});
