import { describe, expect, it } from 'vitest';
import {
  MAX_STEMS,
  isAllowedInterval,
  parseAddFeedArgs,
  parseBroadcast,
  parseStems,
} from '../../../../src/core/ops/operator-args.js';

describe('parseAddFeedArgs', () => {
  it.each([
    [[], { lang: 'auto' }],
    [['uk'], { lang: 'uk' }],
    [['10m', 'ru'], { lang: 'ru', intervalMs: 600_000 }],
    [['AUTO', '1h30m'], { lang: 'auto', intervalMs: 5_400_000 }],
    [['uk', 'fast'], { unknown: 'fast' }],
  ])('%j -> %j', (args, expected) => {
    expect(parseAddFeedArgs(args)).toEqual(expected);
  });
});

describe('isAllowedInterval', () => {
  it.each([
    [59_999, false],
    [60_000, true],
    [86_400_000, true],
    [86_400_001, false],
  ])('%i ms -> %s', (ms, allowed) => expect(isAllowedInterval(ms)).toBe(allowed));
});

describe('parseStems', () => {
  it('lower-cases, collapses spaces and drops duplicates', () => {
    expect(parseStems(' Обстріл , обстріл,  Ракетна   атака ')).toEqual({
      stems: ['обстріл', 'ракетна атака'],
    });
  });
  it('names the first stem that is too short or too long', () => {
    expect(parseStems('нато, х')).toEqual({ bad: 'х' });
    expect(parseStems(`нато, ${'я'.repeat(61)}`)).toEqual({ bad: 'я'.repeat(61) });
  });
  it('refuses no stems and more than MAX_STEMS', () => {
    expect(parseStems(' , ,')).toEqual({});
    const many = Array.from({ length: MAX_STEMS + 1 }, (_, i) => `stem${i}`).join(',');
    expect(parseStems(many)).toEqual({});
  });
});

describe('parseBroadcast', () => {
  it.each([
    ['', undefined],
    ['Оновлення бота', { uk: 'Оновлення бота', ru: 'Оновлення бота' }],
    ['uk: Привіт | ru: Привет', { uk: 'Привіт', ru: 'Привет' }],
    ['UA: Лише українською', { uk: 'Лише українською' }],
    ['uk: | ru:', undefined],
  ])('%j -> %j', (input, expected) => expect(parseBroadcast(input)).toEqual(expected));
});
