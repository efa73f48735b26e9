import type { Redis } from 'ioredis';
import type { Keys } from './keys.js';

/**
 * Remembers which story ids were ever queued, for the retention window, so re-polls and a feed that drops an item
 * and lists it again later never queue it twice. The keys expire, so memory stays bounded.
 */
export class SeenStore {
  constructor(
    private readonly redis: Redis,
    private readonly keys: Keys,
    private readonly retentionMs: number,
  ) {}

  async unseen(ids: string[]): Promise<string[]> {
    if (ids.length === 0) return [];
    const pipeline = this.redis.pipeline();
    for (const id of ids) pipeline.exists(this.keys.seen(id));
    const replies = (await pipeline.exec()) ?? [];
    return ids.filter((_, index) => replies[index]?.[1] === 0);
  }

  async markSeen(ids: string[]): Promise<void> {
    if (ids.length === 0) return;
    const pipeline = this.redis.pipeline();
    for (const id of ids) pipeline.set(this.keys.seen(id), '1', 'PX', this.retentionMs);
    await pipeline.exec();
  }
}
