import { randomUUID } from 'node:crypto';
import type { RedisClient } from './redis-client.js';
import { LockTimeoutError } from '../../errors/lock-timeout-error.js';
import { luaScript, runScript } from './lua-script.js';

// Deletes the lock only if this holder's token is still in it: an expired lock another job took is left alone.
const RELEASE = luaScript(
  `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0`,
);

export interface LockTiming {
  /** Past this, Redis frees the lock by itself, so a crashed holder blocks others only briefly. */
  ttlMs: number;
  /** How long to wait for the lock before throwing LockTimeoutError. */
  waitMs: number;
}

/** Runs `task` holding a Redis lock (SET NX PX with a token; only the holder releases it). The task gets the token, for
 * scripts that let the holder through and refuse everyone else. */
export async function withLock<T>(
  redis: RedisClient,
  key: string,
  timing: LockTiming,
  task: (token: string) => Promise<T>,
): Promise<T> {
  const token = randomUUID();
  const started = Date.now();
  while ((await redis.set(key, token, 'PX', timing.ttlMs, 'NX')) !== 'OK') {
    if (Date.now() - started > timing.waitMs) throw new LockTimeoutError(key, timing.waitMs);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  try {
    return await task(token);
  } finally {
    await runScript(redis, RELEASE, [key], [token]);
  }
}
