import type { ChainableCommander, Cluster, Redis } from 'ioredis';

/**
 * What stores talk to: one Redis, or a Redis Cluster (REDIS_URL `redis+cluster://`). Both speak the same commands;
 * on a Cluster every multi-key command, MULTI and script must keep its keys in one hash slot (keys.ts plans that),
 * and the helpers below cover the reads and writes that span slots on purpose.
 */
export type RedisClient = Redis | Cluster;

/** `isCluster` is typed as a plain boolean in ioredis; this narrows. */
export const isCluster = (redis: RedisClient): redis is Cluster => redis.isCluster;

/** A second connection to the same Redis or Cluster (for a blocking read that must not hold up the shared one). */
export const duplicateClient = (redis: RedisClient): RedisClient =>
  isCluster(redis) ? redis.duplicate() : redis.duplicate();

type Reply = [error: Error | null, result: unknown];

/**
 * A pipeline for commands whose keys may sit in different slots (one hour's counters, many chats' records). On one
 * Redis it is a plain pipeline (one round trip). ioredis refuses a Cluster pipeline that spans masters, so there
 * each command is sent on its own at once, ioredis routing it to its master; `exec` answers in the same shape.
 */
export function crossSlotPipeline(redis: RedisClient): ChainableCommander {
  if (!isCluster(redis)) return redis.pipeline();
  const calls: [name: string, args: unknown[]][] = [];
  const commands = redis as unknown as Record<string, (...args: unknown[]) => Promise<unknown>>;
  const pipeline: ChainableCommander = new Proxy({} as ChainableCommander, {
    get(_, name) {
      if (name === 'exec')
        return () =>
          Promise.all(
            calls.map(([command, args]) =>
              (commands[command] as (...a: unknown[]) => Promise<unknown>).apply(redis, args).then(
                (result): Reply => [null, result],
                (error: unknown): Reply => [error as Error, null],
              ),
            ),
          );
      if (name === 'length') return calls.length;
      if (typeof name !== 'string' || name === 'then') return undefined;
      return (...args: unknown[]) => {
        calls.push([name, args]);
        return pipeline;
      };
    },
  });
  return pipeline;
}

/** MGET across slots: one MGET on a single Redis, one GET per key (sent together) on a Cluster. */
export async function getMany(redis: RedisClient, keys: readonly string[]): Promise<(string | null)[]> {
  if (keys.length === 0) return [];
  if (!isCluster(redis)) return redis.mget(...keys);
  return Promise.all(keys.map((key) => redis.get(key)));
}

/** DEL across slots: one DEL on a single Redis, one per key on a Cluster. Returns how many existed. */
export async function deleteMany(redis: RedisClient, keys: readonly string[]): Promise<number> {
  if (keys.length === 0) return 0;
  if (!isCluster(redis)) return redis.del(...keys);
  return (await Promise.all(keys.map((key) => redis.del(key)))).reduce((sum, n) => sum + n, 0);
}

/**
 * Key names matching a pattern, in batches: a keyspace SCAN, on a Cluster over every master (each holds only its
 * own slots). For rare sweeps only, never a hot path.
 */
export async function* scanKeys(redis: RedisClient, match: string, count = 500): AsyncGenerator<string[]> {
  const nodes = isCluster(redis) ? redis.nodes('master') : [redis];
  for (const node of nodes) {
    for await (const batch of node.scanStream({ match, count })) {
      if ((batch as string[]).length > 0) yield batch as string[];
    }
  }
}
