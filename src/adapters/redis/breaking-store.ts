import { deleteMany, type RedisClient } from './redis-client.js';
import type { BreakingRule } from '../../core/breaking/breaking-rule.js';
import type { Keys } from './keys.js';
import { luaScript, runScript } from './lua-script.js';

export interface BreakingSettings extends BreakingRule {
  perDay: number;
}

// Takes one of the chat's daily slots when fewer than ARGV[2] were taken today; 1 = taken, 0 = cap reached.
const TAKE_DAILY_SLOT = luaScript(`
local n = tonumber(redis.call('HGET', KEYS[1], ARGV[1]) or '0')
if n >= tonumber(ARGV[2]) then return 0 end
redis.call('HINCRBY', KEYS[1], ARGV[1], 1)
redis.call('PEXPIRE', KEYS[1], ARGV[3])
return 1
`);

const TWO_DAYS_MS = 2 * 86_400_000;

/** Breaking-news state: outlets per cluster over time, clusters already sent, daily caps, the rule. */
export class BreakingStore {
  constructor(
    private readonly redis: RedisClient,
    private readonly keys: Keys,
    private readonly defaults: BreakingSettings,
  ) {}

  /**
   * Notes that `outlet` reported the cluster at `at` (an outlet's first report counts) and returns each reporting
   * outlet's first-report time.
   */
  async noteOutlet(clusterId: string, outlet: string, at: number, keepMs: number): Promise<number[]> {
    const key = this.keys.breakingOutlets(clusterId);
    const replies = await this.redis
      .multi()
      .zadd(key, 'NX', at, outlet)
      .pexpire(key, keepMs)
      .zrange(key, '0', '-1', 'WITHSCORES')
      .exec();
    const flat = (replies?.[2]?.[1] as string[] | undefined) ?? [];
    return flat.filter((_, index) => index % 2 === 1).map(Number);
  }

  /** True for the first caller only: a cluster is breaking news once. */
  async claimCluster(clusterId: string): Promise<boolean> {
    return (await this.redis.set(this.keys.breakingSent(clusterId), '1', 'PX', TWO_DAYS_MS, 'NX')) === 'OK';
  }

  async takeDailySlot(chat: string, day: string, perDay: number): Promise<boolean> {
    return (
      (await runScript(
        this.redis,
        TAKE_DAILY_SLOT,
        [this.keys.breakingDaily(chat)],
        [day, perDay, TWO_DAYS_MS],
      )) === 1
    );
  }

  async settings(): Promise<BreakingSettings> {
    const stored = await this.redis.hgetall(this.keys.breakingRule());
    const num = (value: string | undefined, fallback: number) =>
      value !== undefined && Number.isFinite(Number(value)) ? Number(value) : fallback;
    return {
      outlets: num(stored.outlets, this.defaults.outlets),
      windowMs: num(stored.windowMs, this.defaults.windowMs),
      perDay: num(stored.perDay, this.defaults.perDay),
    };
  }

  async setSettings(next: Partial<BreakingSettings>): Promise<void> {
    const fields = Object.entries(next).filter(([, value]) => value !== undefined) as [string, number][];
    if (fields.length > 0) await this.redis.hset(this.keys.breakingRule(), Object.fromEntries(fields));
  }

  /** /forget: the chat's daily counts (its subscription lives in its settings). */
  async forget(chats: readonly string[]): Promise<void> {
    if (chats.length === 0) return;
    await deleteMany(
      this.redis,
      chats.map((chat) => this.keys.breakingDaily(chat)),
    );
  }
}
