import { describe, expect, it } from 'vitest';
import { describeAdd } from '../../../src/bot/operators/add-feed-command.js';
import { createI18n } from '../../../src/bot/i18n.js';

const i18n = createI18n();
const inLocale =
  (locale: string) =>
  (key: string, variables?: Record<string, string | number>): string =>
    i18n.t(locale, key, variables);
const english = inLocale('en');

const check = {
  url: 'http://10.0.0.5/rss',
  ok: false,
  status: 0,
  items: 0,
  lang: 'unknown' as const,
  encoding: '',
  ms: 3,
};

describe('describeAdd', () => {
  it('a private address gets a hint an operator in Telegram can act on, not a CLI flag', () => {
    const text = describeAdd(
      {
        kind: 'unreachable',
        check: { ...check, error: 'PRIVATE_ADDRESS: 10.0.0.5 is private', errorCode: 'PRIVATE_ADDRESS' },
      },
      english,
    );
    expect(text).toContain('❌ Not added: PRIVATE_ADDRESS: 10.0.0.5 is private');
    expect(text).toContain('ALLOW_PRIVATE_FEEDS=true');
    expect(text).not.toContain('--allow-private');
  });

  it('other failures carry only the reason', () => {
    const text = describeAdd(
      {
        kind: 'unreachable',
        check: { ...check, error: 'TIMEOUT: no answer in 15 s', errorCode: 'TIMEOUT' },
      },
      english,
    );
    expect(text).toBe('❌ Not added: TIMEOUT: no answer in 15 s');
  });

  it.each([
    ['uk', '❌ Не додано: TIMEOUT: no answer in 15 s', 'Бот не приймає приватні адреси'],
    ['ru', '❌ Не добавлено: TIMEOUT: no answer in 15 s', 'Бот не принимает частные адреса'],
  ])('speaks %s to an operator in that language', (locale, timeout, privateHint) => {
    const t = inLocale(locale);
    expect(
      describeAdd({ kind: 'unreachable', check: { ...check, error: 'TIMEOUT: no answer in 15 s' } }, t),
    ).toBe(timeout);
    expect(
      describeAdd({ kind: 'unreachable', check: { ...check, error: 'x', errorCode: 'PRIVATE_ADDRESS' } }, t),
    ).toContain(privateHint);
  });
});
