import { GrammyError, Api } from 'grammy';
import type { Redis } from 'ioredis';
import type { FeedStore } from '../src/adapters/redis/feed-store.js';
import type { Keys } from '../src/adapters/redis/keys.js';
import type { Config } from '../src/config.js';
import type { Metrics } from '../src/server/metrics.js';
import type { Logger } from '../src/logger.js';
import { startAlertNotifier, type AlertNotifier } from '../src/services/alert-notifier.js';
import { createSilenceWatch } from '../src/services/silence-watch.js';
import { notePollOk, startWorkerHeartbeat } from '../src/services/worker-heartbeat.js';
import type { PollResult } from './processors/poll-feed.js';
import type { RunningWorker } from './worker.js';

export interface WorkerOpsDeps {
  config: Pick<Config, 'BOT_TOKEN' | 'TELEGRAM_API_ROOT' | 'OPERATOR_IDS'>;
  redis: Redis;
  keys: Keys;
  feeds: FeedStore;
  worker: RunningWorker;
  metrics?: Metrics;
  logger: Logger;
  now?: () => number;
  silenceCheckMs?: number;
  alertEveryMs?: number;
}

export interface WorkerOps {
  notifier?: AlertNotifier;
  stop(): Promise<void>;
}

/** 403 (blocked, kicked) and 400 chat not found do not heal by retrying. */
const isPermanentSendError = (error: unknown): boolean =>
  error instanceof GrammyError &&
  (error.error_code === 403 || (error.error_code === 400 && /chat not found/i.test(error.description)));

/**
 * Operations around the worker: heartbeat and last-poll time for /healthz, poll metrics, the silent-feed watch,
 * and delivery of feed-health alerts to operators (when a token and OPERATOR_IDS are configured).
 */
export async function startWorkerOps(deps: WorkerOpsDeps): Promise<WorkerOps> {
  const now = deps.now ?? Date.now;
  const logger = deps.logger.child({ component: 'worker-ops' });
  const heartbeat = startWorkerHeartbeat(deps.redis, deps.keys, now);
  await heartbeat.beat();
  const silence = createSilenceWatch(deps.redis, deps.keys, deps.feeds);

  deps.worker.workers.poll.on('completed', (job, result: PollResult) => {
    deps.metrics?.feedPolls.inc({ outcome: result.outcome });
    if (result.outcome === 'failed') deps.metrics?.feedFailures.inc({ reason: result.code, feed: job.data.feedId });
    if (result.outcome !== 'fetched' && result.outcome !== 'not-modified') return;
    const at = now();
    const writes: Promise<void>[] = [notePollOk(deps.redis, deps.keys, at)];
    if (result.outcome === 'fetched' && result.queued > 0)
      writes.push(silence.noteNewItems(job.data.feedId, at));
    Promise.all(writes).catch((error: unknown) => logger.warn({ err: error }, 'poll bookkeeping failed'));
  });

  const silenceTimer = setInterval(
    () => {
      silence
        .check(now())
        .then((ids) => ids.length > 0 && logger.warn({ feeds: ids }, 'feeds silent for 24 h'))
        .catch((error: unknown) => logger.warn({ err: error }, 'silence check failed'));
    },
    deps.silenceCheckMs ?? 5 * 60_000,
  );
  silenceTimer.unref();

  let notifier: AlertNotifier | undefined;
  const { BOT_TOKEN, OPERATOR_IDS, TELEGRAM_API_ROOT } = deps.config;
  if (BOT_TOKEN && OPERATOR_IDS.length > 0) {
    const api = new Api(BOT_TOKEN, { apiRoot: TELEGRAM_API_ROOT });
    notifier = startAlertNotifier({
      redis: deps.redis,
      keys: deps.keys,
      operatorIds: OPERATOR_IDS,
      send: async (operatorId, html) => {
        await api.sendMessage(operatorId, html, {
          parse_mode: 'HTML',
          link_preview_options: { is_disabled: true },
        });
      },
      isPermanent: isPermanentSendError,
      logger,
      now,
      ...(deps.alertEveryMs !== undefined ? { everyMs: deps.alertEveryMs } : {}),
    });
  }

  return {
    ...(notifier ? { notifier } : {}),
    async stop() {
      clearInterval(silenceTimer);
      await notifier?.stop();
      await heartbeat.stop();
    },
  };
}
