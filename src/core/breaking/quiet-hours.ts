import type { QuietHours } from '../chat/chat-settings.js';
import { nextDueAt } from '../schedule/next-due.js';
import { localParts } from '../schedule/zone-offset.js';

const TIME = /^([01]?\d|2[0-3]):([0-5]\d)$/;

function minutesOf(time: string): number | undefined {
  const match = TIME.exec(time);
  return match ? Number(match[1]) * 60 + Number(match[2]) : undefined;
}

const pad = (time: string): string => (time.length === 4 ? `0${time}` : time);

/** Parses `23:00-08:00` (also with an en dash or spaces); undefined for anything else or an empty span. */
export function parseQuietHours(input: string): QuietHours | undefined {
  const match = /^\s*(\d{1,2}:\d{2})\s*[-–]\s*(\d{1,2}:\d{2})\s*$/.exec(input);
  if (!match) return undefined;
  const [from, to] = [match[1] as string, match[2] as string];
  if (minutesOf(from) === undefined || minutesOf(to) === undefined || minutesOf(from) === minutesOf(to))
    return undefined;
  return { from: pad(from), to: pad(to) };
}

/**
 * When `now` falls in the chat's quiet hours, the instant they end; otherwise undefined. A span whose start is
 * later than its end runs over midnight (23:00-08:00).
 */
export function quietUntil(quiet: QuietHours | undefined, timezone: string, now: number): number | undefined {
  if (!quiet) return undefined;
  const from = minutesOf(quiet.from);
  const to = minutesOf(quiet.to);
  if (from === undefined || to === undefined) return undefined;
  const local = localParts(now, timezone);
  const minute = local.hour * 60 + local.minute;
  const inside = from < to ? minute >= from && minute < to : minute >= from || minute < to;
  return inside ? nextDueAt([quiet.to], timezone, now) : undefined;
}
