import { join } from 'node:path';
import { Redis } from 'ioredis';
import { startEmbeddedRedis, type EmbeddedRedis } from './embedded-redis.js';
import type { Config } from '../config.js';
import type { Logger } from '../logger.js';

export interface RedisTarget {
  url: string;
  /** Set when we started redis-server ourselves; stopped on shutdown. */
  embedded?: EmbeddedRedis;
}

/** REDIS_URL when set; otherwise an embedded redis-server with AOF persistence under DATA_DIR/redis. */
export async function resolveRedis(config: Config, logger: Logger): Promise<RedisTarget> {
  if (config.REDIS_URL) return { url: config.REDIS_URL };
  const dataDir = join(config.DATA_DIR, 'redis');
  const embedded = await startEmbeddedRedis({ dataDir });
  logger.info({ url: embedded.url, dataDir }, 'REDIS_URL not set: started an embedded redis-server');
  return { url: embedded.url, embedded };
}

/**
 * A connection for stores and for BullMQ. `maxRetriesPerRequest: null` is what BullMQ workers require, and it
 * makes commands wait through a Redis restart instead of failing.
 */
export function connectRedis(url: string, name: string): Redis {
  return new Redis(url, { maxRetriesPerRequest: null, connectionName: name, enableReadyCheck: true });
}
