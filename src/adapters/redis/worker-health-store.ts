import type { RedisClient } from './redis-client.js';
import type { Keys } from './keys.js';

/** A worker that has not beaten for this long drops out of the set. */
const GONE_AFTER_MS = 60_000;

/** Worker heartbeats and the time of the last successful poll: what the worker writes and /healthz reads. */
export class WorkerHealthStore {
  constructor(
    private readonly redis: RedisClient,
    private readonly keys: Keys,
  ) {}

  /** Records a beat of `name` and drops workers gone for a minute. */
  async beat(name: string, at: number): Promise<void> {
    await this.redis
      .multi()
      .zadd(this.keys.workers(), at, name)
      .zremrangebyscore(this.keys.workers(), '-inf', at - GONE_AFTER_MS)
      .exec();
  }

  async leave(name: string): Promise<void> {
    await this.redis.zrem(this.keys.workers(), name);
  }

  async notePollOk(at: number): Promise<void> {
    await this.redis.set(this.keys.lastPollOk(), String(at));
  }

  /** The newest beat of any worker, and the last successful poll (ms), undefined when there was none. */
  async read(): Promise<{ newestBeat?: number; lastPollOk?: number }> {
    const [newest, lastPoll] = await Promise.all([
      this.redis.zrevrange(this.keys.workers(), 0, 0, 'WITHSCORES'),
      this.redis.get(this.keys.lastPollOk()),
    ]);
    return {
      ...(newest[1] === undefined ? {} : { newestBeat: Number(newest[1]) }),
      ...(lastPoll === null ? {} : { lastPollOk: Number(lastPoll) }),
    };
  }
}
