import { describe, expect, it } from 'vitest';
import {
  editionKeyFor,
  pairEditions,
  type EditionCandidate,
} from '../../../../src/core/editions/edition-key.js';

/** The UA and RU URL of one article, per outlet, as the outlets publish them. */
const EDITION_PAIRS: { outlet: string; uk: string; ru: string; key: string }[] = [
  {
    outlet: 'ZN.ua, numeric id, Russian without a segment',
    uk: 'https://zn.ua/ukr/POLITICS/zelenskij-pidpisav-zakon-12345_.html',
    ru: 'https://zn.ua/POLITICS/zelenskij-podpisal-zakon-12345_.html',
    key: 'zn#12345',
  },
  {
    outlet: 'ZN.ua, numeric id, /rus/',
    uk: 'https://zn.ua/ukr/ECONOMICS/nbu-znyzyv-stavku-54321_.html',
    ru: 'https://zn.ua/rus/ECONOMICS/nbu-snizil-stavku-54321_.html',
    key: 'zn#54321',
  },
  {
    outlet: 'ZN.ua, same slug, no id',
    uk: 'https://zn.ua/ukr/POLITICS/rada-bjudzhet.html',
    ru: 'https://zn.ua/POLITICS/rada-bjudzhet.html',
    key: 'zn/politics/rada-bjudzhet.html',
  },
  {
    outlet: 'Ukrainska Pravda',
    uk: 'https://www.pravda.com.ua/news/2026/11/25/7512345/',
    ru: 'https://www.pravda.com.ua/rus/news/2026/11/25/7512345/',
    key: 'pravda#7512345',
  },
  {
    outlet: 'UNIAN, .ua vs .net',
    uk: 'https://www.unian.ua/politics/zelenskiy-zustrivsya-z-makronom-13212345.html',
    ru: 'https://www.unian.net/politics/zelenskiy-vstretilsya-s-makronom-13212345.html',
    key: 'unian#13212345',
  },
  {
    outlet: 'UNIAN, /rus/ variant',
    uk: 'https://www.unian.ua/economics/finance/kurs-dolara-13212346.html',
    ru: 'https://www.unian.ua/rus/economics/finance/kurs-dollara-13212346.html',
    key: 'unian#13212346',
  },
  {
    outlet: 'RBC-Ukraine',
    uk: 'https://www.rbc.ua/ukr/news/zelenskiy-pidpisav-1732512345.html',
    ru: 'https://www.rbc.ua/rus/news/zelenskiy-podpisal-1732512345.html',
    key: 'rbc#1732512345',
  },
  {
    outlet: 'LIGA',
    uk: 'https://news.liga.net/ua/politics/news/rada-uhvalila-byudzhet',
    ru: 'https://news.liga.net/politics/news/rada-uhvalila-byudzhet',
    key: 'liga/politics/news/rada-uhvalila-byudzhet',
  },
  {
    outlet: 'Interfax-Ukraine',
    uk: 'https://interfax.com.ua/news/political/1012345.html',
    ru: 'https://ru.interfax.com.ua/news/political/1012345.html',
    key: 'interfax#1012345',
  },
  {
    outlet: 'Ukrinform, .ua vs .ru',
    uk: 'https://www.ukrinform.ua/rubric-polytics/3950123-zelenskij-zustrivsa.html',
    ru: 'https://www.ukrinform.ru/rubric-polytics/3950123-zelenskij-vstretilsa.html',
    key: 'ukrinform#3950123',
  },
];

