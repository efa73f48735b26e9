import type { ChatSettings } from '../chat/chat-settings.js';
import { matchesAllWords, searchWords } from '../text/match-words.js';
import type { Story } from '../types.js';
import { dateTimeFormat } from '../text/date-format.js';
import { quietUntil } from './quiet-hours.js';

/** When a cluster is breaking news: at least `outlets` distinct outlets within `windowMs`. */
export interface BreakingRule {
  outlets: number;
  windowMs: number;
}

export const DEFAULT_BREAKING_RULE: BreakingRule = { outlets: 4, windowMs: 60 * 60_000 };
export const DEFAULT_BREAKING_PER_DAY = 3;

/** Why a breaking story is not sent to a chat; `send` when it is. */
export type BreakingVerdict = 'send' | 'off' | 'inactive' | 'other-language' | 'muted' | 'quiet-hours';

/**
 * Whether a breaking story goes to one chat. The daily cap and "never the same cluster twice" are counted in
 * Redis, after this pure check passes.
 */
export function breakingVerdict(settings: ChatSettings, story: Story, now: number): BreakingVerdict {
  if (settings.breaking !== true) return 'off';
  if (!settings.active || settings.paused) return 'inactive';
  if (settings.lang !== story.lang) return 'other-language';
  const text = `${story.title} ${story.summary}`;
  if (settings.mute.some((word) => matchesAllWords(text, searchWords(word)))) return 'muted';
  if (quietUntil(settings.quiet, settings.timezone, now) !== undefined) return 'quiet-hours';
  return 'send';
}

/** The chat's local calendar day, which the daily cap counts in (`YYYY-MM-DD`). */
export function localDay(now: number, timezone: string): string {
  return dateTimeFormat('en-CA', {
    timeZone: timezone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(now);
}

/** The most reports (one time per outlet) that fit in any window of `windowMs`: a sliding-window count. */
export function maxWithinWindow(times: readonly number[], windowMs: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let best = 0;
  let start = 0;
  for (let end = 0; end < sorted.length; end += 1) {
    while ((sorted[end] as number) - (sorted[start] as number) > windowMs) start += 1;
    best = Math.max(best, end - start + 1);
  }
  return best;
}
