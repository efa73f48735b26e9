import type { RedisClient } from './redis-client.js';

/** One single-key command: name, then its arguments (the key first). */
export type Command = readonly [name: string, ...args: (string | number)[]];

/**
 * Sends single-key commands whose keys may live in different slots, in one round trip where the connection allows:
 * one pipeline on a single Redis; on Redis Cluster, where a pipeline must stay on one node, one command each
 * (ioredis's auto-pipelining batches them per node). Replies in order; the first error is thrown.
 */
export async function sendCommands(redis: RedisClient, commands: readonly Command[]): Promise<unknown[]> {
  if (commands.length === 0) return [];
  if (redis.isCluster) return Promise.all(commands.map(([name, ...args]) => redis.call(name, ...args)));
  const replies = (await redis.pipeline(commands.map((command) => [...command])).exec()) ?? [];
  const failed = replies.find(([error]) => error);
  if (failed?.[0]) throw failed[0];
  return replies.map(([, reply]) => reply);
}

/** GET of many keys in any slots: one MGET on a single Redis, per-key GETs on Cluster. */
export async function getEach(redis: RedisClient, keys: readonly string[]): Promise<(string | null)[]> {
  if (keys.length === 0) return [];
  if (!redis.isCluster) return redis.mget(...keys);
  return (await sendCommands(
    redis,
    keys.map((key) => ['get', key] as const),
  )) as (string | null)[];
}
