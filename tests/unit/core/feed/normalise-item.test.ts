import { describe, expect, it } from 'vitest';
import { canonicalUrl } from '../../../../src/core/feed/canonical-url.js';
import { decodeFeedBody } from '../../../../src/core/feed/decode-feed-body.js';
import { normaliseFeedItems, normaliseItem } from '../../../../src/core/feed/normalise-item.js';
import { parseFeed } from '../../../../src/core/feed/parse-feed.js';
import { storyIdFor } from '../../../../src/core/feed/story-id.js';
import type { FeedDefinition, NormalisedStory } from '../../../../src/core/types.js';
import { readFixture } from '../../../fixtures/read-fixture.js';

const FETCHED_AT = Date.parse('2026-11-26T12:00:00Z');

function feedFor(overrides: Partial<FeedDefinition> = {}): FeedDefinition {
  return {
    id: 'f1',
    url: 'https://www.ukrinform.ua/rss/block-lastnews',
    lang: 'uk',
    name: 'Укрінформ',
    intervalMs: 300_000,
    topics: ['news'],
    ...overrides,
  };
}

async function storiesOf(
  fixture: string,
  feed = feedFor(),
  fetchedAt = FETCHED_AT,
): Promise<NormalisedStory[]> {
  const parsed = await parseFeed(decodeFeedBody(readFixture(fixture)).text);
  return normaliseFeedItems(parsed.items, { feed, fetchedAt });
}

const idOf = (url: string) => storyIdFor(canonicalUrl(url) ?? url);

