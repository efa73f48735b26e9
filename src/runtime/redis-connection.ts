import { join } from 'node:path';
import { Cluster, Redis, ReplyError, type ClusterOptions } from 'ioredis';
import type { RedisClient } from '../adapters/redis/redis-client.js';
import { parseClusterUrl, type ClusterUrl } from '../lib/redis-cluster-url.js';
import { redactUrlCredentials } from '../core/text/redact-url-credentials.js';
import { RedisUnavailableError } from '../errors/redis-unavailable-error.js';
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
  if (config.REDIS_URL) {
    await probeRedis(config.REDIS_URL, logger);
    return { url: config.REDIS_URL };
  }
  const dataDir = join(config.DATA_DIR, 'redis');
  const embedded = await startEmbeddedRedis({ dataDir });
  if (embedded.staleStopped !== undefined) {
    logger.warn(
      { pid: embedded.staleStopped, dataDir },
      'stopped a redis-server left running by a newsdigest process that was killed',
    );
  }
  logger.info({ url: embedded.url, dataDir }, 'REDIS_URL not set: started an embedded redis-server');
  return { url: embedded.url, embedded };
}

/**
/**
 * A connection for stores and for BullMQ: one Redis, or an ioredis Cluster when REDIS_URL is `redis+cluster://`.
 * `maxRetriesPerRequest: null` is what BullMQ workers require (on a Cluster it goes in `redisOptions`, which each
 * node's connection takes), and it makes commands wait through a Redis restart instead of failing.
 * `autoPipelining` sends the commands issued in one turn of the event loop as one write: for a connection many
 * concurrent jobs share and that never blocks (BullMQ's own connections do block).
 */
export function connectRedis(
  url: string,
  name: string,
  logger?: Logger,
  options: { autoPipelining?: boolean } = {},
): RedisClient {
  const cluster = parseClusterUrl(url);
  const enableAutoPipelining = options.autoPipelining ?? false;
  const redis: RedisClient = cluster
    ? new Cluster(
        cluster.nodes,
        clusterOptions(
          cluster,
          { maxRetriesPerRequest: null, connectionName: name },
          { enableAutoPipelining },
        ),
      )
    : new Redis(url, {
        maxRetriesPerRequest: null,
        connectionName: name,
        enableReadyCheck: true,
        enableAutoPipelining,
      });
  if (logger) {
    // Without a listener ioredis prints each reconnect failure to stderr itself, past the redacting logger.
    // One line per connection every 10 s is enough to say Redis is gone; the reconnects go on regardless.
    let lastLogged = 0;
    redis.on('error', (error: unknown) => {
      if (Date.now() - lastLogged < REDIS_ERROR_LOG_EVERY_MS) return;
      lastLogged = Date.now();
      logger.warn({ err: error, connection: name }, 'Redis connection error; reconnecting');
    });
  }
  return redis;
}

const REDIS_ERROR_LOG_EVERY_MS = 10_000;

/** Cluster options from the URL: every node takes the same credentials (and TLS for `rediss+cluster://`). */
function clusterOptions(
  cluster: ClusterUrl,
  redisOptions: NonNullable<ClusterOptions['redisOptions']>,
  options: Omit<ClusterOptions, 'redisOptions'> = {},
): ClusterOptions {
  return {
    enableReadyCheck: true,
    ...options,
    redisOptions: {
      ...redisOptions,
      ...(cluster.username === undefined ? {} : { username: cluster.username }),
      ...(cluster.password === undefined ? {} : { password: cluster.password }),
      ...(cluster.tls ? { tls: {} } : {}),
    },
  };
}

/** A one-shot connection that fails instead of retrying, for the probe. */
function probeConnection(url: string): RedisClient {
  const cluster = parseClusterUrl(url);
  if (cluster) {
    return new Cluster(
      cluster.nodes,
      clusterOptions(
        cluster,
        { maxRetriesPerRequest: 0, connectTimeout: 5_000 },
        { lazyConnect: true, clusterRetryStrategy: () => null, enableOfflineQueue: false },
      ),
    );
  }
  return new Redis(url, {
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
    connectTimeout: 5_000,
    enableOfflineQueue: false,
  });
}

/** A cluster that answers but has not got every slot covered yet (still forming) is not ready: wait for it. */
async function assertClusterReady(probe: RedisClient): Promise<void> {
  if (!probe.isCluster) return;
  const info = String(await probe.cluster('INFO'));
  if (!/cluster_state:ok/.test(info)) throw new Error('cluster_state is not ok yet');
}

// ioredis re-exports redis-errors' class untyped.
const RedisReplyError = ReplyError as new (...args: never[]) => Error;

/**
 * One PING (and on a Cluster, CLUSTER INFO saying every slot is served) before anything else uses REDIS_URL. A refusal (wrong password, no permission) ends the start with a
 * clear message: every later command would wait on it forever (maxRetriesPerRequest: null). An unreachable
 * server is logged and tried again with backoff, so a Redis that comes up a little later is simply waited for.
 */
export async function probeRedis(url: string, logger: Logger, firstDelayMs = 500): Promise<void> {
  const where = redactUrlCredentials(url);
  let delay = firstDelayMs;
  for (let attempt = 1; ; attempt += 1) {
    const probe = probeConnection(url);
    // A refused AUTH arrives as an 'error' event (a Cluster's as 'node error'); connect() then only says the
    // connection closed.
    let refusal: Error | undefined;
    const noteRefusal = (error: unknown) => {
      if (error instanceof RedisReplyError) refusal = error;
    };
    probe.on('error', noteRefusal);
    probe.on('node error', noteRefusal);
    try {
      await probe.connect();
      await probe.ping();
      await assertClusterReady(probe);
      return;
    } catch (error) {
      const reply = error instanceof RedisReplyError ? error : refusal;
      if (reply) throw new RedisUnavailableError(`REDIS_URL ${where} refused us: ${reply.message}`);
      logger.warn(
        { err: error, redis: where, attempt, retryInMs: delay },
        'Redis not reachable yet; retrying',
      );
      await new Promise((resolve) => setTimeout(resolve, delay));
      delay = Math.min(delay * 2, 30_000);
    } finally {
      probe.disconnect();
    }
  }
}
