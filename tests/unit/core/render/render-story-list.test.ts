import { describe, expect, it } from 'vitest';
import { escapeHtml } from '../../../../src/core/render/escape-html.js';
import { renderStoryList } from '../../../../src/core/render/render-story-list.js';
import { makeStory } from '../../../../tools/in-memory/memory-story-reader.js';

describe('escapeHtml', () => {
  it.each([
    ['a & b', 'a &amp; b'],
    ['<script>', '&lt;script&gt;'],
    ['"quoted"', '&quot;quoted&quot;'],
    ['&amp;', '&amp;amp;'],
    ['Звичайний текст', 'Звичайний текст'],
  ])('%j -> %j', (input, output) => {
    expect(escapeHtml(input)).toBe(output);
  });
});

describe('renderStoryList', () => {
  const options = { timezone: 'Europe/Kyiv', sourcesLabel: (n: number) => `${n} джерела` };

  it('escapes feed text, links safe URLs and shows the local time and the source count', () => {
    const story = makeStory({
      title: 'Зеленський <b>підписав</b> & "закон"',
      outlet: 'LIGA & Co',
      url: 'https://example.com/a?x=1&y="2"',
      publishedAt: Date.UTC(2024, 5, 1, 9, 5),
    });
    const [message] = renderStoryList([{ story, sources: 3 }], { ...options, heading: '<b>Н</b>' });
    expect(message).toBe(
      '<b>Н</b>\n\n1. <a href="https://example.com/a?x=1&amp;y=%222%22">Зеленський &lt;b&gt;підписав&lt;/b&gt; &amp; &quot;закон&quot;</a>\n' +
        '<i>LIGA &amp; Co · 12:05 · 3 джерела</i>',
    );
  });

  it.each(['javascript:alert(1)', 'not a url', 'ftp://x.org/file'])('does not link %s', (url) => {
    const [message] = renderStoryList([{ story: makeStory({ url, title: 'T' }), sources: 1 }], options);
    expect(message).not.toContain('<a ');
    expect(message).toContain('<b>T</b>');
  });

  it('splits long lists between lines so every message stays under the limit', () => {
    const views = Array.from({ length: 20 }, () => ({
      story: makeStory({ title: 'Д'.repeat(290) }),
      sources: 1,
    }));
    const messages = renderStoryList(views, options);
    expect(messages.length).toBeGreaterThan(1);
    for (const message of messages) expect(message.length).toBeLessThanOrEqual(4000);
    expect(messages.join('\n\n').match(/^\d+\. /gm)).toHaveLength(20);
  });

  it('returns nothing for no stories and no heading', () => {
    expect(renderStoryList([], options)).toEqual([]);
  });
});