describe('normaliseFeedItems over fixtures', () => {
  it('builds complete stories from a windows-1251 feed, Cyrillic intact', async () => {
    const feed = feedFor({ id: 'up-uk', name: 'Українська правда', lang: 'uk', topics: ['politics'] });
    const stories = await storiesOf('pravda-windows-1251.xml', feed);
    expect(stories).toHaveLength(3);
    expect(stories[0]).toEqual({
      id: idOf('https://www.pravda.com.ua/news/2026/11/25/7512362/'),
      feedId: 'up-uk',
      outlet: 'Українська правда',
      url: 'https://www.pravda.com.ua/news/2026/11/25/7512362/',
      title: 'Верховна Рада ухвалила закон про підтримку ґрунтових доріг у громадах',
      summary:
        'Законопроєкт №11234 підтримали 261 нардеп. Документ передбачає ремонт ґрунтових доріг за кошти місцевих бюджетів…',
      publishedAt: Date.parse('2026-11-25T10:30:00Z'),
      fetchedAt: FETCHED_AT,
      categories: ['Політика'],
      declaredLang: 'uk',
      feedTopics: ['politics'],
    });
  });

  interface StoryCase {
    fixture: string;
    count: number;
    index: number;
    expected: Partial<NormalisedStory>;
  }
  it.each<StoryCase>([
    {
      fixture: 'pravda-uk-utf8.xml',
      count: 3,
      index: 1,
      expected: {
        // Tracking parameters do not change the id; the link itself is kept as published.
        id: idOf('https://www.pravda.com.ua/news/2026/11/25/7512350'),
        url: 'https://www.pravda.com.ua/news/2026/11/25/7512350/?utm_source=rss&utm_medium=feed',
        title: 'Уряд продовжив програму "єОселя" до кінця 2027 року',
        summary:
          "Кабінет міністрів ухвалив постанову про продовження державної програми пільгового іпотечного кредитування «єОселя». Про це повідомила прем'єр-міністерка.",
        publishedAt: Date.parse('2026-11-25T07:40:00Z'),
        imageUrl: 'https://img.pravda.com.ua/images/doc/7/b/7b9e0d1-yeoselia.jpg',
      },
    },
    {
      fixture: 'interfax-ru-utf8.xml',
      count: 3,
      index: 1,
      expected: {
        summary:
          'Соответствующее распоряжение Кабинета министров опубликовано на правительственном портале. Подробнее',
        categories: ['Политика'],
      },
    },
    { fixture: 'interfax-ru-utf8.xml', count: 3, index: 2, expected: { categories: ['Общество'] } },
    {
      fixture: 'zn-atom-uk.xml',
      count: 3,
      index: 0,
      expected: {
        title: 'Зеленський підписав закон про багатомовність у кіно',
        summary: 'Закон дозволяє показ фільмів мовою оригіналу з українськими субтитрами в усіх кінотеатрах.',
        publishedAt: Date.parse('2026-11-25T13:30:00Z'),
        categories: ['Політика', 'Культура'],
      },
    },
    {
      fixture: 'zn-atom-uk.xml',
      count: 3,
      index: 2,
      expected: {
        publishedAt: FETCHED_AT,
        summary:
          'Укриття обладнане вентиляцією, генераторами та запасом води на дві доби для учнів і вчителів.',
        imageUrl: 'https://zn.ua/img/forall/u/2412360/lviv-school.webp',
      },
    },
    {
      fixture: 'ukrinform-rss091-uk.xml',
      count: 2,
      index: 0,
      expected: { publishedAt: FETCHED_AT, categories: [] },
    },
    {
      fixture: 'padded-cdata.xml',
      count: 1,
      index: 0,
      expected: {
        url: 'https://www.unian.ua/war/povitryani-syly-unochi-zbyto-42-drony-13212500.html',
        title: 'Повітряні сили: уночі збито 42 з 50 ударних дронів',
        summary: 'Ще вісім дронів локаційно втрачено, повідомили в Повітряних силах.',
        categories: ['Війна'],
      },
    },
    {
      fixture: 'html-entities.xml',
      count: 3,
      index: 2,
      expected: {
        title: 'Компанія "Нафтогаз" виплатила 5 млрд дивідендів',
        summary: 'Кошти «Нафтогаз» перерахував до бюджету в повному обсязі.',
      },
    },
    {
      fixture: 'html-entities.xml',
      count: 3,
      index: 1,
      expected: {
        title: 'Прем’єрка: ціни на пальне не зростуть… поки що',
        url: 'https://zn.ua/ukr/ECONOMICS/premierka-tsiny-na-palne.html?id=2412400&page=2',
      },
    },
    {
      fixture: 'unian-mixed-uk-ru.xml',
      count: 4,
      index: 3,
      expected: { title: 'В Киеве на выходных перекроют движение по мосту Патона' },
    },
    { fixture: 'rbc-rdf-ru.xml', count: 2, index: 1, expected: { categories: ['Общество', 'Транспорт'] } },
  ])('$fixture item $index', async ({ fixture, count, index, expected }) => {
    const stories = await storiesOf(fixture);
    expect(stories).toHaveLength(count);
    expect(stories[index]).toMatchObject(expected);
  });

  it('uses fetchedAt for missing or unreadable dates and reads zone names and zone-less dates', async () => {
    const stories = await storiesOf('missing-dates.xml');
    expect(stories.map((s) => s.publishedAt)).toEqual([
      FETCHED_AT,
      FETCHED_AT,
      FETCHED_AT,
      Date.parse('2026-11-25T08:15:00Z'),
      Date.parse('2026-11-25T08:30:00Z'),
      Date.parse('2026-11-25T07:45:00Z'),
    ]);
  });

  it('clamps any date after fetchedAt to fetchedAt', async () => {
    const fetchedAt = Date.parse('2026-11-25T12:00:00Z');
    const stories = await storiesOf('future-dates.xml', feedFor(), fetchedAt);
    expect(stories.map((s) => s.publishedAt)).toEqual([
      fetchedAt,
      fetchedAt,
      Date.parse('2026-11-25T11:00:00Z'),
    ]);
  });

  it('drops items repeating a guid or a canonical link within one document, keeping the first', async () => {
    const stories = await storiesOf('duplicate-guids.xml', feedFor({ id: 'up' }));
    expect(stories.map((s) => [s.title, s.url, s.id])).toEqual([
      [
        'Росія атакувала Одесу балістичними ракетами',
        'https://www.pravda.com.ua/news/2026/11/25/7512400/',
        idOf('https://www.pravda.com.ua/news/2026/11/25/7512400'),
      ],
      ['Коментар ОВА щодо атаки на Одесу', '', storyIdFor('up:up-7512411')],
      [
        'В Одесі відновили електропостачання',
        'https://www.pravda.com.ua/news/2026/11/25/7512420/',
        idOf('https://www.pravda.com.ua/news/2026/11/25/7512420/'),
      ],
    ]);
  });

  it('derives a missing title, uses a permalink guid as the link, resolves relative links and drops the rest', async () => {
    const stories = await storiesOf('incomplete-items.xml');
    expect(stories.map((s) => [s.title, s.url, s.imageUrl])).toEqual([
      [
        'Міністерство освіти оголосило дати проведення НМТ у 2027 році: основна сесія триватиме з 15 травня по 20 червня, а…',
        'https://www.ukrinform.ua/rubric-society/4051400-bez-zagolovka.html',
        undefined,
      ],
      [
        'Новина лише з guid-посиланням',
        'https://www.ukrinform.ua/rubric-society/4051410-lise-guid.html',
        undefined,
      ],
      [
        'Новина з відносним посиланням',
        'https://www.ukrinform.ua/rubric-regions/4051420-vidnosne-posilannia.html',
        'https://www.ukrinform.ua/photos/2026_11/thumb_files/4051420.jpg',
      ],
    ]);
    expect(stories[0]?.summary).toBe(
      'Міністерство освіти оголосило дати проведення НМТ у 2027 році: основна сесія триватиме з 15 травня по 20 червня, а реєстрація розпочнеться в лютому.',
    );
  });
});

