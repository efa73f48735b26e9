import { createKeys } from '../adapters/redis/keys.js';
import type { Config } from '../config.js';
import { startHttpServer, type RunningHttpServer } from '../server/http-server.js';
import { createMetrics, type Metrics } from '../server/metrics.js';
import { createLogger, secretsOf, type Logger } from '../logger.js';
import { createQueueMonitor, type QueueMonitor } from './queue-monitor.js';
import { connectRedis, resolveRedis } from './redis-connection.js';
import { ServiceStatus } from './service-status.js';

export interface Closable {
  close(): Promise<void>;
  /** For services that finish starting in the background (the bot): settles once they run or gave up. */
  started?: Promise<void>;
}

/** Shared by the services of one process: one metrics registry, and the queue names from jobs/queues.ts. */
export interface ServiceExtras {
  metrics: Metrics;
  queueNames: readonly string[];
  /** Where services report their own state for /healthz. */
  status?: ServiceStatus;
  /** A service that failed for good after starting (e.g. the Bot API refused the token) stops the process. */
  fatal?: (error: Error) => void;
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
/**
 * How long each service may take to close; together well inside the 10 s budget, so a hung Bot API request in
 * one service never costs another its turn. The worker goes first and gets most: its active jobs must be handed
 * back (or finished) before anything else closes.
 */
const CLOSE_BUDGET_MS: Record<string, number> = { worker: 6_000, bot: 1_500, http: 1_000 };

type StopReason = 'SIGTERM' | 'SIGINT' | 'uncaughtException' | 'fatal';

/** Runs bot and/or worker until SIGTERM or SIGINT, then shuts down in order within 10 s. */
export async function runServices(
  mode: 'start' | 'bot' | 'worker',
  config: Config,
  roots: ServiceRoots,
): Promise<number> {
  const logger = createLogger({ level: config.LOG_LEVEL, secrets: secretsOf(config) });
  // Listening from the first moment: a signal during startup (Redis or the Bot API unreachable) must still
  // end the process within the budget, so the budget timer starts with the signal.
  let stop: (reason: StopReason) => void = () => undefined;
  const stopped = new Promise<StopReason>((resolve) => (stop = resolve));
  const onSignal = (signal: 'SIGTERM' | 'SIGINT') => {
    logger.info({ signal }, 'shutting down');
    const timer = setTimeout(() => {
      logger.error('graceful shutdown took longer than 10 s; exiting');
      process.exit(1);
    }, SHUTDOWN_BUDGET_MS);
    timer.unref();
    stop(signal);
  };
  process.once('SIGTERM', onSignal);
  process.once('SIGINT', onSignal);
  const onUncaught = (error: Error) => {
    logger.fatal({ err: error }, 'uncaught exception');
    stop('uncaughtException');
  };
  process.once('uncaughtException', onUncaught);
  // A stray rejection is logged, not fatal: every job and update has its own error handling, and one forgotten
  // promise must not take the bot down for everyone. An uncaught exception leaves state unknown, so it shuts
  // down gracefully instead; BullMQ hands interrupted jobs to another worker, so nothing is lost.
  const onRejection = (reason: unknown) => logger.error({ err: reason }, 'unhandled promise rejection');
  process.on('unhandledRejection', onRejection);
  const cleanup = () => {
    process.off('SIGTERM', onSignal);
    process.off('SIGINT', onSignal);
    process.off('uncaughtException', onUncaught);
    process.off('unhandledRejection', onRejection);
  };

  let resolved: Awaited<ReturnType<typeof resolveRedis>> | undefined;
  try {
    // Waiting for an unreachable Redis ends with the first signal, too.
    const resolving = resolveRedis(config, logger);
    resolving.catch(() => undefined);
    resolved = await Promise.race([resolving, stopped.then(() => undefined)]);
  } catch (error) {
    cleanup();
    throw error;
  }
  if (!resolved) {
    cleanup();
    logger.info('stopped');
    setTimeout(() => process.exit(0), 500).unref();
    return 0;
  }
  const redis = resolved;
  const extras: ServiceExtras = {
    metrics: createMetrics(),
    queueNames: roots.queueNames ?? [],
    status: new ServiceStatus(),
    fatal: (error) => {
      logger.fatal({ err: error }, 'service failed; stopping');
      stop('fatal');
    },
  };
  const running: { name: string; service: Closable }[] = [];
  const starting = async (): Promise<number | undefined> => {
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
          return 1;
        }
        logger.warn('BOT_TOKEN is not set: running the worker only (npm run demo shows the bot offline)');
      } else if (roots.startBot) {
        // Returns at once: the bot keeps trying the Bot API in the background and reports in /healthz.
        running.push({ name: 'bot', service: await roots.startBot(config, logger, redis.url, extras) });
      }
    }
    if (config.HTTP_PORT !== undefined) {
      running.push({ name: 'http', service: await startHttp(config, logger, redis.url, extras) });
    }
    return undefined;
  };
  let exitCode: number | undefined;
  try {
    // A signal during a startup step that hangs (Redis or the Bot API unreachable) ends the wait: what started
    // is closed, and the hung step is left behind with the process.
    const startup = starting();
    // Once a signal has won the race, a startup step failing behind it is no news.
    startup.catch(() => undefined);
    exitCode = await Promise.race([startup, stopped.then(() => undefined)]);
  } catch (error) {
    await closeInOrder(running, logger);
    await redis.embedded?.stop();
    cleanup();
    throw error;
  }

  const reason = exitCode === undefined ? await stopped : 'startup';
  if (reason === 'uncaughtException' || reason === 'fatal') {
    const timer = setTimeout(() => process.exit(1), SHUTDOWN_BUDGET_MS);
    timer.unref();
  }
  await closeInOrder(running, logger);
  await redis.embedded?.stop();
  cleanup();
  logger.info('stopped');
  const code = exitCode ?? (reason === 'uncaughtException' || reason === 'fatal' ? 1 : 0);
  // Anything still open now (a socket stuck on a hung server) must not keep the process past its budget.
  setTimeout(() => process.exit(code), 500).unref();
  return code;
}

