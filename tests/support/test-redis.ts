import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { inject } from 'vitest';
import { createKeys, type Keys } from '../../src/adapters/redis/keys.js';

export interface TestRedis {
  url: string;
  /** A prefix no other test uses; every key a test writes starts with it. */
  prefix: string;
  /** The key registry under that prefix. */
  keys: Keys;
  client: Redis;
  /** Deletes this test's keys and closes the client. */
  cleanup(): Promise<void>;
}

/** A connection to the run's private Redis, with a unique prefix so parallel test files never collide. */
export async function createTestRedis(): Promise<TestRedis> {
  const url = inject('redisUrl');
  const prefix = `t${randomBytes(5).toString('hex')}`;
  const client = new Redis(url, { maxRetriesPerRequest: null, lazyConnect: false });
  return {
    url,
    prefix,
    keys: createKeys(prefix),
    client,
    async cleanup() {
      let cursor = '0';
      do {
        const [next, keys] = await client.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500);
        cursor = next;
        if (keys.length > 0) await client.del(...keys);
      } while (cursor !== '0');
      await client.quit();
    },
  };
}
