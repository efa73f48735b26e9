import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeFeedBody } from '../../../../src/core/feed/decode-feed-body.js';
import { parseFeed } from '../../../../src/core/feed/parse-feed.js';
import type { ParsedFeed, RawFeedItem } from '../../../../src/core/types.js';
import { FeedParseError, type FeedParseErrorCode } from '../../../../src/errors/feed-parse-error.js';
import { readFixture } from '../../../fixtures/read-fixture.js';

async function parseFixture(name: string): Promise<ParsedFeed> {
  return parseFeed(decodeFeedBody(readFixture(name)).text);
}

interface FeedCase {
  fixture: string;
  format: ParsedFeed['format'];
  title: string;
  titles: string[];
  /** Fields of one item, by index, that must match exactly. */
  item: [number, RawFeedItem];
}

const CASES: FeedCase[] = [
  {
    fixture: 'pravda-uk-utf8.xml',
    format: 'rss',
    title: 'Українська правда',
    titles: [
      'Верховна Рада ухвалила бюджет-2027 у другому читанні',
      'Уряд продовжив програму "єОселя" до кінця 2027 року',
      'Вибухи в Києві: сили ППО працюють по ворожих дронах',
    ],
    item: [
      0,
      {
        title: 'Верховна Рада ухвалила бюджет-2027 у другому читанні',
        link: 'https://www.pravda.com.ua/news/2026/11/25/7512345/',
        guid: 'https://www.pravda.com.ua/news/2026/11/25/7512345/',
        summary:
          '<p>За відповідне рішення проголосували 257 народних депутатів. Видатки на оборону становитимуть понад 2,2 трлн гривень.</p>',
        published: 'Wed, 25 Nov 2026 10:15:00 +0200',
        categories: ['Політика', 'Економіка'],
        imageUrl: 'https://img.pravda.com.ua/images/doc/2/a/2a1b3c4-rada-budget.jpg',
      },
    ],
  },
  {
    fixture: 'interfax-ru-utf8.xml',
    format: 'rss',
    title: 'Интерфакс-Украина',
    titles: [
      'НБУ сохранил учетную ставку на уровне 15,5%',
      'Кабмин назначил нового главу Государственной таможенной службы',
      'В Харькове возобновили движение метро после атаки',
    ],
    item: [
      0,
      {
        title: 'НБУ сохранил учетную ставку на уровне 15,5%',
        link: 'https://interfax.com.ua/news/economic/1012345.html',
        guid: 'interfax-1012345',
        summary:
          'Правление Национального банка Украины на заседании в четверг сохранило учетную ставку на уровне 15,5% годовых, сообщила пресс-служба регулятора.',
        published: 'Thu, 26 Nov 2026 14:00:00 +0200',
        categories: ['Экономика', 'НБУ'],
        imageUrl: 'https://interfax.com.ua/static/articles/images/nbu-1012345_thumb.jpg',
      },
    ],
  },
  {
    fixture: 'pravda-windows-1251.xml',
    format: 'rss',
    title: 'Українська правда',
    titles: [
      'Верховна Рада ухвалила закон про підтримку ґрунтових доріг у громадах',
      'НБУ залишив облікову ставку без змін — 15,5%',
      'На Житомирщині через негоду без світла залишилися 120 населених пунктів',
    ],
    item: [
      0,
      {
        title: 'Верховна Рада ухвалила закон про підтримку ґрунтових доріг у громадах',
        link: 'https://www.pravda.com.ua/news/2026/11/25/7512362/',
        guid: 'https://www.pravda.com.ua/news/2026/11/25/7512362/',
        summary:
          'Законопроєкт №11234 підтримали 261 нардеп. Документ передбачає ремонт ґрунтових доріг за кошти місцевих бюджетів…',
        published: 'Wed, 25 Nov 2026 12:30:00 +0200',
        categories: ['Політика'],
      },
    ],
  },
  {
    fixture: 'unian-koi8-u.xml',
    format: 'rss',
    title: 'УНІАН',
    titles: [
      "Зеленський провів зустріч з прем'єром Польщі: обговорили ґрунтовну співпрацю",
      'Синоптики попередили про ожеледицю: «Їдьте обережно»',
    ],
    item: [
      1,
      {
        title: 'Синоптики попередили про ожеледицю: «Їдьте обережно»',
        link: 'https://www.unian.ua/weather/sinoptiki-poperedili-pro-ozheledicyu-13212400.html',
        guid: 'https://www.unian.ua/weather/sinoptiki-poperedili-pro-ozheledicyu-13212400.html',
        summary: 'У четвер на дорогах Київщини та Житомирщини очікується ожеледиця.',
        published: 'Wed, 25 Nov 2026 17:25:00 +0200',
        categories: ['Погода'],
      },
    ],
  },
  {
    fixture: 'zn-koi8-r.xml',
    format: 'rss',
    title: 'Зеркало недели',
    titles: [
      'Минфин разместил облигации внутреннего госзайма на 12 млрд гривен',
      'В Одессе ещё на сутки продлили ограничения движения в порту',
    ],
    item: [
      1,
      {
        title: 'В Одессе ещё на сутки продлили ограничения движения в порту',
        link: 'https://zn.ua/rus/UKRAINE/v-odesse-prodlili-ogranichenija-v-portu.html',
        guid: 'https://zn.ua/rus/UKRAINE/v-odesse-prodlili-ogranichenija-v-portu.html',
        summary: 'Решение приняли после ночной атаки беспилотников.',
        published: 'Tue, 24 Nov 2026 19:30:00 +0200',
        categories: ['Общество'],
      },
    ],
  },
  {
    fixture: 'ukrinform-iso-8859-5.xml',
    format: 'rss',
    title: 'Укринформ',
    titles: [
      'Шмыгаль: Украина получит ещё 1,5 млрд евро от ЕС до конца года',
      'В Днепре открыли новый пункт несокрушимости',
    ],
    item: [
      1,
      {
        title: 'В Днепре открыли новый пункт несокрушимости',
        link: 'https://www.ukrinform.ru/rubric-regions/4051240-v-dnepre-otkryli-punkt.html',
        guid: 'https://www.ukrinform.ru/rubric-regions/4051240-v-dnepre-otkryli-punkt.html',
        summary: 'Пункт рассчитан на 200 человек и оборудован генератором.',
        published: 'Mon, 23 Nov 2026 12:40:00 +0200',
        categories: ['Регионы'],
      },
    ],
  },
  {
    fixture: 'zn-atom-uk.xml',
    format: 'atom',
    title: 'ZN.UA — Дзеркало тижня',
    titles: [
      'Зеленський підписав закон про <b>багатомовність</b> у кіно',
      'Мінфін: дефіцит держбюджету за жовтень склав 98 млрд гривень',
      'У Львові відкрили першу в Україні школу з підземним укриттям на 1000 дітей',
    ],
    item: [
      0,
      {
        title: 'Зеленський підписав закон про <b>багатомовність</b> у кіно',
        link: 'https://zn.ua/ukr/POLITICS/zelenskij-pidpisav-zakon-pro-bahatomovnist-u-kino.html',
        guid: 'tag:zn.ua,2026:news-2412345',
        summary:
          '<p>Закон дозволяє показ фільмів мовою оригіналу з українськими субтитрами в усіх кінотеатрах.</p>',
        published: '2026-11-25T15:30:00+02:00',
        categories: ['Політика', 'Культура'],
        imageUrl: 'https://zn.ua/img/forall/u/2412345/zelenskyi-zakon.jpg',
      },
    ],
  },
  {
    fixture: 'rbc-rdf-ru.xml',
    format: 'rss',
    title: 'РБК-Украина',
    titles: [
      'Курс доллара на межбанке опустился ниже 41,5 гривны',
      'Укрзализныця назначила дополнительные поезда на Новый год',
    ],
    item: [
      1,
      {
        title: 'Укрзализныця назначила дополнительные поезда на Новый год',
        link: 'https://www.rbc.ua/rus/news/ukrzaliznytsya-naznachila-dopolnitelnye-1764070002.html',
        guid: 'https://www.rbc.ua/rus/news/ukrzaliznytsya-naznachila-dopolnitelnye-1764070002.html',
        summary: 'Билеты на дополнительные рейсы в Карпаты и Одессу уже в продаже.',
        published: '2026-11-25T12:05:00+02:00',
        categories: ['Общество', 'Транспорт'],
      },
    ],
  },
  {
    fixture: 'ukrinform-rss091-uk.xml',
    format: 'rss',
    title: 'Укрінформ',
    titles: [
      'Кабмін виділив 2 млрд гривень на відновлення енергетики Харківщини',
      'Україна та Молдова домовилися про спільний прикордонний контроль',
    ],
    item: [
      1,
      {
        title: 'Україна та Молдова домовилися про спільний прикордонний контроль',
        link: 'https://www.ukrinform.ua/rubric-polytics/4051310-ukraina-ta-moldova-domovilisa-pro-spilnij-kontrol.html',
        summary: 'Перший спільний пункт пропуску запрацює навесні.',
        categories: [],
      },
    ],
  },
  {
    fixture: 'bom-leading-whitespace.xml',
    format: 'rss',
    title: 'РБК-Україна',
    titles: ['Укренерго: графіки відключень у четвер не застосовуватимуть'],
    item: [
      0,
      {
        title: 'Укренерго: графіки відключень у четвер не застосовуватимуть',
        link: 'https://www.rbc.ua/ukr/news/ukrenergo-grafiki-vidklyuchen-chetver-1764061234.html',
        guid: 'https://www.rbc.ua/ukr/news/ukrenergo-grafiki-vidklyuchen-chetver-1764061234.html',
        summary: 'Енергосистема працює стабільно, дефіциту потужності не прогнозують.',
        published: 'Wed, 25 Nov 2026 18:45:00 +0200',
        categories: ['Енергетика'],
      },
    ],
  },
  {
    fixture: 'leading-php-warning.xml',
    format: 'rss',
    title: 'LIGA.net',
    titles: ['Укрзалізниця запускає новий потяг Київ — Варшава'],
    item: [
      0,
      {
        title: 'Укрзалізниця запускає новий потяг Київ — Варшава',
        link: 'https://news.liga.net/ua/society/news/ukrzaliznytsia-zapuskaie-novyi-potiah-kyiv-varshava',
        guid: 'https://news.liga.net/ua/society/news/ukrzaliznytsia-zapuskaie-novyi-potiah-kyiv-varshava',
        summary: 'Перший рейс вирушить 14 грудня.',
        published: 'Wed, 25 Nov 2026 08:00:00 +0200',
        categories: [],
      },
    ],
  },
  {
    fixture: 'default-namespace.xml',
    format: 'rss',
    title: 'ZN.UA',
    titles: ['Енергоатом завершив ремонт енергоблоку Хмельницької АЕС'],
    item: [
      0,
      {
        title: 'Енергоатом завершив ремонт енергоблоку Хмельницької АЕС',
        link: 'https://zn.ua/ukr/ECONOMICS/enerhoatom-zavershyv-remont-enerhobloku.html',
        guid: 'https://zn.ua/ukr/ECONOMICS/enerhoatom-zavershyv-remont-enerhobloku.html',
        // The two-word <description> loses to yandex:full-text.
        summary:
          'Енергоблок №2 Хмельницької АЕС підключено до мережі після планового ремонту, який тривав 45 діб.',
        published: 'Tue, 24 Nov 2026 20:00:00 +0200',
        categories: ['Енергетика'],
      },
    ],
  },
  {
    fixture: 'padded-cdata.xml',
    format: 'rss',
    title: 'УНІАН',
    titles: ['Повітряні сили: уночі збито 42 з 50 ударних дронів'],
    item: [
      0,
      {
        title: 'Повітряні сили: уночі збито 42 з 50 ударних дронів',
        link: 'https://www.unian.ua/war/povitryani-syly-unochi-zbyto-42-drony-13212500.html',
        guid: 'https://www.unian.ua/war/povitryani-syly-unochi-zbyto-42-drony-13212500.html',
        summary: '<p>Ще вісім дронів локаційно втрачено,   повідомили в Повітряних силах.</p>',
        published: 'Thu, 26 Nov 2026 07:30:00 +0200',
        categories: ['Війна'],
      },
    ],
  },
  {
    fixture: 'html-entities.xml',
    format: 'rss',
    title: 'Дзеркало тижня — новини',
    titles: [
      'Кличко: «Київ готовий до зими» — мер',
      'Прем’єрка: ціни на пальне не зростуть…\u00a0поки що',
      'Компанія &quot;Нафтогаз&quot; виплатила 5\u00a0млрд дивідендів',
    ],
    item: [
      1,
      {
        title: 'Прем’єрка: ціни на пальне не зростуть…\u00a0поки що',
        // A bare `&` in the query string is repaired, not fatal.
        link: 'https://zn.ua/ukr/ECONOMICS/premierka-tsiny-na-palne.html?id=2412400&page=2',
        guid: 'https://zn.ua/ukr/ECONOMICS/premierka-tsiny-na-palne.html?id=2412400&page=2',
        summary: 'Уряд & НБУ домовилися &foo; про «заморожування» акцизу.',
        published: 'Wed, 25 Nov 2026 11:00:00 +0200',
        categories: ['Економіка & фінанси'],
      },
    ],
  },
  {
    fixture: 'unian-mixed-uk-ru.xml',
    format: 'rss',
    title: 'УНІАН — всі новини',
    titles: [
      'Уряд спростив оформлення субсидій на комунальні послуги',
      'Правительство упростило оформление субсидий на коммунальные услуги',
      'Збірна України з футболу зіграє товариський матч з Грузією',
      'В Киеве на выходных перекроют движение по мосту Патона',
    ],
    item: [
      0,
      {
        title: 'Уряд спростив оформлення субсидій на комунальні послуги',
        link: 'https://www.unian.ua/economics/finance/uryad-sprostiv-oformlennya-subsidiy-13212600.html',
        guid: 'https://www.unian.ua/economics/finance/uryad-sprostiv-oformlennya-subsidiy-13212600.html',
        summary: 'Подати заяву тепер можна через застосунок "Дія" без довідок про доходи.',
        published: 'Thu, 26 Nov 2026 09:00:00 +0200',
        categories: ['Економіка'],
        imageUrl: 'https://images.unian.net/photos/2026_11_26/thumb_files/1000_545_1764140400-1234.jpg',
      },
    ],
  },
];

