import type { StatsSeries } from '../../core/ops/stats-chart.js';
import { LANGS, type Lang } from '../../core/types.js';
import type { HourlyDeliveries } from './delivery-stats.js';
import type { FeedStore } from './feed-store.js';
import type { Keys } from './keys.js';
import { crossSlotPipeline, type RedisClient } from './redis-client.js';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
const FAILING_FEEDS = 5;

export interface StatsSeriesDeps {
  redis: RedisClient;
  keys: Keys;
  feeds: FeedStore;
  /** Hourly delivery counters (DeliveryStats.hourly). */
  hourly: (now: number, hours: number) => Promise<HourlyDeliveries[]>;
}

/**
 * The numbers behind the /stats chart: stories stored per bucket by language (from the language indexes, whose
 * scores are ingestion times), deliveries and failures per bucket (hourly counters, summed per day for 7d), and
 * the five feeds with the longest current failure streak.
 */
export async function readStatsSeries(
  deps: StatsSeriesDeps,
  range: '24h' | '7d',
  now: number,
): Promise<StatsSeries> {
  const step = range === '24h' ? HOUR_MS : DAY_MS;
  const count = range === '24h' ? 24 : 7;
  const end = Math.floor(now / step) * step + step;
  const buckets = Array.from({ length: count }, (_, i) => end - (count - i) * step);

  const pipeline = crossSlotPipeline(deps.redis);
  for (const lang of LANGS)
    for (const at of buckets) pipeline.zcount(deps.keys.langIndex(lang), at, `(${at + step}`);
  const replies = (await pipeline.exec()) ?? [];
  const stories = {} as Record<Lang, number[]>;
  LANGS.forEach((lang, l) => {
    stories[lang] = buckets.map((_, i) => Number(replies[l * count + i]?.[1] ?? 0));
  });

  // Every hour from the first bucket's start up to the current hour.
  const hours = await deps.hourly(now, Math.floor((now - (buckets[0] as number)) / HOUR_MS) + 1);
  const sent = buckets.map(() => 0);
  const failed = buckets.map(() => 0);
  for (const hour of hours) {
    const index = Math.floor((hour.at - (buckets[0] as number)) / step);
    if (index < 0 || index >= count) continue;
    sent[index] = (sent[index] as number) + hour.sent;
    failed[index] = (failed[index] as number) + hour.failed;
  }

  const failing: { name: string; failures: number }[] = [];
  for (const feed of await deps.feeds.list()) {
    const health = await deps.feeds.getHealth(feed.id);
    if (health.consecutiveFailures > 0)
      failing.push({ name: `${feed.name} (${feed.lang})`, failures: health.consecutiveFailures });
  }
  failing.sort((a, b) => b.failures - a.failures || a.name.localeCompare(b.name));
  return { range, buckets, stories, sent, failed, failingFeeds: failing.slice(0, FAILING_FEEDS) };
}
