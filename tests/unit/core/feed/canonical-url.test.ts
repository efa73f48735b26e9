import { describe, expect, it } from 'vitest';
import { canonicalUrl } from '../../../../src/core/feed/canonical-url.js';
import { storyIdFor } from '../../../../src/core/feed/story-id.js';

describe('canonicalUrl', () => {
  it.each<[string, string | undefined]>([
    [
      'https://WWW.Pravda.com.ua/news/2026/11/25/7512345/',
      'https://www.pravda.com.ua/news/2026/11/25/7512345',
    ],
    [
      'https://www.pravda.com.ua/rus/news/2026/11/25/7512345/',
      'https://www.pravda.com.ua/rus/news/2026/11/25/7512345',
    ],
    ['https://www.pravda.com.ua/', 'https://www.pravda.com.ua/'],
    ['https://www.pravda.com.ua', 'https://www.pravda.com.ua/'],
    ['  https://zn.ua/ukr/a.html  ', 'https://zn.ua/ukr/a.html'],
    ['https://zn.ua/ukr/a.html#comments', 'https://zn.ua/ukr/a.html'],
    ['HTTP://Example.COM:80/a//', 'http://example.com/a'],
    ['https://user:pw@zn.ua/a', 'https://zn.ua/a'],
    [
      'https://www.unian.ua/war/x.html?utm_source=rss&utm_medium=feed&UTM_Campaign=a',
      'https://www.unian.ua/war/x.html',
    ],
    [
      'https://interfax.com.ua/news/1.html?b=2&a=1&fbclid=x&gclid=y&yclid=z&ref=tg&from=rss',
      'https://interfax.com.ua/news/1.html?a=1&b=2',
    ],
    [
      'https://www.rbc.ua/search?q=курс&page=2',
      'https://www.rbc.ua/search?page=2&q=%D0%BA%D1%83%D1%80%D1%81',
    ],
    ['https://www.ukrinform.ua/новини/', 'https://www.ukrinform.ua/%D0%BD%D0%BE%D0%B2%D0%B8%D0%BD%D0%B8'],
    ['ftp://zn.ua/a', undefined],
    ['javascript:alert(1)', undefined],
    ['mailto:news@zn.ua', undefined],
    ['/news/2026/11/25/7512345/', undefined],
    ['not a url', undefined],
    ['', undefined],
  ])('%s -> %s', (input, expected) => {
    expect(canonicalUrl(input)).toBe(expected);
  });

  it('maps tracking variants of one article to one URL', () => {
    const variants = [
      'https://www.pravda.com.ua/news/2026/11/25/7512345/',
      'https://www.pravda.com.ua/news/2026/11/25/7512345?utm_source=telegram',
      'https://WWW.PRAVDA.COM.UA/news/2026/11/25/7512345/#top',
      'https://www.pravda.com.ua/news/2026/11/25/7512345/?fbclid=IwAR0&from=main',
    ];
    expect(new Set(variants.map(canonicalUrl)).size).toBe(1);
  });
});

describe('storyIdFor', () => {
  it.each([
    ['abc', 'a9993e364706816a'],
    ['https://www.pravda.com.ua/news/2026/11/25/7512345', undefined],
  ])('is 16 lower-case hex characters of SHA-1 (%s)', (input, expected) => {
    const id = storyIdFor(input);
    expect(id).toMatch(/^[0-9a-f]{16}$/);
    if (expected) expect(id).toBe(expected);
  });

  it('is stable and tells inputs apart', () => {
    expect(storyIdFor('https://zn.ua/a')).toBe(storyIdFor('https://zn.ua/a'));
    expect(storyIdFor('https://zn.ua/a')).not.toBe(storyIdFor('https://zn.ua/b'));
  });
});