describe('editionKeyFor', () => {
  it.each(EDITION_PAIRS)('$outlet: both editions share the key', ({ uk, ru, key }) => {
    expect(editionKeyFor(uk)).toBe(key);
    expect(editionKeyFor(ru)).toBe(key);
  });

  it('gives every article its own key', () => {
    const keys = EDITION_PAIRS.map(({ uk }) => editionKeyFor(uk));
    expect(new Set(keys).size).toBe(EDITION_PAIRS.length);
  });

  const different: { name: string; a: string; b: string }[] = [
    {
      name: 'ZN: another article id',
      a: 'https://zn.ua/ukr/POLITICS/slug-12345_.html',
      b: 'https://zn.ua/POLITICS/slug-12346_.html',
    },
    {
      name: 'Pravda: same date, another article',
      a: 'https://www.pravda.com.ua/news/2026/11/25/7512345/',
      b: 'https://www.pravda.com.ua/rus/news/2026/11/25/7512346/',
    },
    {
      name: 'UNIAN: another article number',
      a: 'https://www.unian.ua/politics/slug-13212345.html',
      b: 'https://www.unian.net/politics/slug-13212399.html',
    },
    {
      name: 'RBC: another article number',
      a: 'https://www.rbc.ua/ukr/news/slug-1732512345.html',
      b: 'https://www.rbc.ua/rus/news/slug-1732512999.html',
    },
    {
      name: 'LIGA: another slug',
      a: 'https://news.liga.net/ua/politics/news/rada-uhvalila-byudzhet',
      b: 'https://news.liga.net/politics/news/rada-zvilnyla-ministra',
    },
    {
      name: 'Interfax: another article',
      a: 'https://interfax.com.ua/news/political/1012345.html',
      b: 'https://ru.interfax.com.ua/news/economic/1012346.html',
    },
    {
      name: 'Ukrinform: another article',
      a: 'https://www.ukrinform.ua/rubric-polytics/3950123-slug.html',
      b: 'https://www.ukrinform.ru/rubric-polytics/3950124-slug.html',
    },
    {
      name: 'same number at two outlets',
      a: 'https://interfax.com.ua/news/political/1012345.html',
      b: 'https://www.unian.ua/politics/slug-1012345.html',
    },
  ];
  it.each(different)('$name: different keys', ({ a, b }) => {
    const keyA = editionKeyFor(a);
    expect(keyA).toBeDefined();
    expect(editionKeyFor(b)).toBeDefined();
    expect(editionKeyFor(b)).not.toBe(keyA);
  });

  it('prefers the last long number (the id after a number in the slug)', () => {
    expect(editionKeyFor('https://www.unian.ua/economics/borg-100000-gryven-13212345.html')).toBe(
      'unian#13212345',
    );
  });

  it('ignores query string and fragment', () => {
    expect(editionKeyFor('https://www.pravda.com.ua/news/2026/11/25/7512345/?utm_source=rss#comments')).toBe(
      'pravda#7512345',
    );
    expect(editionKeyFor('https://news.liga.net/ua/politics/news/slug?utm=1')).toBe(
      'liga/politics/news/slug',
    );
  });

  it.each([
    'not a url',
    '',
    'ftp://zn.ua/ukr/POLITICS/slug-12345_.html',
    'https://localhost/news/1234567',
    'https://zn.ua/',
    'https://news.liga.net/ua/',
    'https://zn.ua/ukr/POLITICS',
  ])('is undefined for %j (unparseable or not an article)', (url) => {
    expect(editionKeyFor(url)).toBeUndefined();
  });
});

describe('pairEditions', () => {
  const story: EditionCandidate = { id: 's-uk', lang: 'uk', editionKey: 'unian#13212345' };
  const cases: {
    name: string;
    story: EditionCandidate;
    candidates: EditionCandidate[];
    expected?: string;
  }[] = [
    {
      name: 'the other-language edition with the same key',
      story,
      candidates: [
        { id: 'x', lang: 'ru', editionKey: 'unian#999999' },
        { id: 's-ru', lang: 'ru', editionKey: 'unian#13212345' },
      ],
      expected: 's-ru',
    },
    {
      name: 'not the same language',
      story,
      candidates: [{ id: 'dup', lang: 'uk', editionKey: 'unian#13212345' }],
    },
    {
      name: 'not itself',
      story: { ...story, lang: 'ru' },
      candidates: [{ ...story, lang: 'uk', id: story.id }],
    },
    {
      name: 'nothing without a key',
      story: { id: 'a', lang: 'uk' },
      candidates: [{ id: 'b', lang: 'ru' }],
    },
    { name: 'nothing among no candidates', story, candidates: [] },
  ];
  it.each(cases)('$name', ({ story: subject, candidates, expected }) => {
    expect(pairEditions(subject, candidates)).toBe(expected);
  });
});
