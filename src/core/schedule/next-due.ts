import { localParts, zoneOffsetMs } from './zone-offset.js';

const DAY_MS = 86_400_000;

/**
 * The instant a wall-clock time happens on a local date. A time skipped by a spring-forward change (03:30 in
 * Kyiv on the last Sunday of March) happens right after the gap (04:30 local, same instant as 03:30 + old offset);
 * a time that happens twice in autumn counts once, at its first occurrence.
 */
export function wallTimeToInstant(
  date: { year: number; month: number; day: number },
  hour: number,
  minute: number,
  timezone: string,
): number {
  const guess = Date.UTC(date.year, date.month - 1, date.day, hour, minute);
  const offsets = new Set([zoneOffsetMs(guess, timezone)]);
  // Offsets a day either side cover any transition near this date.
  offsets.add(zoneOffsetMs(guess - DAY_MS / 2, timezone));
  offsets.add(zoneOffsetMs(guess + DAY_MS / 2, timezone));
  const valid = [...offsets]
    .map((offset) => guess - offset)
    .filter((instant) => {
      const p = localParts(instant, timezone);
      return p.hour === hour && p.minute === minute && p.day === date.day;
    });
  if (valid.length > 0) return Math.min(...valid);
  // In a gap: the pre-transition (smaller) offset puts the instant just after the gap.
  return guess - Math.min(...offsets);
}

function parseTime(time: string): { hour: number; minute: number } | undefined {
  const match = /^(\d{1,2}):(\d{2})$/.exec(time);
  if (!match) return undefined;
  return { hour: Number(match[1]), minute: Number(match[2]) };
}

/**
 * The first scheduled instant strictly after `after`, for times of day (`HH:MM`) in an IANA zone; undefined when
 * there are no valid times. Called with `now` when a chat was due, so a chat missed while the worker was down
 * gets one digest and then its next future slot, never one per missed slot.
 */
export function nextDueAt(times: readonly string[], timezone: string, after: number): number | undefined {
  const parsed = times.map(parseTime).filter((t): t is { hour: number; minute: number } => t !== undefined);
  if (parsed.length === 0) return undefined;
  let best: number | undefined;
  // Two local days always contain the next slot; three cover a date line or a zone skipping a day.
  for (let dayOffset = -1; dayOffset <= 2; dayOffset += 1) {
    const local = localParts(after + dayOffset * DAY_MS, timezone);
    for (const { hour, minute } of parsed) {
      const at = wallTimeToInstant(local, hour, minute, timezone);
      if (at > after && (best === undefined || at < best)) best = at;
    }
  }
  return best;
}
