import type { RedisClient } from './redis-client.js';
import type { Keys } from './keys.js';
import { getEach, sendCommands } from './send-commands.js';

/**
 * Remembers which story ids were ever queued, for the retention window, so re-polls and a feed that drops an item
 * and lists it again later never queue it twice. The keys expire, so memory stays bounded. Marks are sharded by
 * story id (Redis Cluster), so they are plain per-key commands sent in one round trip, not one script.
 */
export class SeenStore {
  constructor(
    private readonly redis: RedisClient,
    private readonly keys: Keys,
    private readonly retentionMs: number,
  ) {}

  async unseen(ids: string[]): Promise<string[]> {
    if (ids.length === 0) return [];
    const values = await getEach(
      this.redis,
      ids.map((id) => this.keys.seen(id)),
    );
    return ids.filter((_, index) => values[index] === null);
  }

  async markSeen(ids: string[]): Promise<void> {
    await sendCommands(
      this.redis,
      ids.map((id) => ['set', this.keys.seen(id), '1', 'PX', this.retentionMs] as const),
    );
  }
}