describe('parseFeed over fixtures', () => {
  it.each(CASES)('$fixture', async ({ fixture, format, title, titles, item }) => {
    const feed = await parseFixture(fixture);
    expect(feed.format).toBe(format);
    expect(feed.title).toBe(title);
    expect(feed.items.map((i) => i.title)).toEqual(titles);
    expect(feed.items[item[0]]).toEqual(item[1]);
  });

  it('prefers content:encoded when the description is a stub, and finds the image in it', async () => {
    const [, second] = (await parseFixture('pravda-uk-utf8.xml')).items;
    expect(second?.summary).toContain('Кабінет міністрів ухвалив постанову');
    expect(second?.imageUrl).toBe('https://img.pravda.com.ua/images/doc/7/b/7b9e0d1-yeoselia.jpg');
  });

  it('takes the image from media:content', async () => {
    const third = (await parseFixture('pravda-uk-utf8.xml')).items[2];
    expect(third?.imageUrl).toBe('https://img.pravda.com.ua/images/doc/c/1/c1d2e3f-kyiv-ppo.jpg');
  });

  it('ignores audio enclosures and flattens repeated category objects', async () => {
    const third = (await parseFixture('interfax-ru-utf8.xml')).items[2];
    expect(third?.imageUrl).toBeUndefined();
    expect(third?.categories).toEqual(['Общество', 'Общество']);
  });

  it('keeps an Atom entry whose date rss-parser cannot read, and reads xhtml content and updated-only dates', async () => {
    const [, second, third] = (await parseFixture('zn-atom-uk.xml')).items;
    expect(second?.link).toBe('https://zn.ua/ukr/ECONOMICS/minfin-defitsit-derzhbiudzhetu-za-zhovten.html');
    expect(Date.parse(second?.published ?? '')).toBe(Date.parse('2026-11-25T14:10:00+02:00'));
    expect(third).toMatchObject({
      link: 'https://zn.ua/ukr/UKRAINE/u-lvovi-vidkryly-shkolu-z-ukryttiam.html',
      guid: 'https://zn.ua/ukr/UKRAINE/u-lvovi-vidkryly-shkolu-z-ukryttiam.html',
      published: 'невідомо',
      imageUrl: '/img/forall/u/2412360/lviv-school.webp',
    });
    expect(third?.summary).toContain('Укриття обладнане вентиляцією');
  });

  it('reads dc:date and leaves missing dates out', async () => {
    const items = (await parseFixture('missing-dates.xml')).items;
    expect(items.map((i) => i.published)).toEqual([
      undefined,
      undefined,
      'вчора о 12:00',
      'Wed, 25 Nov 2026 10:15:00 EET',
      '2026-11-25 08:30:00',
      '2026-11-25T09:45:00+02:00',
    ]);
  });

  it('returns every item of a feed with duplicates; dropping them is normalisation', async () => {
    expect((await parseFixture('duplicate-guids.xml')).items).toHaveLength(6);
  });
});

