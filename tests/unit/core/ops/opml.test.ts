import { describe, expect, it } from 'vitest';
import { buildOpml, parseOpml } from '../../../../src/core/ops/opml.js';
import { OpmlError } from '../../../../src/errors/opml-error.js';
import { basicAuthOk } from '../../../../src/server/basic-auth.js';
import { combineOverrides } from '../../../../src/services/live-topics.js';

const doc = (body: string) => `<?xml version="1.0"?><opml version="2.0"><head/><body>${body}</body></opml>`;

describe('parseOpml', () => {
  it.each([
    [
      'nested folders, titles and languages',
      doc(
        '<outline text="UA"><outline text="Правда" xmlUrl="https://www.pravda.com.ua/rss/" language="uk-UA"/></outline><outline title="RBC" text="x" xmlUrl="https://www.rbc.ua/static/rss/all.rus.rss.xml" language="ru"/>',
      ),
      [
        { url: 'https://www.pravda.com.ua/rss/', title: 'Правда', lang: 'uk' },
        { url: 'https://www.rbc.ua/static/rss/all.rus.rss.xml', title: 'RBC', lang: 'ru' },
      ],
      [],
    ],
    [
      'duplicates once, bad schemes reported',
      doc(
        '<outline xmlUrl="https://a.example/rss"/><outline xmlUrl="https://a.example/rss"/><outline xmlUrl="file:///etc/passwd"/>',
      ),
      [{ url: 'https://a.example/rss' }],
      [{ url: 'file:///etc/passwd', reason: 'not an http(s) URL' }],
    ],
    ['folders without feeds', doc('<outline text="empty"/>'), [], []],
  ])('%s', (_name, text, feeds, invalid) => {
    expect(parseOpml(text)).toEqual({ feeds, invalid });
  });

  it.each([
    ['not XML', '<opml><body>', 'MALFORMED_XML'],
    ['RSS instead of OPML', '<rss version="2.0"><channel/></rss>', 'NOT_OPML'],
    ['too many feeds', doc('<outline xmlUrl="https://a.example/x"/>'.repeat(501)), 'TOO_MANY'],
  ])('refuses %s', (_name, text, code) => {
    expect(() => parseOpml(text)).toThrow(OpmlError);
    try {
      parseOpml(text);
    } catch (error) {
      expect((error as OpmlError).code).toBe(code);
    }
  });

  it('round-trips our export, escaping markup in names and URLs', () => {
    const feeds = [
      {
        id: 'a',
        url: 'https://x.example/rss?a=1&b=2',
        lang: 'uk' as const,
        name: 'A <&> "B"',
        intervalMs: 300_000,
        topics: [],
      },
      {
        id: 'b',
        url: 'https://y.example/feed',
        lang: 'auto' as const,
        name: 'Y',
        intervalMs: 3_600_000,
        topics: [],
      },
    ];
    const text = buildOpml(feeds, 'newsdigest', Date.UTC(2025, 0, 1));
    expect(text).toContain('interval="1h"');
    expect(parseOpml(text).feeds).toEqual([
      { url: 'https://x.example/rss?a=1&b=2', title: 'A <&> "B"', lang: 'uk' },
      { url: 'https://y.example/feed', title: 'Y' },
    ]);
  });
});

describe('basicAuthOk', () => {
  const header = (text: string) => `Basic ${Buffer.from(text).toString('base64')}`;
  it.each([
    [header('ops:secret-password'), true],
    [header('ops:secret-passwor'), false],
    [header('op:secret-password'), false],
    [header('ops:secret-password:'), false],
    [header('opssecret-password'), false],
    ['Bearer abc', false],
    [undefined, false],
  ])('%s -> %s', (value, ok) => {
    expect(basicAuthOk(value, 'ops', 'secret-password')).toBe(ok);
  });
});

describe('combineOverrides', () => {
  it('puts operator stems over the feeds file per language, keeping the rest', () => {
    const file = { politics: { names: { uk: 'Влада' }, keywords: { uk: ['рада'], ru: ['рада'] } } };
    const operator = { politics: { keywords: { uk: ['нардеп'] } }, sport: { keywords: { ru: ['футбол'] } } };
    expect(combineOverrides(file, operator)).toEqual({
      politics: { names: { uk: 'Влада' }, keywords: { uk: ['нардеп'], ru: ['рада'] } },
      sport: { keywords: { ru: ['футбол'] } },
    });
  });
});
