import type { RedisClient } from './redis-client.js';
import { alertFromFields, type FeedAlert } from './alert-record.js';
import type { Keys } from './keys.js';
import { ensureGroup } from './stream-group.js';

export const ALERT_GROUP = 'operators';

type StreamEntries = [id: string, fields: string[]][];

export interface InboxEntry {
  id: string;
  /** Undefined for an entry that carries no alert; it is acknowledged all the same. */
  alert?: FeedAlert;
}

/**
 * The operators' side of the alerts stream: a consumer group, so an entry is acknowledged only after every
 * operator got it, several processes share the work, and a restart neither repeats nor loses alerts. Which
 * operators already got an entry is recorded, so a retry skips them.
 */
export class AlertInbox {
  private ready = false;

  constructor(
    private readonly redis: RedisClient,
    private readonly keys: Keys,
  ) {}

  /**
   * Entries to deliver, oldest first: those a crashed consumer held longer than `claimIdleMs`, this consumer's own
   * unacknowledged ones (a send failed last time), then new ones.
   */
  async take(consumer: string, count: number, claimIdleMs: number): Promise<InboxEntry[]> {
    const stream = this.keys.alerts();
    if (!this.ready) {
      await ensureGroup(this.redis, stream, ALERT_GROUP, '0');
      this.ready = true;
    }
    const claimed = (await this.redis.xautoclaim(
      stream,
      ALERT_GROUP,
      consumer,
      claimIdleMs,
      '0-0',
      'COUNT',
      count,
    )) as [string, StreamEntries];
    const read = async (from: '0' | '>') =>
      (await this.redis.xreadgroup(
        'GROUP',
        ALERT_GROUP,
        consumer,
        'COUNT',
        count,
        'STREAMS',
        stream,
        from,
      )) as [string, StreamEntries][] | null;
    const own = await read('0');
    const fresh = await read('>');
    const entries = new Map<string, string[]>();
    for (const [id, fields] of [
      ...(claimed[1] ?? []),
      ...(own?.[0]?.[1] ?? []),
      ...(fresh?.[0]?.[1] ?? []),
    ]) {
      if (fields) entries.set(id, fields);
    }
    return [...entries].map(([id, fields]) => {
      const alert = alertFromFields(fields);
      return alert ? { id, alert } : { id };
    });
  }

  /** Operators (as strings) who already got this entry. */
  async sentTo(id: string): Promise<Set<string>> {
    return new Set(await this.redis.smembers(this.keys.alertSentTo(id)));
  }

  async markSent(id: string, operatorId: number): Promise<void> {
    const key = this.keys.alertSentTo(id);
    await this.redis
      .multi()
      .sadd(key, String(operatorId))
      .expire(key, 7 * 86_400)
      .exec();
  }

  /**
   * Every operator got the entry (or cannot): acknowledge it and forget who got it. Two slots, so two steps, the
   * acknowledgement first: a crash between them leaves a who-got-it set that expires in a week, never an entry
   * read again with its recipients forgotten (which would alert them twice).
   */
  async done(id: string): Promise<void> {
    await this.redis.xack(this.keys.alerts(), ALERT_GROUP, id);
    await this.redis.del(this.keys.alertSentTo(id));
  }
}