describe('parseFeed errors', () => {
  it.each<[string, string, FeedParseErrorCode]>([
    ['an HTML page', decodeFeedBody(readFixture('html-page.html')).text, 'NOT_A_FEED'],
    ['HTML without a doctype', '<html><head><title>Помилка</title></head><body></body></html>', 'NOT_A_FEED'],
    ['a sitemap', '<?xml version="1.0"?><urlset><url><loc>https://zn.ua/</loc></url></urlset>', 'NOT_A_FEED'],
    ['a JSON error body', '{"error":"rate limited"}', 'NOT_A_FEED'],
    ['a truncated feed', decodeFeedBody(readFixture('broken.xml')).text, 'MALFORMED_XML'],
    ['mismatched tags', '<rss version="2.0"><channel><item><title>A</item></channel></rss>', 'MALFORMED_XML'],
    ['an rss root without a channel', '<rss version="2.0"></rss>', 'MALFORMED_XML'],
    ['an empty body', '', 'EMPTY'],
    ['whitespace only', ' \r\n\t ', 'EMPTY'],
    ['a BOM only', '\uFEFF', 'EMPTY'],
  ])('%s -> %s', async (_name, xml, code) => {
    const error: unknown = await parseFeed(xml).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FeedParseError);
    expect((error as FeedParseError).code).toBe(code);
  });

  it('accepts a valid feed with no items', async () => {
    const feed = await parseFeed('<rss version="2.0"><channel><title>Порожньо</title></channel></rss>');
    expect(feed).toEqual({ format: 'rss', title: 'Порожньо', items: [] });
  });

  it('never rejects with anything but FeedParseError, for any prefix of a real feed or random text', async () => {
    const source = decodeFeedBody(readFixture('zn-atom-uk.xml')).text;
    const input = fc.oneof(
      fc.nat({ max: source.length }).map((end) => source.slice(0, end)),
      fc.string({ unit: 'grapheme', maxLength: 200 }),
      fc
        .string({ maxLength: 200 })
        .map((inner) => `<rss version="2.0"><channel><item>${inner}</item></channel></rss>`),
      fc.string({ maxLength: 200 }).map((inner) => `<feed><entry>${inner}</entry></feed>`),
    );
    await fc.assert(
      fc.asyncProperty(input, async (xml) => {
        const outcome: unknown = await parseFeed(xml).catch((e: unknown) => e);
        return !(outcome instanceof Error) || outcome instanceof FeedParseError;
      }),
      { numRuns: 300 },
    );
  });
});
