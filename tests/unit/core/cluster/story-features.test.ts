import { describe, expect, it } from 'vitest';
import { extractDates, extractYears } from '../../../../src/core/cluster/extract-dates.js';
import { extractNames } from '../../../../src/core/cluster/extract-names.js';
import { extractNumbers } from '../../../../src/core/cluster/extract-numbers.js';
import { skeleton } from '../../../../src/core/cluster/skeleton.js';
import { storyTokens } from '../../../../src/core/cluster/shingles.js';
import {
  parseFeatures,
  serialiseFeatures,
  storyFeatures,
} from '../../../../src/core/cluster/story-features.js';
import { versusKey } from '../../../../src/core/cluster/versus-key.js';

describe('extractNumbers', () => {
  const cases = [
    { text: 'Херсонщину обстріляли 46 разів', numbers: ['46'], scores: [] },
    { text: 'мінімальна зарплата 8 647 грн', numbers: ['8647'], scores: [] },
    { text: 'ставка 15,5% річних, з 1 січня 2026 року', numbers: ['15.5'], scores: [] },
    { text: 'Шахтар – Динамо 3: 1, матч о 21:45', numbers: [], scores: ['3:1'] },
    { text: 'графіки з 07:00 до 23:00', numbers: [], scores: [] },
    { text: 'Україна програла Румунії з рахунком 0:3', numbers: [], scores: ['3:0'] },
    { text: 'ЗСУ знищили вже 190 960 загарбників', numbers: ['190960'], scores: [] },
  ];
  it.each(cases)('$text', ({ text, numbers, scores }) => {
    expect(extractNumbers(text)).toEqual({ numbers, scores });
  });

  it('stays linear on a long run of digit groups (no backtracking blow-up)', () => {
    const text = `${'1 '.repeat(20_000)}x`;
    const started = performance.now();
    extractNumbers(text);
    expect(performance.now() - started).toBeLessThan(200);
  });
});

describe('versusKey', () => {
  const cases = [
    { title: 'Англия - Франция. Анонс и прогноз матча', key: 'angl/frnc' },
    { title: 'Франция — Англия: остановит ли чемпионов мира', key: 'angl/frnc' },
    { title: 'Англия - Сенегал. Анонс и прогноз матча', key: 'angl/sng' },
    { title: 'Динамо – Металлист', key: 'dnm/mtll' },
    { title: 'Динамо – Металлист 1925', key: 'dnm/mtll 1925' },
    { title: 'Шахтар (Донецьк) – Динамо (Київ) 3:1', key: 'dnm/shhtr' },
    { title: 'Матч «Шахтар» — «Динамо»', key: 'dnm/shhtr' },
    // A dash later in a title credits a source; it is not a fixture.
    { title: 'Двоє людей постраждали внаслідок атаки на Київ – КМВА', key: '' },
    { title: 'Обмін 1000 на 1000: перші 390 воїнів повернулись додому - Зеленський', key: '' },
  ];
  it.each(cases)('$title', ({ title, key }) => {
    expect(versusKey(title)).toBe(key);
  });
});

describe('skeleton', () => {
  it('gives UA and RU spellings of one name or word the same skeleton', () => {
    const pairs: [string, string][] = [
      ['Тернопіль', 'Тернополь'],
      ['Зеленський', 'Зеленский'],
      ['обстріляли', 'обстреляли'],
      ['Свириденко', 'Свириденко'],
    ];
    for (const [uk, ru] of pairs) {
      const ukSkeleton = skeleton(storyTokens(uk, 'uk')[0] as string);
      expect(ukSkeleton).toBe(skeleton(storyTokens(ru, 'ru')[0] as string));
    }
  });

  it('keeps different places apart', () => {
    expect(skeleton('харків')).not.toBe(skeleton('херсон'));
  });
});

describe('extractNames', () => {
  it('takes capitalised words inside a sentence, acronyms and Latin words, not sentence openers', () => {
    const names = extractNames('Рада призначила Свириденко прем’єром. НБУ зберіг ставку, пише Reuters', 'uk');
    expect(names).toEqual(['svrd', 'nb', 'rtr']);
  });
});

describe('serialiseFeatures / parseFeatures', () => {
  it('round-trips every field, so a stored story compares as a fresh one', () => {
    const features = storyFeatures(
      'Шахтар – Динамо 3:1: Зубков забив на 83-й хвилині',
      'Матч відбувся у Львові, глядачів 12 500. Шахтар лідирує в УПЛ.',
      'uk',
      'champion.com.ua',
    );
    expect(parseFeatures(serialiseFeatures(features))).toEqual(features);
  });

  it('reads a malformed record as empty features instead of throwing', () => {
    const parsed = parseFeatures('zz|!!');
    expect(parsed.versus).toBe('');
    expect(parsed.names.length).toBe(0);
  });
});

describe('extractDates / extractYears', () => {
  const cases = [
    { text: 'Сьогодні, 6 лютого, Рада продовжила', dates: ['2-6'] },
    { text: 'Днём 6 февраля в Турции', dates: ['2-6'] },
    { text: 'на засіданні 18-го листопада та 19 ноября', dates: ['11-18', '11-19'] },
    { text: 'Херсонщину обстріляли 46 разів', dates: [] },
    { text: '15 маяків', dates: [] },
  ];
  it.each(cases)('$text', ({ text, dates }) => {
    expect(extractDates(text)).toEqual(dates);
  });

  it('reads years apart from days, and a day of a date is not a quantity', () => {
    expect(extractYears('18 травня 2024 року, а не в 2023-му')).toEqual(['y2024', 'y2023']);
    expect(extractNumbers('Ввечері 19 листопада, 46 разів').numbers).toEqual(['46']);
  });
});
