import { hostname } from 'node:os';
import type { Redis } from 'ioredis';
import type { Keys } from '../adapters/redis/keys.js';

/** Keys the worker writes and /healthz reads. */
export const heartbeatKeys = (keys: Keys) => ({
  /** Sorted set: worker name -> last beat (ms). */
  workers: `${keys.prefix}:ops:workers`,
  /** Time (ms) of the last poll that reached its feed (200 or 304), from any worker. */
  lastPollOk: `${keys.prefix}:ops:last-poll-ok`,
});

export const HEARTBEAT_EVERY_MS = 10_000;

/** Beats every 10 s; a worker gone for a minute drops out of the set at the next beat of any other worker. */
export function startWorkerHeartbeat(redis: Redis, keys: Keys, now: () => number = Date.now) {
  const { workers } = heartbeatKeys(keys);
  const name = `${hostname()}-${process.pid}`;
  const beat = async (): Promise<void> => {
    const at = now();
    await redis
      .multi()
      .zadd(workers, at, name)
      .zremrangebyscore(workers, '-inf', at - 60_000)
      .exec();
  };
  const timer = setInterval(() => void beat().catch(() => undefined), HEARTBEAT_EVERY_MS);
  timer.unref();
  return {
    beat,
    async stop(): Promise<void> {
      clearInterval(timer);
      await redis.zrem(workers, name).catch(() => undefined);
    },
  };
}

export async function notePollOk(redis: Redis, keys: Keys, at: number): Promise<void> {
  await redis.set(heartbeatKeys(keys).lastPollOk, String(at));
}
