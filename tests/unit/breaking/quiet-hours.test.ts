import { describe, expect, it } from 'vitest';
import { parseQuietHours, quietUntil } from '../../../src/core/breaking/quiet-hours.js';
import { maxWithinWindow } from '../../../src/core/breaking/breaking-rule.js';

const KYIV = 'Europe/Kyiv';
const at = (iso: string) => Date.parse(iso);

describe('quiet hours', () => {
  it.each([
    // [now (UTC), quiet, expected end (UTC) or undefined]
    ['2025-06-10T20:30:00Z', '23:00-08:00', '2025-06-11T05:00:00Z'], // 23:30 Kyiv (UTC+3)
    ['2025-06-10T02:00:00Z', '23:00-08:00', '2025-06-10T05:00:00Z'], // 05:00 Kyiv, after midnight
    ['2025-06-10T05:00:00Z', '23:00-08:00', undefined], // 08:00 Kyiv: the end is not quiet
    ['2025-06-10T19:59:00Z', '23:00-08:00', undefined], // 22:59 Kyiv
    ['2025-06-10T11:00:00Z', '13:00-15:00', '2025-06-10T12:00:00Z'], // 14:00 Kyiv, same-day span
    ['2025-01-10T21:30:00Z', '23:00-08:00', '2025-01-11T06:00:00Z'], // winter: UTC+2
  ])('at %s with %s quiet until %s', (now, span, end) => {
    const quiet = parseQuietHours(span)!;
    expect(quietUntil(quiet, KYIV, at(now))).toBe(end === undefined ? undefined : at(end));
  });

  it.each(['23:00-23:00', '24:00-08:00', '23:60-08:00', '23-08', '', '23:00-08:00-09:00'])(
    'refuses %j',
    (input) => {
      expect(parseQuietHours(input)).toBeUndefined();
    },
  );
});

describe('outlets within a window', () => {
  it.each([
    [[0, 10, 20, 40], 60, 4],
    [[0, 70, 140, 200], 60, 2], // 140 and 200 are exactly 60 apart
    [[0, 50, 61, 100, 110], 60, 4], // 50..110
    [[], 60, 0],
  ])('%j in %i → %i', (times, windowMs, expected) => {
    expect(maxWithinWindow(times, windowMs)).toBe(expected);
  });
});
