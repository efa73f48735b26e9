import { describe, expect, it } from 'vitest';
import { parseFeedDate } from '../../../../src/core/feed/parse-feed-date.js';

describe('parseFeedDate', () => {
  it.each<[string | undefined, string | undefined]>([
    ['Wed, 25 Nov 2026 10:15:00 +0200', '2026-11-25T08:15:00.000Z'],
    ['Wed, 25 Nov 2026 10:15:00 GMT', '2026-11-25T10:15:00.000Z'],
    ['Wed, 25 Nov 2026 10:15:00 EET', '2026-11-25T08:15:00.000Z'],
    ['Wed, 25 Nov 2026 10:15 EEST', '2026-11-25T07:15:00.000Z'],
    ['Wed, 25 Nov 2026 10:15:00 MSK', '2026-11-25T07:15:00.000Z'],
    ['Wed, 25 Nov 2026 10:15:00', '2026-11-25T10:15:00.000Z'],
    ['  Wed,  25 Nov 2026\n10:15:00 +0200 ', '2026-11-25T08:15:00.000Z'],
    ['2026-11-25T10:15:00+02:00', '2026-11-25T08:15:00.000Z'],
    ['2026-11-25T10:15:00.250Z', '2026-11-25T10:15:00.250Z'],
    ['2026-11-25 10:15:00', '2026-11-25T10:15:00.000Z'],
    ['2026-11-25T10:15', '2026-11-25T10:15:00.000Z'],
    ['2026-11-25', '2026-11-25T00:00:00.000Z'],
    ['вчора о 12:00', undefined],
    ['garbage 12', undefined],
    ['2026-13-45T99:99:99Z', undefined],
    ['', undefined],
    [undefined, undefined],
  ])('%j -> %s', (input, expected) => {
    const parsed = parseFeedDate(input);
    expect(parsed === undefined ? undefined : new Date(parsed).toISOString()).toBe(expected);
  });
});
