import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { selectNewestItems } from '../../../../src/core/feed/select-newest-items.js';

interface Entry {
  n: number;
  date?: string;
}
const dateOf = (entry: Entry) => entry.date;

describe('selectNewestItems', () => {
  it('keeps the newest, in document order, when a feed lists oldest first', async () => {
    const entries = Array.from({ length: 10 }, (_, n) => ({
      n,
      date: new Date(Date.UTC(2026, 0, 1, n)).toUTCString(),
    }));
    expect((await selectNewestItems(entries, dateOf, 3)).map((e) => e.n)).toEqual([7, 8, 9]);
  });

  it('counts undated entries as newest and keeps document order among equals', async () => {
    const entries: Entry[] = [
      { n: 0, date: '2026-01-01T00:00:00Z' },
      { n: 1 },
      { n: 2, date: '2026-01-02T00:00:00Z' },
      { n: 3 },
    ];
    expect((await selectNewestItems(entries, dateOf, 3)).map((e) => e.n)).toEqual([1, 2, 3]);
  });

  it('matches a full sort for any dates', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.option(fc.integer({ min: 0, max: 20 }), { nil: undefined }), { maxLength: 60 }),
        fc.integer({ min: 1, max: 10 }),
        async (hours, max) => {
          const entries = hours.map((h, n) => ({
            n,
            date: h === undefined ? undefined : new Date(Date.UTC(2026, 0, 1, h)).toISOString(),
          }));
          const at = (e: Entry) => (e.date ? Date.parse(e.date) : Infinity);
          const expected = [...entries]
            .sort((a, b) => (at(a) === at(b) ? a.n - b.n : at(b) - at(a)))
            .slice(0, max)
            .map((e) => e.n)
            .sort((a, b) => a - b);
          const kept = (await selectNewestItems(entries, dateOf, max)).map((e) => e.n);
          return JSON.stringify(kept) === JSON.stringify(expected);
        },
      ),
      { numRuns: 200 },
    );
  });
});
