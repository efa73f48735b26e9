import { describe, expect, it } from 'vitest';
import { BUILTIN_TOPICS, OTHER_TOPIC } from '../../../../src/core/topics/builtin-topics.js';
import {
  classifyTopics,
  compileTopics,
  findTopic,
  mergeTopics,
  type ClassifyInput,
} from '../../../../src/core/topics/classify-topics.js';
import type { Lang, TopicDefinition } from '../../../../src/core/types.js';
import { FeedsFileError } from '../../../../src/errors/feeds-file-error.js';
import { LABELLED_STORIES } from '../../../fixtures/topics/labelled.js';

const story = (partial: Partial<ClassifyInput>): ClassifyInput => ({
  title: '',
  summary: '',
  categories: [],
  lang: 'uk',
  feedTopics: [],
  ...partial,
});

const probe: TopicDefinition = {
  slug: 'probe',
  names: { uk: 'Проба', ru: 'Проба' },
  keywords: { uk: ['україн', 'верховн рад', 'зсу'], ru: ['украин', 'верховн рад'] },
  categories: [],
};
const onlyProbe = (title: string, lang: Lang = 'uk') => classifyTopics(story({ title, lang }), [probe]);

describe('built-in topics', () => {
  it('covers the nine slugs with names, 25-60 stems per language and categories', () => {
    expect(BUILTIN_TOPICS.map((topic) => topic.slug)).toEqual([
      'politics',
      'war',
      'economy',
      'world',
      'society',
      'tech',
      'culture',
      'sport',
      'health',
    ]);
    for (const topic of BUILTIN_TOPICS) {
      for (const lang of ['uk', 'ru'] as const) {
        expect(topic.names[lang]).not.toBe('');
        expect(topic.keywords[lang].length, `${topic.slug}/${lang}`).toBeGreaterThanOrEqual(25);
        expect(topic.keywords[lang].length, `${topic.slug}/${lang}`).toBeLessThanOrEqual(60);
        for (const stem of topic.keywords[lang]) expect(stem).toBe(stem.toLowerCase().trim());
      }
      expect(topic.categories.length).toBeGreaterThan(0);
    }
  });
});

describe('classifyTopics over the labelled stories', () => {
  it('finds every expected topic with at most one extra in at least 90% of stories', () => {
    let lenient = 0;
    let exact = 0;
    const failures: string[] = [];
    for (const item of LABELLED_STORIES) {
      const got = classifyTopics({ ...item, feedTopics: [] }, BUILTIN_TOPICS);
      const missing = item.expected.filter((slug) => !got.includes(slug));
      const extra = got.filter((slug) => !item.expected.includes(slug));
      if (missing.length === 0 && extra.length <= 1) lenient += 1;
      else failures.push(`${item.title}: expected ${item.expected.join(',')}, got ${got.join(',')}`);
      if (missing.length === 0 && extra.length === 0) exact += 1;
    }
    const n = LABELLED_STORIES.length;
    console.log(
      `topics: ${n} stories, expected-found-and-at-most-one-extra ${((lenient / n) * 100).toFixed(1)}%, ` +
        `exact set ${((exact / n) * 100).toFixed(1)}%`,
      failures,
    );
    expect(n).toBeGreaterThanOrEqual(80);
    expect(lenient / n).toBeGreaterThanOrEqual(0.9);
    expect(exact / n).toBeGreaterThanOrEqual(0.8);
  });
});

describe('stem matching', () => {
  it.each([
    ['Україна', ['probe']],
    ['України', ['probe']],
    ['в Україні', ['probe']],
    ['ПІВДЕНЬ УКРАЇНИ', ['probe']],
    ['Верховна Рада', ['probe']],
    ['рішення Верховної Ради', ['probe']],
    ['радар Верховного командування', [OTHER_TOPIC]],
    ['Верховний суд і рада директорів', [OTHER_TOPIC]],
    ['Радість і радар', [OTHER_TOPIC]],
    ['Західноукраїнський', [OTHER_TOPIC]],
    ['ЗСУ', ['probe']],
    ['«ЗСУ»', ['probe']],
    ['зсуви ґрунту', [OTHER_TOPIC]],
  ])('%s -> %j', (title, expected) => {
    expect(onlyProbe(title)).toEqual(expected);
  });

  it('uses the stems of the story language only', () => {
    expect(onlyProbe('Украина', 'ru')).toEqual(['probe']);
    expect(onlyProbe('Украина', 'uk')).toEqual([OTHER_TOPIC]);
  });

  it('treats apostrophes as part of a word', () => {
    const health = BUILTIN_TOPICS.filter((topic) => topic.slug === 'health');
    expect(classifyTopics(story({ title: 'Здоровʼя нації' }), health)).toEqual(['health']);
    expect(classifyTopics(story({ title: 'Здоров’я нації' }), health)).toEqual(['health']);
  });

  it('does not read "рада" into радар or радість with the built-in topics', () => {
    const got = classifyTopics(story({ title: 'Радість: відкрили новий каток' }), BUILTIN_TOPICS);
    expect(got).not.toContain('politics');
  });

  it('needs one title hit or two distinct summary hits', () => {
    const one = story({ title: 'Новина дня', summary: 'Йдеться про Україну.' });
    const two = story({ title: 'Новина дня', summary: 'Йдеться про Україну і Верховну Раду.' });
    const same = story({ title: 'Новина дня', summary: 'Україна, Україна, Україна.' });
    expect(classifyTopics(one, [probe])).toEqual([OTHER_TOPIC]);
    expect(classifyTopics(two, [probe])).toEqual(['probe']);
    expect(classifyTopics(same, [probe])).toEqual([OTHER_TOPIC]);
  });
});

