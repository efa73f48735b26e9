import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LOCALES, createI18n } from '../../src/bot/i18n.js';

const keysOf = (locale: string): string[] =>
  readFileSync(new URL(`../../src/bot/i18n/${locale}.ftl`, import.meta.url), 'utf8')
    .split('\n')
    .map((line) => /^([a-z][a-z0-9-]*)\s*=/.exec(line)?.[1])
    .filter((key): key is string => key !== undefined)
    .sort();

const variablesOf = (locale: string): Map<string, string[]> => {
  const text = readFileSync(new URL(`../../src/bot/i18n/${locale}.ftl`, import.meta.url), 'utf8');
  const map = new Map<string, string[]>();
  for (const block of text.split(/\n(?=[a-z])/)) {
    const key = /^([a-z][a-z0-9-]*)\s*=/.exec(block)?.[1];
    if (key) map.set(key, [...new Set(block.match(/\$[a-z]+/g) ?? [])].sort());
  }
  return map;
};

const ALL_VARIABLES = {
  count: 3,
  max: 5,
  schedule: 's',
  topics: 't',
  changed: 'c',
  channel: '@c',
  bot: 'b',
  lang: 'l',
  timezone: 'tz',
  follow: 'f',
  mute: 'm',
  status: 'st',
  input: 'i',
  topic: 'tp',
  query: 'q',
  current: 'cu',
  keyword: 'k',
  times: '09:00',
  hours: 3,
  days: 2,
  outlets: 4,
  minutes: 60,
  perday: 3,
  active: 1,
  deactivated: 2,
  paused: 3,
  total: 4,
  from: '23:00',
  to: '08:00',
  counts: '✅ 1',
  page: 1,
  pages: 2,
  interval: '5m',
  ago: '3m ago',
  failures: 2,
  items: 40,
  arg: 'x',
  name: 'Feed',
  id: 'abc',
  feedlang: 'uk',
  encoding: 'utf-8',
  reason: 'TIMEOUT',
  ref: 'zzz',
  known: 'war',
  stem: 'ab',
  langs: 'uk, ru',
  added: 1,
  duplicates: 2,
  failed: 3,
  invalid: 4,
  chats: '1, 2',
};

describe('translations', () => {
  const english = keysOf('en');

  it.each(LOCALES.filter((l) => l !== 'en'))('%s has exactly the keys of en', (locale) => {
    expect(keysOf(locale)).toEqual(english);
  });

  it.each(LOCALES.filter((l) => l !== 'en'))(
    '%s uses the same variables as en in every message',
    (locale) => {
      const en = variablesOf('en');
      for (const [key, vars] of variablesOf(locale)) expect([key, vars]).toEqual([key, en.get(key)]);
    },
  );

  it.each(LOCALES)('%s parses and renders without Fluent errors or isolation marks', (locale) => {
    const i18n = createI18n();
    for (const key of english) {
      const text = i18n.t(locale, key, ALL_VARIABLES);
      expect(text).not.toMatch(/[\u2068\u2069]/);
      expect(text.length, key).toBeGreaterThan(0);
    }
  });

  it.each([
    ['uk', 1, '1 джерело'],
    ['uk', 3, '3 джерела'],
    ['uk', 5, '5 джерел'],
    ['ru', 2, '2 источника'],
    ['ru', 11, '11 источников'],
  ])('%s plural of %i sources is %s', (locale, count, expected) => {
    expect(createI18n().t(locale, 'sources-count', { count })).toBe(expected);
  });
});
