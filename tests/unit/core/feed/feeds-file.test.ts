import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatDuration, parseDuration } from '../../../../src/core/feed/duration.js';
import { feedIdFor } from '../../../../src/core/feed/feed-id.js';
import { parseFeedsFile } from '../../../../src/core/feed/feeds-file.js';
import { FeedsFileError } from '../../../../src/errors/feeds-file-error.js';

function errorOf(text: string): FeedsFileError {
  try {
    parseFeedsFile(text, 'feeds.yaml');
  } catch (error) {
    if (error instanceof FeedsFileError) return error;
    throw error;
  }
  throw new Error('expected a FeedsFileError');
}

describe('parseFeedsFile', () => {
  it('reads the shipped default file: six outlets, both editions', () => {
    const file = parseFeedsFile(readFileSync('feeds.yaml', 'utf8'));
    expect(file.feeds).toHaveLength(12);
    expect(file.feeds.filter((feed) => feed.lang === 'uk')).toHaveLength(6);
    expect(file.feeds.filter((feed) => feed.lang === 'ru')).toHaveLength(6);
    expect(new Set(file.feeds.map((feed) => feed.id)).size).toBe(12);
    expect(file.feeds.every((feed) => feed.intervalMs === 5 * 60_000)).toBe(true);
  });

  it('applies the documented shape, aliases and defaults', () => {
    const file = parseFeedsFile(`
feeds:
  - url: https://zn.ua/ukr/rss/full.rss
    lang: ua
    name: ZN.ua
    interval: 2m
    topics: [politics]
  - url: https://example.com/feed.xml
topics:
  politics:
    names: { uk: Політика, ru: Политика }
    keywords: { ua: [верховна рада], ru: [верховная рада] }
    categories: [Politics]
`);
    expect(file.feeds[0]).toEqual({
      id: feedIdFor('https://zn.ua/ukr/rss/full.rss'),
      url: 'https://zn.ua/ukr/rss/full.rss',
      lang: 'uk',
      name: 'ZN.ua',
      intervalMs: 120_000,
      topics: ['politics'],
    });
    expect(file.feeds[1]).toMatchObject({
      lang: 'auto',
      name: 'example.com',
      intervalMs: 300_000,
      topics: [],
    });
    expect(file.topics['politics']).toEqual({
      names: { uk: 'Політика', ru: 'Политика' },
      keywords: { uk: ['верховна рада'], ru: ['верховная рада'] },
      categories: ['Politics'],
    });
  });

  it.each([
    ['feeds:\n  - url: ftp://x.org/feed\n', 'feed #1 (ftp://x.org/feed) key "url"', 'http'],
    [
      'feeds:\n  - url: https://a.ua/rss\n    lang: en\n',
      'feed #1 (https://a.ua/rss) key "lang"',
      'uk, ru or auto',
    ],
    [
      'feeds:\n  - url: https://a.ua/rss\n    interval: 30s\n',
      'feed #1 (https://a.ua/rss) key "interval"',
      '1m',
    ],
    [
      'feeds:\n  - url: https://a.ua/rss\n    interval: soon\n',
      'feed #1 (https://a.ua/rss) key "interval"',
      'duration',
    ],
    ['feeds:\n  - url: https://a.ua/rss\n  - lang: uk\n', 'feed #2 key "url"', 'required'],
    ['feeds:\n  - url: https://a.ua/rss\n    colour: red\n', 'feed #1 (https://a.ua/rss)', 'colour'],
    [
      'feeds:\n  - url: https://a.ua/rss\n  - url: https://a.ua/rss\n',
      'feed #2 (https://a.ua/rss)',
      'duplicates feed #1',
    ],
    ['feeds:\n  - url: https://a.ua/rss\ntopics:\n  Bad-Slug: {}\n', 'topic "Bad-Slug"', 'slug'],
    ['feeds: [\n', 'line 2', 'not valid YAML'],
  ])('reports %j at %s', (text, where, problem) => {
    const error = errorOf(text);
    expect(error.where).toBe(where);
    expect(error.problem).toContain(problem);
    expect(error.code).toBe('FEEDS_FILE_INVALID');
  });
});

describe('durations', () => {
  it.each([
    ['90s', 90_000],
    ['5m', 300_000],
    ['1h30m', 5_400_000],
    ['2d', 172_800_000],
    ['5', undefined],
    ['m5', undefined],
    ['', undefined],
  ])('parseDuration(%j) = %j', (input, expected) => {
    expect(parseDuration(input)).toBe(expected);
  });

  it.each([
    [300_000, '5m'],
    [5_400_000, '1h30m'],
    [21_600_000, '6h'],
  ])('formatDuration(%d) = %s', (ms, expected) => {
    expect(formatDuration(ms)).toBe(expected);
    expect(parseDuration(expected)).toBe(ms);
  });
});

describe('feed weight (digest ranking)', () => {
  it('keeps a weight other than 1, omits the default, and rejects a non-positive one', () => {
    const file = parseFeedsFile(`
feeds:
  - url: https://www.ukrinform.ua/rss/block-lastnews
    weight: 2
  - url: https://www.unian.ua/rss
    weight: 1
  - url: https://rss.example.ua/feed
`);
    expect(file.feeds.map((feed) => feed.weight)).toEqual([2, undefined, undefined]);
    expect(() => parseFeedsFile('feeds:\n  - url: https://a.ua/rss\n    weight: 0\n')).toThrow(
      FeedsFileError,
    );
  });
});
