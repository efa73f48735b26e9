import { describe, expect, it } from 'vitest';
import {
  detectLanguage,
  parseLangInput,
  resolveStoryLang,
  summariseFeedLanguage,
} from '../../../../src/core/lang/detect-language.js';
import type { FeedLang, Lang } from '../../../../src/core/types.js';
import { HEADLINES, hasNoDistinguishingLetter } from '../../../fixtures/lang/headlines.js';

function accuracy(items: readonly { text: string; lang: Lang }[]): { share: number; misses: string[] } {
  const misses = items
    .filter((item) => detectLanguage(item.text)?.lang !== item.lang)
    .map((item) => item.text);
  return { share: (items.length - misses.length) / items.length, misses };
}

describe('detectLanguage over the labelled headlines', () => {
  it('has a balanced set with enough headlines lacking distinguishing letters', () => {
    expect(HEADLINES.filter((item) => item.lang === 'uk').length).toBeGreaterThanOrEqual(120);
    expect(HEADLINES.filter((item) => item.lang === 'ru').length).toBeGreaterThanOrEqual(120);
    expect(HEADLINES.filter((item) => hasNoDistinguishingLetter(item.text)).length).toBeGreaterThanOrEqual(
      40,
    );
  });

  it('reaches at least 97% accuracy', () => {
    const { share, misses } = accuracy(HEADLINES);
    console.log(`language accuracy: ${(share * 100).toFixed(1)}% of ${HEADLINES.length}`, misses);
    expect(share).toBeGreaterThanOrEqual(0.97);
  });

  it('reaches at least 95% on headlines with no distinguishing letter', () => {
    const plain = HEADLINES.filter((item) => hasNoDistinguishingLetter(item.text));
    const { share, misses } = accuracy(plain);
    console.log(`no-letter accuracy: ${(share * 100).toFixed(1)}% of ${plain.length}`, misses);
    expect(share).toBeGreaterThanOrEqual(0.95);
  });
});

describe('detectLanguage', () => {
  it.each([
    ['Київ', { lang: 'uk', confidence: 'letters' }],
    ['Объявлена воздушная тревога', { lang: 'ru', confidence: 'letters' }],
    ['ПАРЛАМЕНТ ЇХ ПІДТРИМАВ', { lang: 'uk', confidence: 'letters' }],
    ['Мʼясо та пʼять', { lang: 'uk', confidence: 'letters' }],
    ["Об'ява про м'ясо", { lang: 'uk', confidence: 'letters' }],
    ['Курс долара на 25 листопада', { lang: 'uk', confidence: 'detector' }],
    ['Курс доллара на 25 ноября', { lang: 'ru', confidence: 'detector' }],
    ['Зеленский и Макрон обсудили гарантии безопасности', { lang: 'ru', confidence: 'detector' }],
  ] as const)('%s -> %o', (text, expected) => {
    expect(detectLanguage(text)).toEqual(expected);
  });

  it.each(['', 'NATO summit in Washington', '12:45', 'ОК', 'iPhone 16 Pro'])(
    '%j has too little Cyrillic',
    (text) => {
      expect(detectLanguage(text)).toBeUndefined();
    },
  );

  it('lets the majority decide when both sides have letters', () => {
    // A Ukrainian sentence quoting one Russian word.
    expect(detectLanguage('Він сказав «ты» і пішов, а всі інші лишилися')?.lang).toBe('uk');
  });
});

describe('resolveStoryLang', () => {
  const ruSummary =
    'Президент Украины провел телефонный разговор с президентом Франции и обсудил усиление противовоздушной обороны.';
  const ukSummary =
    'Президент України провів телефонну розмову з президентом Франції та обговорив посилення протиповітряної оборони.';
  it.each<[string, FeedLang, string, string, Lang]>([
    ['a RU item in a uk feed is ru', 'uk', 'Зеленский провел переговоры с Макроном', ruSummary, 'ru'],
    ['a UK item in a ru feed is uk', 'ru', 'Зеленський провів переговори з Макроном', ukSummary, 'uk'],
    ['a short ambiguous item keeps uk', 'uk', 'Курс доллара на 25 ноября', '', 'uk'],
    ['a short ambiguous item keeps ru', 'ru', 'Курс долара на 25 листопада', '', 'ru'],
    ['agreement keeps the declared language', 'uk', 'Київ', '', 'uk'],
    ['no Cyrillic keeps the declared language', 'ru', 'Apple WWDC', 'keynote', 'ru'],
    ['auto follows the evidence', 'auto', 'Объявлена воздушная тревога', '', 'ru'],
    ['auto follows weak evidence too', 'auto', 'Курс доллара на 25 ноября', '', 'ru'],
    ['auto with no evidence is uk', 'auto', 'NATO', '', 'uk'],
  ])('%s', (_name, declared, title, summary, expected) => {
    expect(resolveStoryLang(declared, title, summary)).toBe(expected);
  });

  it('overrides on long letter-free text with strong cues', () => {
    const title = 'Как изменятся тарифы на свет с 1 января';
    const summary =
      'Правительство приняло постановление, которое повлияет на цену для населения, сообщает пресс-служба';
    expect(resolveStoryLang('uk', title, summary)).toBe('ru');
  });
});

describe('summariseFeedLanguage', () => {
  const many = (uk: number, ru: number): Lang[] => [
    ...Array.from({ length: uk }, () => 'uk' as const),
    ...Array.from({ length: ru }, () => 'ru' as const),
  ];
  it.each<[string, Lang[], ReturnType<typeof summariseFeedLanguage>]>([
    ['none', [], 'unknown'],
    ['all uk', many(10, 0), 'uk'],
    ['all ru', many(0, 3), 'ru'],
    ['minority below 20%', many(9, 2), 'uk'],
    ['minority exactly 20%', many(8, 2), 'mixed'],
    ['ru majority with 30% uk', many(3, 7), 'mixed'],
    ['ru majority with 10% uk', many(1, 9), 'ru'],
  ])('%s', (_name, langs, expected) => {
    expect(summariseFeedLanguage(langs)).toBe(expected);
  });
});

describe('parseLangInput', () => {
  it.each<[string, Lang | undefined]>([
    ['uk', 'uk'],
    ['UA', 'uk'],
    [' ukr ', 'uk'],
    ['Українська', 'uk'],
    ['ru', 'ru'],
    ['RUS', 'ru'],
    ['Русский', 'ru'],
    ['en', undefined],
    ['', undefined],
    ['constructor', undefined],
  ])('%j -> %s', (input, expected) => {
    expect(parseLangInput(input)).toBe(expected);
  });
});
