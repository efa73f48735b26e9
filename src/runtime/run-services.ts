import type { Config } from '../config.js';
import { createLogger, type Logger } from '../logger.js';
import { resolveRedis } from './redis-connection.js';

export interface Closable {
  close(): Promise<void>;
}

/**
 * Service starters handed in by the entry point. The worker root lives in jobs/, which src/ never imports, so
 * bin/newsdigest.js passes it here.
 */
export interface ServiceRoots {
  startWorker?: (config: Config, logger: Logger, redisUrl: string) => Promise<Closable>;
  startBot?: (config: Config, logger: Logger, redisUrl: string) => Promise<Closable>;
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
  const running: { name: string; service: Closable }[] = [];
  try {
    if (mode !== 'bot') {
      if (!roots.startWorker) throw new Error('worker root not provided');
      running.push({ name: 'worker', service: await roots.startWorker(config, logger, redis.url) });
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
        running.push({ name: 'bot', service: await roots.startBot(config, logger, redis.url) });
      }
    }
  } catch (error) {
    await closeAll(running, logger);
    await redis.embedded?.stop();
    throw error;
  }

  const signal = await new Promise<NodeJS.Signals>((resolve) => {
    process.once('SIGTERM', () => resolve('SIGTERM'));
    process.once('SIGINT', () => resolve('SIGINT'));
  });
  logger.info({ signal }, 'shutting down');
  const timer = setTimeout(() => {
    logger.error('graceful shutdown took longer than 10 s; exiting');
    process.exit(1);
  }, SHUTDOWN_BUDGET_MS);
  timer.unref();
  // The bot stops taking updates first; workers then hand back active jobs; Redis goes last.
  await closeAll([...running].reverse(), logger);
  await redis.embedded?.stop();
  clearTimeout(timer);
  logger.info('stopped');
  return 0;
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
