import { parseLang } from '../chat/chat-settings.js';
import { MIN_INTERVAL_MS } from '../feed/feeds-file.js';
import { parseDuration } from '../feed/duration.js';
import type { FeedLang, Lang } from '../types.js';

/** The longest poll interval an operator may set: a feed polled less than daily is better removed. */
export const MAX_INTERVAL_MS = 24 * 3_600_000;

/** Whether a poll interval is inside the range operators may set (1m to 24h). */
export const isAllowedInterval = (ms: number): boolean => ms >= MIN_INTERVAL_MS && ms <= MAX_INTERVAL_MS;

export type AddFeedArgs = { lang: FeedLang; intervalMs?: number } | { unknown: string };

/** The optional words after `/addfeed <url>`: a language (uk, ru, auto) and an interval (e.g. 10m), any order. */
export function parseAddFeedArgs(args: readonly string[]): AddFeedArgs {
  let lang: FeedLang = 'auto';
  let intervalMs: number | undefined;
  for (const arg of args) {
    const asLang = arg.toLowerCase() === 'auto' ? 'auto' : parseLang(arg);
    const asDuration = parseDuration(arg);
    if (asLang) lang = asLang;
    else if (asDuration !== undefined) intervalMs = asDuration;
    else return { unknown: arg };
  }
  return intervalMs === undefined ? { lang } : { lang, intervalMs };
}

export const MAX_STEMS = 200;

export type StemsInput = { stems: string[] } | { bad?: string };

/**
 * The stems of `/topic_keywords`: comma-separated, lower-cased, inner spaces collapsed, duplicates dropped.
 * Refused (with the first bad stem, if any) unless there are 1 to MAX_STEMS stems of 2 to 60 characters.
 */
export function parseStems(input: string): StemsInput {
  const stems = [
    ...new Set(
      input
        .split(',')
        .map((stem) => stem.trim().toLowerCase().replace(/\s+/g, ' '))
        .filter(Boolean),
    ),
  ];
  const bad = stems.find((stem) => stem.length < 2 || stem.length > 60);
  if (bad !== undefined) return { bad };
  if (stems.length === 0 || stems.length > MAX_STEMS) return {};
  return { stems };
}

/**
 * `/broadcast text`, or per language `/broadcast uk: текст | ru: текст` (each chat gets its language, or the only
 * one given). Undefined when the text is empty.
 */
export function parseBroadcast(input: string): Partial<Record<Lang, string>> | undefined {
  const text = input.trim();
  if (text === '') return undefined;
  const parts = text.split(/\s*\|\s*(?=(?:uk|ua|ru)\s*:)/i);
  const tagged: Partial<Record<Lang, string>> = {};
  for (const part of parts) {
    const match = /^(uk|ua|ru)\s*:\s*([\s\S]*)$/i.exec(part.trim());
    if (!match) return { uk: text, ru: text };
    const lang: Lang = match[1]!.toLowerCase() === 'ru' ? 'ru' : 'uk';
    if (match[2]!.trim() !== '') tagged[lang] = match[2]!.trim();
  }
  return Object.keys(tagged).length > 0 ? tagged : undefined;
}
