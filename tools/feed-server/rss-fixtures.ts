import { createHash } from 'node:crypto';

export interface FixtureItem {
  title: string;
  link: string;
  guid: string;
  description: string;
  pubDate: Date;
  category: string;
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

export function rssDocument(title: string, link: string, lang: 'uk' | 'ru', items: FixtureItem[]): string {
  const entries = items.map(
    (item) => `    <item>
      <title>${escapeXml(item.title)}</title>
      <link>${escapeXml(item.link)}</link>
      <guid isPermaLink="false">${escapeXml(item.guid)}</guid>
      <description>${escapeXml(item.description)}</description>
      <category>${escapeXml(item.category)}</category>
      <pubDate>${item.pubDate.toUTCString()}</pubDate>
    </item>`,
  );
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0">
  <channel>
    <title>${escapeXml(title)}</title>
    <link>${escapeXml(link)}</link>
    <description>${escapeXml(title)}</description>
    <language>${lang}</language>
${entries.join('\n')}
  </channel>
</rss>
`;
}

/** Strong ETag from content, so an unchanged generated feed keeps its tag across requests. */
export function etagOf(body: string): string {
  return `"${createHash('sha1').update(body).digest('hex').slice(0, 20)}"`;
}

// Fixed clock so generated feeds (and their ETags) are the same on every run.
const BASE_TIME = Date.UTC(2025, 10, 25, 12, 0, 0);

const SUBJECTS = {
  uk: [
    'Кабмін',
    'Верховна Рада',
    'НБУ',
    'Міністерство оборони',
    'Київська міська влада',
    'Укренерго',
    'ЗСУ',
    'МЗС',
  ],
  ru: [
    'Кабмин',
    'Верховная Рада',
    'НБУ',
    'Министерство обороны',
    'Киевская городская власть',
    'Укрэнерго',
    'ВСУ',
    'МИД',
  ],
};
const ACTIONS = {
  uk: ['ухвалив рішення щодо', 'оголосив про', 'попередив про', 'пояснив ситуацію з', 'оприлюднив дані про'],
  ru: ['принял решение по', 'объявил о', 'предупредил о', 'объяснил ситуацию с', 'обнародовал данные о'],
};
const OBJECTS = {
  uk: [
    'графіки відключень світла',
    'курс гривні',
    'мобілізацію',
    'відновлення енергетики',
    'бюджет на 2026 рік',
    'виплати пенсій',
  ],
  ru: [
    'графики отключений света',
    'курс гривны',
    'мобилизацию',
    'восстановление энергетики',
    'бюджет на 2026 год',
    'выплаты пенсий',
  ],
};
const CATEGORIES = {
  uk: ['Політика', 'Економіка', 'Війна', 'Суспільство', 'Енергетика'],
  ru: ['Политика', 'Экономика', 'Война', 'Общество', 'Энергетика'],
};

function pick<T>(list: readonly T[], n: number): T {
  return list[n % list.length] as T;
}

/**
 * Items for generated feed `feedNo`: even feeds are Ukrainian, odd ones Russian. Each `generation`
 * shifts one new item in at the top, as a live feed would between polls.
 */
export function generatedItems(
  feedNo: number,
  count: number,
  generation = 0,
  baseTime = BASE_TIME,
): { lang: 'uk' | 'ru'; items: FixtureItem[] } {
  const lang = feedNo % 2 === 0 ? 'uk' : 'ru';
  const items: FixtureItem[] = [];
  for (let i = 0; i < count; i += 1) {
    const seq = generation + count - i; // newest first, stable ids across generations
    const k = feedNo * 7919 + seq;
    const slug = `${feedNo}-${seq}`;
    const title = `${pick(SUBJECTS[lang], k)} ${pick(ACTIONS[lang], k >> 3)} ${pick(OBJECTS[lang], k >> 5)} (${seq})`;
    items.push({
      title,
      link: `https://news.example/${lang === 'uk' ? 'ua' : 'ru'}/news/${slug}.html`,
      guid: `bench-${slug}`,
      description: `<p>${title}. ${lang === 'uk' ? 'Подробиці згодом.' : 'Подробности позже.'}</p>`,
      pubDate: new Date(baseTime + (generation - i) * 5 * 60_000),
      category: pick(CATEGORIES[lang], k),
    });
  }
  return { lang, items };
}

/** A short valid Ukrainian RSS feed for the simple routes. */
export function sampleFeed(): string {
  const { items } = generatedItems(0, 3);
  return rssDocument('Тестова стрічка', 'https://news.example/ua/', 'uk', items);
}
