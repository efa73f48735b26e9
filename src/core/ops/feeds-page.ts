import { formatDuration } from '../feed/duration.js';
import { escapeHtml } from '../render/escape-html.js';
import type { FeedDefinition, FeedHealth, FeedStatus } from '../types.js';

export interface FeedRow {
  feed: FeedDefinition;
  health: FeedHealth;
}

export interface FeedsPage {
  /** Telegram HTML. */
  text: string;
  page: number;
  pages: number;
}

export const FEEDS_PER_PAGE = 8;

const MARK: Record<FeedStatus, string> = { ok: '✅', failing: '⚠️', dead: '💀', paused: '⏸' };

/** The words of the /feeds page, so the bot can give them in the operator's language; English by default. */
export interface FeedsPageLabels {
  empty: string;
  heading: (total: number, counts: string, page: number, pages: number) => string;
  status: (status: FeedStatus) => string;
  every: (interval: string) => string;
  lastOk: (ago: string) => string;
  failures: (failures: number) => string;
  itemsPerDay: (items: number) => string;
  truncated: (items: number) => string;
  never: string;
  justNow: string;
  minutesAgo: (minutes: number) => string;
  hoursAgo: (hours: number) => string;
  daysAgo: (days: number) => string;
}

export const ENGLISH_FEEDS_LABELS: FeedsPageLabels = {
  empty: 'No feeds yet. Add one with /addfeed &lt;url&gt;.',
  heading: (total, counts, page, pages) => `<b>Feeds</b> (${total}) ${counts} — page ${page}/${pages}`,
  status: (status) => status,
  every: (interval) => `every ${interval}`,
  lastOk: (ago) => `last ok ${ago}`,
  failures: (failures) => `${failures} failures`,
  itemsPerDay: (items) => `${items} items/day`,
  truncated: (items) => `last poll kept the newest of ${items} items`,
  never: 'never',
  justNow: 'just now',
  minutesAgo: (minutes) => `${minutes}m ago`,
  hoursAgo: (hours) => `${hours}h ago`,
  daysAgo: (days) => `${days}d ago`,
};

/** "12m ago", "never": ages in the largest unit that keeps them short. */
export function ago(at: number | undefined, now: number, labels = ENGLISH_FEEDS_LABELS): string {
  if (at === undefined) return labels.never;
  const ms = Math.max(0, now - at);
  if (ms < 60_000) return labels.justNow;
  const minutes = Math.floor(ms / 60_000);
  if (minutes < 120) return labels.minutesAgo(minutes);
  const hours = Math.floor(minutes / 60);
  return hours < 48 ? labels.hoursAgo(hours) : labels.daysAgo(Math.floor(hours / 24));
}

function describe(row: FeedRow, index: number, now: number, labels: FeedsPageLabels): string {
  const { feed, health } = row;
  const head = `${MARK[health.status]} <b>${index}. ${escapeHtml(feed.name)}</b> <code>${feed.id}</code> ${labels.status(health.status)}`;
  const facts = [
    feed.lang,
    labels.every(formatDuration(feed.intervalMs)),
    labels.lastOk(ago(health.lastSuccessAt, now, labels)),
    labels.failures(health.consecutiveFailures),
    labels.itemsPerDay(health.itemsPerDay),
  ].join(' · ');
  const lines = [head, escapeHtml(feed.url), facts];
  if (health.truncatedFrom !== undefined) {
    lines.push(`<i>${labels.truncated(health.truncatedFrom)}</i>`);
  }
  if (health.lastError) {
    lines.push(
      `<i>${escapeHtml(`${health.lastErrorCode ?? 'ERROR'}: ${health.lastError}`.slice(0, 200))}</i>`,
    );
  }
  return lines.join('\n');
}

/** One page of the /feeds list; `page` is clamped into range, so a stale button still shows something. */
export function renderFeedsPage(
  rows: readonly FeedRow[],
  page: number,
  now: number,
  labels: FeedsPageLabels = ENGLISH_FEEDS_LABELS,
): FeedsPage {
  const pages = Math.max(1, Math.ceil(rows.length / FEEDS_PER_PAGE));
  const current = Math.min(Math.max(0, page), pages - 1);
  if (rows.length === 0) return { text: labels.empty, page: 0, pages: 1 };
  const counts = (['ok', 'failing', 'dead', 'paused'] as const)
    .map((status) => `${MARK[status]} ${rows.filter((row) => row.health.status === status).length}`)
    .join('  ');
  const start = current * FEEDS_PER_PAGE;
  const body = rows
    .slice(start, start + FEEDS_PER_PAGE)
    .map((row, offset) => describe(row, start + offset + 1, now, labels));
  return {
    text: [labels.heading(rows.length, counts, current + 1, pages), '', body.join('\n\n')].join('\n'),
    page: current,
    pages,
  };
}
