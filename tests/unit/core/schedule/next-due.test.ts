import { describe, expect, it } from 'vitest';
import { nextDueAt } from '../../../../src/core/schedule/next-due.js';

const iso = (s: string) => Date.parse(s);

describe('nextDueAt', () => {
  // Kyiv: EET (+02) in winter, EEST (+03) from 2025-03-30 03:00 local, back to +02 on 2025-10-26 at 04:00 local.
  const cases: { name: string; times: string[]; zone: string; after: string; expected: string }[] = [
    {
      name: 'later today',
      times: ['09:00', '19:00'],
      zone: 'Europe/Kyiv',
      after: '2025-06-10T07:00:00Z',
      expected: '2025-06-10T16:00:00Z',
    },
    {
      name: 'tomorrow morning',
      times: ['09:00', '19:00'],
      zone: 'Europe/Kyiv',
      after: '2025-06-10T16:00:00Z',
      expected: '2025-06-11T06:00:00Z',
    },
    {
      name: 'winter offset',
      times: ['09:00'],
      zone: 'Europe/Kyiv',
      after: '2025-01-10T12:00:00Z',
      expected: '2025-01-11T07:00:00Z',
    },
    {
      name: 'spring-forward day, before the change',
      times: ['09:00'],
      zone: 'Europe/Kyiv',
      after: '2025-03-29T12:00:00Z',
      expected: '2025-03-30T06:00:00Z',
    },
    {
      name: 'spring-forward: 03:30 does not exist, fires right after the gap',
      times: ['03:30'],
      zone: 'Europe/Kyiv',
      after: '2025-03-29T12:00:00Z',
      expected: '2025-03-30T01:30:00Z',
    },
    {
      name: 'spring-forward: 02:30 still exists in winter time',
      times: ['02:30'],
      zone: 'Europe/Kyiv',
      after: '2025-03-29T12:00:00Z',
      expected: '2025-03-30T00:30:00Z',
    },
    {
      name: 'fall-back day: 09:00 uses winter offset',
      times: ['09:00'],
      zone: 'Europe/Kyiv',
      after: '2025-10-25T12:00:00Z',
      expected: '2025-10-26T07:00:00Z',
    },
    {
      name: 'fall-back: 03:30 happens twice, first occurrence',
      times: ['03:30'],
      zone: 'Europe/Kyiv',
      after: '2025-10-25T12:00:00Z',
      expected: '2025-10-26T00:30:00Z',
    },
    {
      name: 'fall-back: after the first 03:30, the repeat is skipped',
      times: ['03:30'],
      zone: 'Europe/Kyiv',
      after: '2025-10-26T00:30:00Z',
      expected: '2025-10-27T01:30:00Z',
    },
    {
      name: 'exactly at a slot goes to the next',
      times: ['09:00', '19:00'],
      zone: 'UTC',
      after: '2025-06-10T09:00:00Z',
      expected: '2025-06-10T19:00:00Z',
    },
    {
      name: 'other zone',
      times: ['08:00'],
      zone: 'America/New_York',
      after: '2025-03-09T05:00:00Z',
      expected: '2025-03-09T12:00:00Z',
    },
    {
      name: 'midnight',
      times: ['00:00'],
      zone: 'Europe/Kyiv',
      after: '2025-06-10T22:00:00Z',
      expected: '2025-06-11T21:00:00Z',
    },
  ];
  it.each(cases)('$name', ({ times, zone, after, expected }) => {
    expect(new Date(nextDueAt(times, zone, iso(after)) ?? 0).toISOString()).toBe(
      new Date(iso(expected)).toISOString(),
    );
  });

  it('a chat missed for days gets one slot: the next after now', () => {
    const now = iso('2025-06-13T10:00:00Z');
    expect(nextDueAt(['09:00'], 'Europe/Kyiv', now)).toBe(iso('2025-06-14T06:00:00Z'));
  });

  it('no valid times means never', () => {
    expect(nextDueAt([], 'Europe/Kyiv', 0)).toBeUndefined();
    expect(nextDueAt(['bad'], 'Europe/Kyiv', 0)).toBeUndefined();
  });
});
