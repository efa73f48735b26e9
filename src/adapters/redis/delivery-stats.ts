import type { Redis } from 'ioredis';
import type { Keys } from './keys.js';

const HOUR_MS = 3_600_000;

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
 * wherever it runs. Hourly hashes expire after a day and a bit, so memory stays constant.
 */
export class DeliveryStats {
  constructor(
    private readonly redis: Redis,
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
      .pexpire(key, 26 * HOUR_MS)
      .exec();
  }

  /** Sent messages and failures by reason over the 24 hours before `now`. */
  async last24h(now: number): Promise<{ sent: number; failed: Record<string, number> }> {
    const current = Math.floor(now / HOUR_MS);
    const pipeline = this.redis.pipeline();
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
}