async function startHttp(
  config: Config,
  logger: Logger,
  redisUrl: string,
  extras: ServiceExtras,
): Promise<Closable> {
  const redis = connectRedis(redisUrl, 'newsdigest-http', logger);
  const keys = createKeys(config.REDIS_PREFIX);
  let queues: QueueMonitor | undefined;
  let server: RunningHttpServer | undefined;
  try {
    queues = createQueueMonitor(redis, keys.bullPrefix, extras.queueNames);
    server = await startHttpServer({
      port: config.HTTP_PORT ?? 0,
      host: config.HTTP_HOST,
      redis,
      keys,
      metrics: extras.metrics,
      queues,
      logger: logger.child({ component: 'http' }),
      ...(extras.status ? { status: () => extras.status!.snapshot() } : {}),
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

/** Worker first (it hands back active jobs), then bot, then HTTP; each within its own slice of the budget. */
async function closeInOrder(services: { name: string; service: Closable }[], logger: Logger): Promise<void> {
  const order = ['worker', 'bot', 'http'];
  const sorted = [...services].sort((a, b) => order.indexOf(a.name) - order.indexOf(b.name));
  for (const { name, service } of sorted) {
    const budget = CLOSE_BUDGET_MS[name] ?? 1_000;
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<'late'>((resolve) => (timer = setTimeout(() => resolve('late'), budget)));
    try {
      const outcome = await Promise.race([service.close().then(() => 'closed' as const), late]);
      if (outcome === 'late') {
        logger.warn({ service: name, budgetMs: budget }, 'service did not close in time; moving on');
      } else {
        logger.info({ service: name }, 'closed');
      }
    } catch (error) {
      logger.error({ err: error, service: name }, 'error while closing');
    } finally {
      clearTimeout(timer);
    }
  }
}