describe('normaliseItem', () => {
  const ctx = { feed: feedFor({ lang: 'auto', topics: ['economy', 'kyiv'] }), fetchedAt: FETCHED_AT };

  it.each([
    ['no link and no guid', { title: 'Заголовок', categories: [] }],
    ['no title and no summary', { link: 'https://zn.ua/a.html', categories: [] }],
    ['a title of only markup', { title: '<b> </b>&nbsp;', link: 'https://zn.ua/a.html', categories: [] }],
    ['only a non-http link', { title: 'Заголовок', link: 'javascript:alert(1)', categories: [] }],
  ])('returns undefined for %s', (_name, raw) => {
    expect(normaliseItem(raw, ctx)).toBeUndefined();
  });

  it('cleans categories, caps the summary at 400 characters and copies feed settings', () => {
    const story = normaliseItem(
      {
        title: ' <b>Гривня</b> зміцнилася ',
        link: 'https://www.rbc.ua/ukr/news/hryvnia-1764070100.html',
        summary: `<p>${'Курс гривні зріс на міжбанку. '.repeat(30)}</p>`,
        categories: [' Економіка ', 'економіка', '', '  ', 'Київ'],
        imageUrl: 'data:image/png;base64,AAAA',
        published: '2026-11-26T10:00:00+02:00',
      },
      ctx,
    );
    expect(story).toMatchObject({
      title: 'Гривня зміцнилася',
      categories: ['Економіка', 'Київ'],
      declaredLang: 'auto',
      feedTopics: ['economy', 'kyiv'],
      publishedAt: Date.parse('2026-11-26T08:00:00Z'),
    });
    expect(story?.imageUrl).toBeUndefined();
    // 13 sentences fill 390 characters; the 14th is cut after its first whole word.
    expect(story?.summary).toBe(`${'Курс гривні зріс на міжбанку. '.repeat(13)}Курс…`);
  });

  it('drops a summary that only repeats the title', () => {
    const story = normaliseItem(
      { title: 'Курс долара', summary: '<p>Курс долара</p>', link: 'https://zn.ua/a.html', categories: [] },
      ctx,
    );
    expect(story?.summary).toBe('');
  });

  it('gives a bare guid an id scoped to its feed, so equal guids of two feeds differ', () => {
    const raw = { title: 'Новина', guid: '12345', categories: [] };
    const a = normaliseItem(raw, { ...ctx, feed: feedFor({ id: 'a' }) });
    const b = normaliseItem(raw, { ...ctx, feed: feedFor({ id: 'b' }) });
    expect(a?.id).toBe(storyIdFor('a:12345'));
    expect(a?.id).not.toBe(b?.id);
  });

  it('gives the same article linked by two feeds the same id', () => {
    const a = normaliseItem({ title: 'A', link: 'https://zn.ua/x.html?utm_source=a', categories: [] }, ctx);
    const b = normaliseItem(
      { title: 'B', link: 'https://ZN.ua/x.html#top', categories: [] },
      { ...ctx, feed: feedFor({ id: 'other' }) },
    );
    expect(a?.id).toBe(b?.id);
  });
});
