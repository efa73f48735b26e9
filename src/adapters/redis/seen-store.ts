import type { RedisClient } from './redis-client.js';
import type { Keys } from './keys.js';
import { luaScript, runScript } from './lua-script.js';

/** KEYS: seen keys; ARGV[1]: TTL in ms. One call marks a whole poll's new items. */
const MARK_SEEN = luaScript(`
for i = 1, #KEYS do redis.call('SET', KEYS[i], '1', 'PX', ARGV[1]) end
return #KEYS
`);

/**
 * Remembers which story ids were ever queued, for the retention window, so re-polls and a feed that drops an item
 * and lists it again later never queue it twice. The keys expire, so memory stays bounded.
 */
export class SeenStore {
  constructor(
    private readonly redis: RedisClient,
    private readonly keys: Keys,
    private readonly retentionMs: number,
  ) {}

  async unseen(ids: string[]): Promise<string[]> {
    if (ids.length === 0) return [];
    const values = await this.redis.mget(...ids.map((id) => this.keys.seen(id)));
    return ids.filter((_, index) => values[index] === null);
  }

  async markSeen(ids: string[]): Promise<void> {
    if (ids.length === 0) return;
    await runScript(
      this.redis,
      MARK_SEEN,
      ids.map((id) => this.keys.seen(id)),
      [this.retentionMs],
    );
  }
}
