import { dateTimeFormat } from '../text/date-format.js';

function formatterFor(timezone: string): Intl.DateTimeFormat {
  return dateTimeFormat('en-US', {
    timeZone: timezone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  });
}

export interface LocalParts {
  year: number;
  /** 1-12 */
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

function formattedParts(at: number, timezone: string): LocalParts {
  const parts: Record<string, number> = {};
  for (const part of formatterFor(timezone).formatToParts(at)) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  return {
    year: parts.year ?? 1970,
    month: parts.month ?? 1,
    day: parts.day ?? 1,
    hour: parts.hour ?? 0,
    minute: parts.minute ?? 0,
    second: parts.second ?? 0,
  };
}

/*
 * formatToParts is the costly step of every schedule computation, and a digest tick asks it the same question for
 * each of thousands of chats (a handful of zones, the same minutes). A zone's offset changes only on a whole UTC
 * minute (every transition since 1972), so offsets are kept per zone and minute and the fields computed from them.
 */
const MINUTE_MS = 60_000;
const MAX_OFFSETS = 10_000;
const offsets = new Map<string, number>();

function offsetAtMinute(minuteStart: number, timezone: string): number {
  const key = `${timezone}|${minuteStart}`;
  let offset = offsets.get(key);
  if (offset === undefined) {
    const p = formattedParts(minuteStart, timezone);
    offset = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - minuteStart;
    if (offsets.size >= MAX_OFFSETS) offsets.clear();
    offsets.set(key, offset);
  }
  return offset;
}

/** Wall-clock fields of instant `at` in `timezone`. */
export function localParts(at: number, timezone: string): LocalParts {
  const local = new Date(
    Math.floor(at / 1000) * 1000 + offsetAtMinute(Math.floor(at / MINUTE_MS) * MINUTE_MS, timezone),
  );
  return {
    year: local.getUTCFullYear(),
    month: local.getUTCMonth() + 1,
    day: local.getUTCDate(),
    hour: local.getUTCHours(),
    minute: local.getUTCMinutes(),
    second: local.getUTCSeconds(),
  };
}

/** UTC offset of `timezone` at instant `at`, in ms (Kyiv in summer: +3 h). Seconds are dropped, as zones use whole minutes now. */
export function zoneOffsetMs(at: number, timezone: string): number {
  const p = localParts(at, timezone);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return asUtc - Math.floor(at / 1000) * 1000;
}
