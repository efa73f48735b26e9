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

/** "12m ago", "never": ages in the largest unit that keeps them short. */
export function ago(at: number | undefined, now: number): string {
  if (at === undefined) return 'never';
  const ms = Math.max(0, now - at);
  if (ms < 60_000) return 'just now';
  const minutes = Math.floor(ms / 60_000);
  if (minutes < 120) return `${minutes}m ago`;
  const hours = Math.floor(minutes / 60);
  return hours < 48 ? `${hours}h ago` : `${Math.floor(hours / 24)}d ago`;
}

function describe(row: FeedRow, index: number, now: number): string {
  const { feed, health } = row;
  const head = `${MARK[health.status]} <b>${index}. ${escapeHtml(feed.name)}</b> <code>${feed.id}</code> ${health.status}`;
  const facts = [
    feed.lang,
    `every ${formatDuration(feed.intervalMs)}`,
    `last ok ${ago(health.lastSuccessAt, now)}`,
    `${health.consecutiveFailures} failures`,
    `${health.itemsPerDay} items/day`,
  ].join(' · ');
  const lines = [head, escapeHtml(feed.url), facts];
  if (health.truncatedFrom !== undefined) {
    lines.push(`<i>last poll kept the newest of ${health.truncatedFrom} items</i>`);
  }
  if (health.lastError) {
    lines.push(
      `<i>${escapeHtml(`${health.lastErrorCode ?? 'ERROR'}: ${health.lastError}`.slice(0, 200))}</i>`,
    );
  }
  return lines.join('\n');
}

/** One page of the /feeds list; `page` is clamped into range, so a stale button still shows something. */
export function renderFeedsPage(rows: readonly FeedRow[], page: number, now: number): FeedsPage {
  const pages = Math.max(1, Math.ceil(rows.length / FEEDS_PER_PAGE));
  const current = Math.min(Math.max(0, page), pages - 1);
  if (rows.length === 0)
    return { text: 'No feeds yet. Add one with /addfeed &lt;url&gt;.', page: 0, pages: 1 };
  const counts = (['ok', 'failing', 'dead', 'paused'] as const)
    .map((status) => `${MARK[status]} ${rows.filter((row) => row.health.status === status).length}`)
    .join('  ');
  const start = current * FEEDS_PER_PAGE;
  const body = rows
    .slice(start, start + FEEDS_PER_PAGE)
    .map((row, offset) => describe(row, start + offset + 1, now));
  return {
    text: [
      `<b>Feeds</b> (${rows.length}) ${counts} — page ${current + 1}/${pages}`,
      '',
      body.join('\n\n'),
    ].join('\n'),
    page: current,
    pages,
  };
}
