import type { Lang } from '../types.js';

/** What /stats shows; every number is read from Redis at the moment of asking. */
export interface OpsStats {
  chats: {
    /** kind -> lang -> count */
    byKind: Record<string, Partial<Record<Lang, number>>>;
    active: number;
    deactivated: number;
    paused: number;
  };
  /** Stories published in the last 24 h, per language. */
  storiesPerDay: Record<Lang, number>;
  /** queue -> state -> count */
  queues: Record<string, Record<string, number>>;
  deliveries: { sent: number; failed: Record<string, number> };
  feeds: { total: number; byStatus: Record<string, number> };
  /** Work given up on for good: how many are kept, and the newest few with their reasons. */
  deadLetters?: { total: number; newest: { queue: string; chats: string[]; reason: string }[] };
}

/** The report's words, in the operator's language (the bot fills them from its translations). */
export interface StatsLabels {
  chats: string;
  none: string;
  active: (active: number, deactivated: number, paused: number) => string;
  stories: string;
  feeds: (total: number) => string;
  queues: string;
  deliveries: string;
  sent: string;
  failed: string;
}

export const ENGLISH_STATS_LABELS: StatsLabels = {
  chats: 'Chats',
  none: 'none',
  active: (active, deactivated, paused) => `active ${active}, deactivated ${deactivated}, paused ${paused}`,
  stories: 'Stories in the last 24 h',
  feeds: (total) => `Feeds: ${total}`,
  queues: 'Queues',
  deliveries: 'Deliveries in the last 24 h',
  sent: 'sent',
  failed: 'failed',
};

/** Plain text (sent inside <pre>): operators read it on a phone, so one fact per line. */
export function renderStats(stats: OpsStats, labels: StatsLabels = ENGLISH_STATS_LABELS): string {
  const table = (entries: [string, number][]): string =>
    entries.length === 0
      ? `  ${labels.none}`
      : entries.map(([name, count]) => `  ${name}: ${count}`).join('\n');
  const kinds = Object.entries(stats.chats.byKind).sort(([a], [b]) => a.localeCompare(b));
  const chatLines = kinds.map(([kind, langs]) => {
    const total = (langs.uk ?? 0) + (langs.ru ?? 0);
    return `  ${kind}: ${total} (uk ${langs.uk ?? 0}, ru ${langs.ru ?? 0})`;
  });
  const queueLines = Object.entries(stats.queues).map(
    ([name, counts]) =>
      `  ${name}: ${Object.entries(counts)
        .map(([state, count]) => `${state} ${count}`)
        .join(', ')}`,
  );
  const failures = Object.entries(stats.deliveries.failed).sort(([, a], [, b]) => b - a);
  return [
    labels.chats,
    ...(chatLines.length > 0 ? chatLines : [`  ${labels.none}`]),
    `  ${labels.active(stats.chats.active, stats.chats.deactivated, stats.chats.paused)}`,
    '',
    labels.stories,
    `  uk: ${stats.storiesPerDay.uk}`,
    `  ru: ${stats.storiesPerDay.ru}`,
    '',
    labels.feeds(stats.feeds.total),
    table(Object.entries(stats.feeds.byStatus)),
    '',
    labels.queues,
    ...(queueLines.length > 0 ? queueLines : [`  ${labels.none}`]),
    '',
    labels.deliveries,
    `  ${labels.sent}: ${stats.deliveries.sent}`,
    `  ${labels.failed}: ${failures.reduce((sum, [, count]) => sum + count, 0)}`,
    ...failures.map(([reason, count]) => `    ${reason}: ${count}`),
    ...(stats.deadLetters
      ? [
          '',
          `Dead letters: ${stats.deadLetters.total}`,
          ...stats.deadLetters.newest.map(
            (letter) =>
              `  ${letter.queue} ${letter.chats.slice(0, 3).join(',')}: ${letter.reason.slice(0, 120)}`,
          ),
        ]
      : []),
  ].join('\n');
}
