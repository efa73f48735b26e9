import { describe, expect, it } from 'vitest';
import {
  MAX_KEYWORDS,
  addKeyword,
  chatKeyId,
  defaultChatSettings,
  normaliseKeyword,
  parseChatKeyId,
  parseLang,
  parseSchedule,
  parseTimezone,
  removeKeyword,
} from '../../../../src/core/chat/chat-settings.js';

describe('parseSchedule', () => {
  it.each([
    ['08:00,20:00', { kind: 'times', times: ['08:00', '20:00'] }],
    ['20:00, 8:00 08:00', { kind: 'times', times: ['08:00', '20:00'] }],
    ['7.30', { kind: 'times', times: ['07:30'] }],
    ['23:59', { kind: 'times', times: ['23:59'] }],
    ['INSTANT', { kind: 'instant' }],
    [' off ', { kind: 'off' }],
  ])('%j -> %j', (input, value) => {
    expect(parseSchedule(input)).toEqual({ ok: true, value });
  });

  it.each([
    ['', 'empty'],
    ['24:00', 'bad-time'],
    ['08:60', 'bad-time'],
    ['8am', 'bad-time'],
    ['08:00,noon', 'bad-time'],
    [Array.from({ length: 13 }, (_, i) => `${String(i).padStart(2, '0')}:00`).join(','), 'too-many'],
  ])('%j is refused as %s', (input, error) => {
    expect(parseSchedule(input)).toEqual({ ok: false, error });
  });

  it('accepts exactly 12 times', () => {
    const input = Array.from({ length: 12 }, (_, i) => `${String(i).padStart(2, '0')}:15`).join(',');
    expect(parseSchedule(input).ok).toBe(true);
  });
});

describe('parseTimezone', () => {
  it.each([
    ['Europe/Kyiv', 'Europe/Kyiv'],
    ['Kyiv', 'Europe/Kyiv'],
    ['kiev', 'Europe/Kyiv'],
    ['Europe/Kiev', 'Europe/Kyiv'],
    ['Київ', 'Europe/Kyiv'],
    ['europe/warsaw', 'Europe/Warsaw'],
    ['America/New_York', 'America/New_York'],
    ['UTC', 'UTC'],
  ])('%s -> %s', (input, zone) => {
    expect(parseTimezone(input)).toEqual({ ok: true, value: zone });
  });

  it.each(['', 'Mars/Olympus', 'Europe/', 'x'.repeat(65)])('%j is refused', (input) => {
    expect(parseTimezone(input)).toEqual({ ok: false, error: 'bad-zone' });
  });
});

describe('language', () => {
  it.each([
    ['uk', 'uk'],
    ['UA', 'uk'],
    ['українська', 'uk'],
    ['ru', 'ru'],
    ['Русский', 'ru'],
    ['en', undefined],
    ['', undefined],
  ])('parseLang(%j) = %s', (input, lang) => {
    expect(parseLang(input)).toBe(lang);
  });

  it.each([
    ['ru', 'ru'],
    ['ru-RU', 'ru'],
    ['uk', 'uk'],
    ['en', 'uk'],
    [undefined, 'uk'],
  ])('defaults a Telegram %s user to %s with the default topics and times', (code, lang) => {
    const settings = defaultChatSettings({ chatId: 5 }, 'private', code, 'Europe/Kyiv', 1000);
    expect(settings).toMatchObject({
      lang,
      topics: ['politics', 'war', 'economy'],
      schedule: { kind: 'times', times: ['09:00', '19:00'] },
      timezone: 'Europe/Kyiv',
      allowOtherLang: false,
      paused: false,
      active: true,
      createdAt: 1000,
    });
  });
});

describe('keywords', () => {
  it.each([
    ['  Укренерго ', { ok: true, value: 'укренерго' }],
    ['Нова   пошта', { ok: true, value: 'нова пошта' }],
    ['я', { ok: false, error: 'too-short' }],
    ['щ'.repeat(51), { ok: false, error: 'too-long' }],
    ['щ'.repeat(50), { ok: true, value: 'щ'.repeat(50) }],
  ])('normaliseKeyword(%j)', (input, result) => {
    expect(normaliseKeyword(input)).toEqual(result);
  });

  it('adds without duplicates and refuses past the limit', () => {
    expect(addKeyword(['нато'], 'НАТО')).toEqual({ ok: true, value: ['нато'] });
    const full = Array.from({ length: MAX_KEYWORDS }, (_, i) => `слово${i}`);
    expect(addKeyword(full, 'ще одне')).toEqual({ ok: false, error: 'too-many' });
    expect(removeKeyword(['нато', 'єс'], ' НАТО ')).toEqual(['єс']);
  });
});

describe('chat key ids', () => {
  it.each([
    [{ chatId: 42 }, '42'],
    [{ chatId: -1001234, threadId: 7 }, '-1001234:7'],
  ])('%j <-> %s', (key, id) => {
    expect(chatKeyId(key)).toBe(id);
    expect(parseChatKeyId(id)).toEqual(key);
  });

  it('rejects malformed ids', () => {
    expect(parseChatKeyId('abc')).toBeUndefined();
  });
});
