import type { Lang } from '../types.js';

/** A subscription target. Forum threads have their own settings, so the thread id is part of the key. */
export interface ChatKey {
  chatId: number;
  threadId?: number;
}

export type ChatKind = 'private' | 'group' | 'supergroup' | 'channel';

export type Schedule = { kind: 'times'; times: string[] } | { kind: 'instant' } | { kind: 'off' };

/** Local wall-clock times `HH:MM`; `from` later than `to` spans midnight. */
export interface QuietHours {
  from: string;
  to: string;
}

export interface ChatSettings {
  key: ChatKey;
  kind: ChatKind;
  lang: Lang;
  topics: string[];
  follow: string[];
  mute: string[];
  schedule: Schedule;
  timezone: string;
  allowOtherLang: boolean;
  paused: boolean;
  /** False when deactivated by delivery strikes or because the bot was removed from the chat. */
  active: boolean;
  /** User who linked a channel; told when the bot loses access. */
  linkedBy?: number;
  title?: string;
  username?: string;
  /** Breaking-news alerts (/breaking on); off when absent. */
  breaking?: boolean;
  /** Quiet hours in the chat's time zone (/quiet 23:00-08:00): no breaking or instant messages then. */
  quiet?: QuietHours;
  createdAt: number;
  updatedAt: number;
}

export const DEFAULT_TOPICS: readonly string[] = ['politics', 'war', 'economy'];
export const DEFAULT_TIMES: readonly string[] = ['09:00', '19:00'];
export const MAX_TIMES = 12;
export const MAX_KEYWORDS = 30;
export const KEYWORD_MIN = 2;
export const KEYWORD_MAX = 50;

/** The string form used in Redis keys and logs: `<chatId>` or `<chatId>:<threadId>`. */
export function chatKeyId(key: ChatKey): string {
  return key.threadId === undefined ? String(key.chatId) : `${key.chatId}:${key.threadId}`;
}

export function parseChatKeyId(id: string): ChatKey | undefined {
  const match = /^(-?\d+)(?::(\d+))?$/.exec(id);
  if (!match) return undefined;
  const chatId = Number(match[1]);
  return match[2] === undefined ? { chatId } : { chatId, threadId: Number(match[2]) };
}

/** Telegram's `ru` picks the Russian edition; everything else (uk, en, none) gets the Ukrainian one. */
export function langFromTelegram(languageCode: string | undefined): Lang {
  return languageCode?.toLowerCase().startsWith('ru') ? 'ru' : 'uk';
}

/** `uk`, `ua` (common alias), `ru` and their native names; undefined for anything else. */
export function parseLang(input: string): Lang | undefined {
  const value = input.trim().toLowerCase();
  if (['uk', 'ua', 'ukr', 'укр', 'українська', 'украинский'].includes(value)) return 'uk';
  if (['ru', 'rus', 'рус', 'русский', 'російська'].includes(value)) return 'ru';
  return undefined;
}

export function defaultChatSettings(
  key: ChatKey,
  kind: ChatKind,
  telegramLanguageCode: string | undefined,
  defaultTimezone: string,
  now: number,
): ChatSettings {
  return {
    key: key.threadId === undefined ? { chatId: key.chatId } : { chatId: key.chatId, threadId: key.threadId },
    kind,
    lang: langFromTelegram(telegramLanguageCode),
    topics: [...DEFAULT_TOPICS],
    follow: [],
    mute: [],
    schedule: { kind: 'times', times: [...DEFAULT_TIMES] },
    timezone: defaultTimezone,
    allowOtherLang: false,
    paused: false,
    active: true,
    createdAt: now,
    updatedAt: now,
  };
}

export type ParseResult<T, E extends string> = { ok: true; value: T } | { ok: false; error: E };

export type ScheduleError = 'empty' | 'bad-time' | 'too-many';

const TIME = /^([01]?\d|2[0-3])[:.]([0-5]\d)$/;

/** `08:00,20:00` (commas or spaces), `instant` or `off`; times are sorted and deduplicated. */
export function parseSchedule(input: string): ParseResult<Schedule, ScheduleError> {
  const value = input.trim().toLowerCase();
  if (value === '') return { ok: false, error: 'empty' };
  if (value === 'instant' || value === 'миттєво' || value === 'сразу')
    return { ok: true, value: { kind: 'instant' } };
  if (value === 'off' || value === 'вимк' || value === 'выкл') return { ok: true, value: { kind: 'off' } };
  const parts = value.split(/[\s,;]+/).filter((part) => part !== '');
  const times = new Set<string>();
  for (const part of parts) {
    const match = TIME.exec(part);
    if (!match) return { ok: false, error: 'bad-time' };
    times.add(`${match[1]!.padStart(2, '0')}:${match[2]}`);
  }
  if (times.size > MAX_TIMES) return { ok: false, error: 'too-many' };
  return { ok: true, value: { kind: 'times', times: [...times].sort() } };
}

const ZONE_ALIASES: Record<string, string> = {
  kyiv: 'Europe/Kyiv',
  kiev: 'Europe/Kyiv',
  київ: 'Europe/Kyiv',
  киев: 'Europe/Kyiv',
  'europe/kiev': 'Europe/Kyiv',
  utc: 'UTC',
  gmt: 'UTC',
};

/** An IANA zone validated by Intl, returned in its canonical spelling; a few city aliases are accepted. */
export function parseTimezone(input: string): ParseResult<string, 'bad-zone'> {
  const value = input.trim();
  if (value === '' || value.length > 64) return { ok: false, error: 'bad-zone' };
  const alias = ZONE_ALIASES[value.toLowerCase()];
  const candidate = alias ?? value;
  try {
    const zone = new Intl.DateTimeFormat('en', { timeZone: candidate }).resolvedOptions().timeZone;
    // Older ICU data reports Kyiv under its former spelling; keep the modern one users typed.
    return { ok: true, value: zone === 'Europe/Kiev' ? 'Europe/Kyiv' : zone };
  } catch {
    return { ok: false, error: 'bad-zone' };
  }
}

export type KeywordError = 'too-short' | 'too-long' | 'too-many';

export function normaliseKeyword(input: string): ParseResult<string, Exclude<KeywordError, 'too-many'>> {
  const value = input.trim().toLowerCase().replace(/\s+/g, ' ');
  if ([...value].length < KEYWORD_MIN) return { ok: false, error: 'too-short' };
  if ([...value].length > KEYWORD_MAX) return { ok: false, error: 'too-long' };
  return { ok: true, value };
}

/** Adds a keyword to a list (no duplicates), refusing to grow the list past MAX_KEYWORDS. */
export function addKeyword(list: readonly string[], input: string): ParseResult<string[], KeywordError> {
  const keyword = normaliseKeyword(input);
  if (!keyword.ok) return keyword;
  if (list.includes(keyword.value)) return { ok: true, value: [...list] };
  if (list.length >= MAX_KEYWORDS) return { ok: false, error: 'too-many' };
  return { ok: true, value: [...list, keyword.value] };
}

export function removeKeyword(list: readonly string[], input: string): string[] {
  const value = input.trim().toLowerCase().replace(/\s+/g, ' ');
  return list.filter((keyword) => keyword !== value);
}
