import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Digest } from '../../../../src/core/digest/digest-types.js';
import { renderDigest } from '../../../../src/core/render/render-digest.js';
import { splitMessages } from '../../../../src/core/render/split-messages.js';
import { HtmlBlock, htmlToPlain } from '../../../../src/core/render/telegram-html.js';
import type { Story } from '../../../../src/core/types.js';
import { parseTelegramHtml } from '../../../../tools/bot-api-server/html-check.js';
import { TEST_TOPICS } from '../../../../tools/in-memory/test-topics.js';

const AT = Date.parse('2025-06-10T06:00:00Z');

function story(i: number, title: string, summary: string, url: string, outlet = 'УНІАН'): Story {
  return {
    id: `s${i}`,
    feedId: 'f',
    outlet,
    url,
    title,
    summary,
    publishedAt: AT - i * 60_000,
    fetchedAt: AT,
    categories: [],
    lang: 'uk',
    topics: ['politics'],
    clusterId: `s${i}`,
  };
}

const digestOf = (stories: Story[], sources = 1): Digest => ({
  lang: 'uk',
  sections: [{ topic: 'politics', entries: stories.map((s) => ({ story: s, sources, otherLang: false })) }],
});

describe('renderDigest', () => {
  it('renders escaped, linked entries with localised topic and sources', () => {
    const [message, ...rest] = renderDigest(
      digestOf([story(1, 'Рада & <b>уряд</b>', 'Опис "тут"', 'https://example.ua/a?x=1&y="2"')], 3),
      { topics: TEST_TOPICS, timezone: 'Europe/Kyiv', at: AT },
    );
    expect(rest).toEqual([]);
    expect(message).toContain('<b>Політика</b>');
    expect(message).toContain(
      '<a href="https://example.ua/a?x=1&amp;y=%222%22">Рада &amp; &lt;b&gt;уряд&lt;/b&gt;</a>',
    );
    expect(message).toContain('Опис &quot;тут&quot;');
    expect(message).toContain('+2 джерела');
    expect(message).toContain('09:00');
    const parsed = parseTelegramHtml(message!);
    expect(parsed.entities.filter((e) => e.type === 'text_link')).toHaveLength(1);
  });

  it.each([
    ['uk', 'Щойно'],
    ['ru', 'Только что'],
  ] as const)('an instant batch in %s opens with its own heading, not the dated header', (lang, heading) => {
    const digest = { ...digestOf([story(1, 'Заголовок', '', 'https://example.ua/a')]), lang };
    const [message] = renderDigest(digest, { topics: TEST_TOPICS, timezone: 'UTC', at: AT, instant: true });
    expect(message!.startsWith(`<b>${heading}</b>`)).toBe(true);
    expect(message).not.toContain('Добірка');
    expect(message).not.toContain('Подборка');
  });

  it('a non-http URL is not linked', () => {
    const [message] = renderDigest(digestOf([story(1, 'Заголовок', '', 'javascript:alert(1)')]), {
      topics: TEST_TOPICS,
      timezone: 'UTC',
    });
    expect(message).not.toContain('href');
    expect(message).toContain('<b>Заголовок</b>');
  });

  it('an empty digest renders no message', () => {
    expect(renderDigest({ lang: 'ru', sections: [] }, { topics: TEST_TOPICS, timezone: 'UTC' })).toEqual([]);
  });

  const text = fc.string({ unit: 'binary', maxLength: 600 });
  const url = fc.oneof(fc.webUrl({ withQueryParameters: true, withFragments: true }), text);
  it('any titles, summaries and URLs give well-formed HTML within 4096 units and 100 entities, nothing opens a tag', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            title: text,
            summary: text,
            url,
            outlet: text,
            sources: fc.integer({ min: 1, max: 30 }),
          }),
          {
            minLength: 1,
            maxLength: 80,
          },
        ),
        (items) => {
          const stories = items.map((item, i) => story(i, item.title, item.summary, item.url, item.outlet));
          const digest: Digest = {
            lang: 'uk',
            sections: [
              {
                topic: 'politics',
                entries: stories.map((s, i) => ({
                  story: s,
                  sources: items[i]!.sources,
                  otherLang: i % 2 === 0,
                })),
              },
            ],
          };
          const messages = renderDigest(digest, { topics: TEST_TOPICS, timezone: 'Europe/Kyiv', at: AT });
          let links = 0;
          for (const message of messages) {
            const parsed = parseTelegramHtml(message); // throws on unbalanced or unknown tags
            expect(parsed.text.length).toBeLessThanOrEqual(4096);
            expect(parsed.entities.length).toBeLessThanOrEqual(100);
            expect(htmlToPlain(message)).toBe(parsed.text);
            // Only our tags: feed text never turns into markup.
            for (const tag of message.match(/<[^>]*>/g) ?? [])
              expect(tag).toMatch(/^<\/?(b|i|a)( href="[^"<>]*")?>$/);
            links += parsed.entities.filter((e) => e.type === 'text_link').length;
          }
          expect(links).toBeLessThanOrEqual(stories.length);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('splits only between entries and keeps order', () => {
    const stories = Array.from({ length: 60 }, (_, i) =>
      story(i, `Новина ${i} ${'x'.repeat(280)}`, 'y'.repeat(240), `https://e.ua/${i}`),
    );
    const messages = renderDigest(digestOf(stories), { topics: TEST_TOPICS, timezone: 'UTC', at: AT });
    expect(messages.length).toBeGreaterThan(1);
    const all = messages.map((m) => parseTelegramHtml(m).text).join('\n');
    const order = [...all.matchAll(/Новина (\d+)/g)].map((m) => Number(m[1]));
    expect(order).toEqual(stories.map((_, i) => i));
  });
});

describe('splitMessages', () => {
  it('respects the entity limit', () => {
    const blocks = Array.from({ length: 10 }, (_, i) => new HtmlBlock().tag('b', `a${i}`).tag('i', 'b'));
    const messages = splitMessages(blocks, { maxLength: 4096, maxEntities: 5 });
    expect(messages.map((m) => parseTelegramHtml(m).entities.length)).toEqual([4, 4, 4, 4, 4]);
  });
});
