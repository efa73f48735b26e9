import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeStory } from '../../tools/in-memory/memory-story-reader.js';
import { createHarness, privateChat, texts, user, type Harness } from './harness.js';

// The harness clock.
const NOW = Date.UTC(2024, 0, 1, 12);
const HOUR = 3_600_000;

describe('quiet topics are no dead end', () => {
  let h: Harness;
  const alice = user(3001);
  const chat = privateChat(3001);
  beforeEach(async () => {
    h = await createHarness([
      makeStory({ id: 'sp1', title: 'Динамо виграло', topics: ['sport'], publishedAt: NOW - 30 * HOUR }),
      makeStory({ id: 'w1', title: 'Обстріл Харкова', topics: ['war'], publishedAt: NOW - HOUR }),
      makeStory({ id: 'e1', title: 'Курс гривні', topics: ['economy'], publishedAt: NOW - 2 * HOUR }),
      makeStory({ id: 'p1', title: 'Старе рішення Ради', topics: ['politics'], publishedAt: NOW - 8 * HOUR }),
      makeStory({
        id: 'r1',
        title: 'Старое решение',
        lang: 'ru',
        topics: ['politics'],
        publishedAt: NOW - 50 * HOUR,
      }),
    ]);
  });
  afterEach(() => h.close());

  it('/sport says how long it has been quiet, offers the topics with news, then still lists its stories', async () => {
    const answer = texts(await h.text(alice, chat, '/sport'));
    expect(answer[0]).toBe(
      'Тема «Спорт» мовчить уже 30 годин.\nЄ новини тут: /war (Війна), /economy (Економіка)',
    );
    expect(answer[1]).toContain('Динамо виграло');
  });

  it('/latest tech on a topic with no stories at all answers with the topics that have news, never an empty reply', async () => {
    const answer = texts(await h.text(alice, chat, '/latest tech'));
    expect(answer).toEqual([
      'На тему «Технології» поки немає жодної новини.\nЄ новини тут: /war (Війна), /economy (Економіка)',
    ]);
  });

  it('a lively topic gets no note', async () => {
    const answer = texts(await h.text(alice, chat, '/war'));
    expect(answer).toHaveLength(1);
    expect(answer[0]).toContain('Обстріл Харкова');
  });

  it('speaks the reader language: days in Russian', async () => {
    await h.text(alice, chat, '/lang ru');
    h.calls.length = 0;
    const [note] = texts(await h.text(alice, chat, '/politics'));
    expect(note).toBe('Тема «Политика» молчит уже 2 дня.');
  });
});
