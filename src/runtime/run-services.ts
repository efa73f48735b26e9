import { createKeys } from '../adapters/redis/keys.js';
import type { Config } from '../config.js';
import { startHttpServer, type RunningHttpServer } from '../server/http-server.js';
import { createMetrics, type Metrics } from '../server/metrics.js';
import { createLogger, type Logger } from '../logger.js';
import { createQueueMonitor, type QueueMonitor } from './queue-monitor.js';
import { connectRedis, resolveRedis } from './redis-connection.js';

export interface Closable {
  close(): Promise<void>;
}

/** Shared by the services of one process: one metrics registry, and the queue names from jobs/queues.ts. */
export interface ServiceExtras {
  metrics: Metrics;
  queueNames: readonly string[];
}

/**
 * Service starters handed in by the entry point. The worker root lives in jobs/, which src/ never imports, so
 * bin/newsdigest.ts passes it here.
 */
export interface ServiceRoots {
  startWorker?: (
    config: Config,
    logger: Logger,
    redisUrl: string,
    extras: ServiceExtras,
  ) => Promise<Closable>;
  startBot?: (config: Config, logger: Logger, redisUrl: string, extras: ServiceExtras) => Promise<Closable>;
  /** Every queue name, for /metrics, /stats and the dashboard. */
  queueNames?: readonly string[];
}

const SHUTDOWN_BUDGET_MS = 10_000;

/** Runs bot and/or worker until SIGTERM or SIGINT, then shuts down in order within 10 s. */
export async function runServices(
  mode: 'start' | 'bot' | 'worker',
  config: Config,
  roots: ServiceRoots,
): Promise<number> {
  const logger = createLogger({ level: config.LOG_LEVEL, secrets: [config.BOT_TOKEN] });
  const redis = await resolveRedis(config, logger);
  const extras: ServiceExtras = { metrics: createMetrics(), queueNames: roots.queueNames ?? [] };
  const running: { name: string; service: Closable }[] = [];
  try {
    if (mode !== 'bot') {
      if (!roots.startWorker) throw new Error('worker root not provided');
      running.push({ name: 'worker', service: await roots.startWorker(config, logger, redis.url, extras) });
    }
    if (mode !== 'worker') {
      if (!config.BOT_TOKEN) {
        if (mode === 'bot') {
          logger.error(
            'BOT_TOKEN is not set: get one from @BotFather, or try the offline demo: npm run demo',
          );
          await redis.embedded?.stop();
          return 1;
        }
        logger.warn('BOT_TOKEN is not set: running the worker only (npm run demo shows the bot offline)');
      } else if (roots.startBot) {
        running.push({ name: 'bot', service: await roots.startBot(config, logger, redis.url, extras) });
      }
    }
    // Started last and closed first: a health check never reports a half-started or half-stopped process.
    if (config.HTTP_PORT !== undefined) {
      running.push({ name: 'http', service: await startHttp(config, logger, redis.url, extras) });
    }
  } catch (error) {
    await closeAll(running, logger);
    await redis.embedded?.stop();
    throw error;
  }

  // A stray rejection is logged, not fatal: every job and update has its own error handling, and one forgotten
  // promise must not take the bot down for everyone. An uncaught exception leaves state unknown, so it shuts
  // down gracefully instead; BullMQ hands interrupted jobs to another worker, so nothing is lost.
  const onRejection = (reason: unknown) => logger.error({ err: reason }, 'unhandled promise rejection');
  process.on('unhandledRejection', onRejection);
  const reason = await new Promise<string>((resolve) => {
    process.once('SIGTERM', () => resolve('SIGTERM'));
    process.once('SIGINT', () => resolve('SIGINT'));
    process.once('uncaughtException', (error) => {
      logger.fatal({ err: error }, 'uncaught exception');
      resolve('uncaughtException');
    });
  });
  logger.info({ reason }, 'shutting down');
  const timer = setTimeout(() => {
    logger.error('graceful shutdown took longer than 10 s; exiting');
    process.exit(1);
  }, SHUTDOWN_BUDGET_MS);
  timer.unref();
  // HTTP closes first, then the bot stops taking updates; workers then hand back active jobs; Redis goes last.
  await closeAll([...running].reverse(), logger);
  await redis.embedded?.stop();
  clearTimeout(timer);
  process.off('unhandledRejection', onRejection);
  logger.info('stopped');
  return reason === 'uncaughtException' ? 1 : 0;
}

async function startHttp(
  config: Config,
  logger: Logger,
  redisUrl: string,
  extras: ServiceExtras,
): Promise<Closable> {
  const redis = connectRedis(redisUrl, 'newsdigest-http');
  const keys = createKeys(config.REDIS_PREFIX);
  let queues: QueueMonitor | undefined;
  let server: RunningHttpServer | undefined;
  try {
    queues = createQueueMonitor(redis, keys.bullPrefix(), extras.queueNames);
    server = await startHttpServer({
      port: config.HTTP_PORT ?? 0,
      redis,
      keys,
      metrics: extras.metrics,
      queues,
      logger: logger.child({ component: 'http' }),
      ...(config.ADMIN_USER && config.ADMIN_PASSWORD
        ? {
            admin: {
              user: config.ADMIN_USER,
              password: config.ADMIN_PASSWORD,
              write: config.ADMIN_QUEUES_WRITE,
            },
          }
        : {}),
    });
  } catch (error) {
    await queues?.close();
    redis.disconnect();
    throw error;
  }
  const started = { server, queues };
  return {
    async close() {
      await started.server.close();
      await started.queues.close();
      await redis.quit();
    },
  };
}

async function closeAll(services: { name: string; service: Closable }[], logger: Logger): Promise<void> {
  for (const { name, service } of services) {
    try {
      await service.close();
    } catch (error) {
      logger.error({ err: error, service: name }, 'error while closing');
    }
  }
}
