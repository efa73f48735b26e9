import { crossSlotPipeline, type RedisClient } from './redis-client.js';
import type { Keys } from './keys.js';

const HOUR_MS = 3_600_000;
/** Hourly counters are kept for the 7-day chart and a margin. */
const KEEP_HOURS = 8 * 24;

/** One hour's deliveries: sent (incl. plain-text resends) and failed (every other outcome). */
export interface HourlyDeliveries {
  /** Start of the hour (ms). */
  at: number;
  sent: number;
  failed: number;
}

/** What a delivery attempt ended as; `sent` and `plain` reached the chat, the rest are failure reasons. */
export type DeliveryOutcome =
  | 'sent'
  | 'plain'
  | 'rate-limited'
  | 'forbidden'
  | 'deactivated'
  | 'migrated'
  | 'transient'
  | 'rejected'
  | 'bad-entities';

/**
 * Delivery outcomes per hour in Redis, shared by every worker process, so `/stats` can sum the last 24 hours
 * wherever it runs. Hourly hashes expire after eight days (the /stats 7d chart), so memory stays constant.
 */
export class DeliveryStats {
  constructor(
    private readonly redis: RedisClient,
    private readonly keys: Keys,
  ) {}

  private key(hour: number): string {
    return this.keys.deliveryStatsHour(hour);
  }

  async record(outcome: DeliveryOutcome, now: number): Promise<void> {
    const key = this.key(Math.floor(now / HOUR_MS));
    await this.redis
      .multi()
      .hincrby(key, outcome, 1)
      .pexpire(key, KEEP_HOURS * HOUR_MS)
      .exec();
  }

  /** Sent messages and failures by reason over the 24 hours before `now`. */
  async last24h(now: number): Promise<{ sent: number; failed: Record<string, number> }> {
    const current = Math.floor(now / HOUR_MS);
    const pipeline = crossSlotPipeline(this.redis);
    for (let hour = current - 23; hour <= current; hour += 1) pipeline.hgetall(this.key(hour));
    const replies = (await pipeline.exec()) ?? [];
    let sent = 0;
    const failed: Record<string, number> = {};
    for (const [, value] of replies) {
      for (const [outcome, count] of Object.entries((value ?? {}) as Record<string, string>)) {
        if (outcome === 'sent' || outcome === 'plain') sent += Number(count);
        else failed[outcome] = (failed[outcome] ?? 0) + Number(count);
      }
    }
    return { sent, failed };
  }

  /** Per-hour sent and failed counts for the `hours` hours up to and including the current one, oldest first. */
  async hourly(now: number, hours: number): Promise<HourlyDeliveries[]> {
    const current = Math.floor(now / HOUR_MS);
    const pipeline = crossSlotPipeline(this.redis);
    for (let hour = current - hours + 1; hour <= current; hour += 1) pipeline.hgetall(this.key(hour));
    const replies = (await pipeline.exec()) ?? [];
    return replies.map(([, value], index) => {
      let sent = 0;
      let failed = 0;
      for (const [outcome, count] of Object.entries((value ?? {}) as Record<string, string>)) {
        if (outcome === 'sent' || outcome === 'plain') sent += Number(count);
        else failed += Number(count);
      }
      return { at: (current - hours + 1 + index) * HOUR_MS, sent, failed };
    });
  }
}
