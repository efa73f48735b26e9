import { describe, expect, it } from 'vitest';
import { ago, FEEDS_PER_PAGE, renderFeedsPage, type FeedRow } from '../../../../src/core/ops/feeds-page.js';
import type { FeedHealth, FeedStatus } from '../../../../src/core/types.js';

const NOW = Date.UTC(2025, 5, 10, 12, 0, 0);
const MIN = 60_000;

function row(n: number, status: FeedStatus = 'ok', health: Partial<FeedHealth> = {}): FeedRow {
  return {
    feed: {
      id: `f${n}`,
      url: `https://outlet${n}.example/rss?a=1&b=2`,
      lang: n % 2 === 0 ? 'uk' : 'ru',
      name: `Outlet ${n}`,
      intervalMs: 5 * MIN,
      topics: [],
    },
    health: {
      status,
      lastStatus: 200,
      consecutiveFailures: 0,
      itemsPerDay: 40 + n,
      lastSuccessAt: NOW - 12 * MIN,
      ...health,
    },
  };
}

describe('ago', () => {
  it.each([
    [undefined, 'never'],
    [NOW + 5_000, 'just now'],
    [NOW - 59_999, 'just now'],
    [NOW - 60_000, '1m ago'],
    [NOW - 119 * MIN, '119m ago'],
    [NOW - 120 * MIN, '2h ago'],
    [NOW - 47 * 60 * MIN, '47h ago'],
    [NOW - 48 * 60 * MIN, '2d ago'],
  ])('%s -> %s', (at, expected) => expect(ago(at, NOW)).toBe(expected));
});

describe('renderFeedsPage', () => {
  it('tells how to add a feed when there is none', () => {
    expect(renderFeedsPage([], 3, NOW)).toEqual({
      text: 'No feeds yet. Add one with /addfeed &lt;url&gt;.',
      page: 0,
      pages: 1,
    });
  });

  it('shows a header with counts per status, then one escaped block per feed', () => {
    const rows = [
      row(1),
      row(2, 'failing', {
        consecutiveFailures: 3,
        lastError: 'answered <503>',
        lastErrorCode: 'HTTP_STATUS',
      }),
      row(3, 'paused'),
    ];
    const { text, page, pages } = renderFeedsPage(rows, 0, NOW);
    expect([page, pages]).toEqual([0, 1]);
    const [header, blank, ...rest] = text.split('\n');
    expect(header).toBe('<b>Feeds</b> (3) ✅ 1  ⚠️ 1  💀 0  ⏸ 1 — page 1/1');
    expect(blank).toBe('');
    expect(rest.join('\n').split('\n\n')).toEqual([
      [
        '✅ <b>1. Outlet 1</b> <code>f1</code> ok',
        'https://outlet1.example/rss?a=1&amp;b=2',
        'ru · every 5m · last ok 12m ago · 0 failures · 41 items/day',
      ].join('\n'),
      [
        '⚠️ <b>2. Outlet 2</b> <code>f2</code> failing',
        'https://outlet2.example/rss?a=1&amp;b=2',
        'uk · every 5m · last ok 12m ago · 3 failures · 42 items/day',
        '<i>HTTP_STATUS: answered &lt;503&gt;</i>',
      ].join('\n'),
      [
        '⏸ <b>3. Outlet 3</b> <code>f3</code> paused',
        'https://outlet3.example/rss?a=1&amp;b=2',
        'ru · every 5m · last ok 12m ago · 0 failures · 43 items/day',
      ].join('\n'),
    ]);
  });

  it('cuts a long error to 200 characters before escaping', () => {
    const { text } = renderFeedsPage([row(1, 'dead', { lastError: 'x'.repeat(500) })], 0, NOW);
    const errorLine = text.split('\n').find((line) => line.startsWith('<i>'));
    expect(errorLine).toBe(`<i>ERROR: ${'x'.repeat(193)}</i>`);
  });

  it(`pages by ${FEEDS_PER_PAGE}, numbering on across pages, and clamps a stale page number`, () => {
    const rows = Array.from({ length: FEEDS_PER_PAGE * 2 + 1 }, (_, i) => row(i + 1));
    const second = renderFeedsPage(rows, 1, NOW);
    expect([second.page, second.pages]).toEqual([1, 3]);
    expect(second.text).toContain(`<b>${FEEDS_PER_PAGE + 1}. Outlet ${FEEDS_PER_PAGE + 1}</b>`);
    expect(second.text).not.toContain(`<b>${FEEDS_PER_PAGE}. `);
    expect(second.text.match(/<code>/g)).toHaveLength(FEEDS_PER_PAGE);
    const beyond = renderFeedsPage(rows, 99, NOW);
    expect([beyond.page, beyond.text.match(/<code>/g)?.length]).toEqual([2, 1]);
    expect(renderFeedsPage(rows, -4, NOW).page).toBe(0);
  });
});