describe('categories and feed topics', () => {
  it.each<[string, string[], Lang, string[]]>([
    ['a Russian category on a uk story', ['Экономика'], 'uk', ['economy']],
    ['a Ukrainian category on a ru story', ['Спорт'], 'ru', ['sport']],
    ['an English category, any case and spacing', ['  hi-tech '], 'uk', ['tech']],
    ['several categories keep topic order', ['Спорт', 'Политика'], 'uk', ['politics', 'sport']],
    ['an unknown category', ['Новини'], 'uk', [OTHER_TOPIC]],
  ])('%s', (_name, categories, lang, expected) => {
    expect(classifyTopics(story({ title: 'Без ключових слів', categories, lang }), BUILTIN_TOPICS)).toEqual(
      expected,
    );
  });

  it('adds known feed topics and ignores unknown ones', () => {
    const got = classifyTopics(story({ title: 'Текст', feedTopics: ['health', 'nonsense'] }), BUILTIN_TOPICS);
    expect(got).toEqual(['health']);
  });

  it('unions all three sources in topic order', () => {
    const input = story({ title: 'Шахтар обіграв Динамо', categories: ['Культура'], feedTopics: ['war'] });
    expect(classifyTopics(input, BUILTIN_TOPICS)).toEqual(['war', 'culture', 'sport']);
  });

  it('gives the same answer from a precompiled matcher', () => {
    const compiled = compileTopics(BUILTIN_TOPICS);
    for (const item of LABELLED_STORIES.slice(0, 20)) {
      const input = { ...item, feedTopics: [] };
      expect(classifyTopics(input, compiled)).toEqual(classifyTopics(input, BUILTIN_TOPICS));
    }
  });
});

describe('mergeTopics', () => {
  it('replaces only the given parts of a built-in topic', () => {
    const merged = mergeTopics(BUILTIN_TOPICS, {
      politics: { names: { uk: 'Влада' }, keywords: { ru: ['кремлевск'] } },
    });
    const politics = merged.find((topic) => topic.slug === 'politics');
    const original = BUILTIN_TOPICS.find((topic) => topic.slug === 'politics');
    expect(politics?.names).toEqual({ uk: 'Влада', ru: 'Политика' });
    expect(politics?.keywords.ru).toEqual(['кремлевск']);
    expect(politics?.keywords.uk).toEqual(original?.keywords.uk);
    expect(politics?.categories).toEqual(original?.categories);
    expect(merged).toHaveLength(BUILTIN_TOPICS.length);
    expect(original?.names.uk).toBe('Політика');
  });

  it('adds a new slug at the end, usable by classifyTopics', () => {
    const merged = mergeTopics(BUILTIN_TOPICS, {
      crypto: {
        names: { uk: 'Крипта', ru: 'Крипта' },
        keywords: { uk: ['біткоїн'] },
        categories: ['Crypto'],
      },
    });
    expect(merged.at(-1)).toEqual({
      slug: 'crypto',
      names: { uk: 'Крипта', ru: 'Крипта' },
      keywords: { uk: ['біткоїн'], ru: [] },
      categories: ['Crypto'],
    });
    expect(classifyTopics(story({ title: 'Біткоїн оновив рекорд' }), merged)).toContain('crypto');
  });

  it.each(['Crypto', '1abc', 'a', 'other', 'з'])('rejects the slug %j', (slug) => {
    expect(() => mergeTopics(BUILTIN_TOPICS, { [slug]: {} })).toThrow(FeedsFileError);
  });
});

describe('findTopic', () => {
  it.each<[string, Lang | undefined, string | undefined]>([
    ['politics', undefined, 'politics'],
    [' SPORT ', undefined, 'sport'],
    ['Економіка', 'uk', 'economy'],
    ['экономика', 'uk', 'economy'],
    ['Світ', undefined, 'world'],
    ['мир', 'ru', 'world'],
    ["здоров'я", 'uk', 'health'],
    ['Здоровʼя', 'uk', 'health'],
    ['Інше', 'uk', OTHER_TOPIC],
    ['другое', undefined, OTHER_TOPIC],
    ['crypto', undefined, undefined],
    ['', undefined, undefined],
  ])('%j (%s) -> %s', (input, lang, expected) => {
    expect(findTopic(input, BUILTIN_TOPICS, lang)).toBe(expected);
  });
});
