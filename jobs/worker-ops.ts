import type { RedisClient } from '../src/adapters/redis/redis-client.js';
import type { FeedStore } from '../src/adapters/redis/feed-store.js';
import type { Keys } from '../src/adapters/redis/keys.js';
import type { TelegramSender } from '../src/adapters/telegram/sender.js';
import type { Metrics } from '../src/server/metrics.js';
import type { Logger } from '../src/logger.js';
import {
  startAlertNotifier,
  type AlertNotifier,
  type AlertTranslate,
} from '../src/services/alert-notifier.js';
import { createSilenceWatch } from '../src/services/silence-watch.js';
import { startWorkerHeartbeat } from '../src/services/worker-heartbeat.js';
import { SilenceStore } from '../src/adapters/redis/silence-store.js';
import { WorkerHealthStore } from '../src/adapters/redis/worker-health-store.js';
import { AlertInbox } from '../src/adapters/redis/alert-inbox.js';
import { createChatStore } from '../src/adapters/redis/chat-store.js';
import { OperatorLocaleStore } from '../src/adapters/redis/operator-locale-store.js';
import { createOperatorLocaleLookup } from '../src/services/operator-locale-lookup.js';
import type { PollResult } from './processors/poll-feed.js';
import type { RunningWorker } from './worker-factory.js';

export interface WorkerOpsDeps {
  operatorIds: readonly number[];
  /** The deliveries' sender; without one (no token) alerts stay in the stream. */
  sender?: TelegramSender;
  redis: RedisClient;
  keys: Keys;
  feeds: FeedStore;
  worker: RunningWorker;
  metrics?: Metrics;
  logger: Logger;
  now?: () => number;
}

/** How often feeds are checked for a silent spell; an incident lasts hours, so minutes are precise enough. */
const SILENCE_CHECK_MS = 5 * 60_000;

export interface WorkerOps {
  notifier?: AlertNotifier;
  stop(): Promise<void>;
}

/**
 * Operations around the worker: heartbeat and last-poll time for /healthz, poll metrics, the silent-feed watch,
 * and delivery of feed-health alerts to operators (when a token and OPERATOR_IDS are configured).
 */
export async function startWorkerOps(deps: WorkerOpsDeps): Promise<WorkerOps> {
  const now = deps.now ?? Date.now;
  const logger = deps.logger.child({ component: 'worker-ops' });
  const health = new WorkerHealthStore(deps.redis, deps.keys);
  const heartbeat = startWorkerHeartbeat(health, now);
  await heartbeat.beat();
  const silence = createSilenceWatch(new SilenceStore(deps.redis, deps.keys), deps.feeds);

  deps.worker.workers.poll.on('completed', (job, result: PollResult) => {
    deps.metrics?.feedPolls.inc({ outcome: result.outcome });
    if (result.outcome === 'failed')
      deps.metrics?.feedFailures.inc({ reason: result.code, feed: job.data.feedId });
    if (result.outcome !== 'fetched' && result.outcome !== 'not-modified') return;
    const at = now();
    const writes: Promise<unknown>[] = [health.notePollOk(at)];
    if (result.outcome === 'fetched' && result.queued > 0)
      writes.push(silence.noteNewItems(job.data.feedId, at));
    Promise.all(writes).catch((error: unknown) => logger.warn({ err: error }, 'poll bookkeeping failed'));
  });

  const silenceTimer = setInterval(() => {
    silence
      .check(now())
      .then((ids) => ids.length > 0 && logger.warn({ feeds: ids }, 'feeds silent for 24 h'))
      .catch((error: unknown) => logger.warn({ err: error }, 'silence check failed'));
  }, SILENCE_CHECK_MS);
  silenceTimer.unref();

  let notifier: AlertNotifier | undefined;
  const { sender } = deps;
  if (sender && deps.operatorIds.length > 0) {
    // Alerts use the bot's own .ftl files, so an operator reads them in the language of their command replies.
    // Loaded at the first alert: most workers never send one, and Fluent with the translations is a few MB.
    let translations: Promise<AlertTranslate> | undefined;
    notifier = startAlertNotifier({
      translations: () =>
        (translations ??= import('../src/bot/i18n.js').then(({ createI18n }) => {
          const i18n = createI18n();
          return (locale, key, variables) => i18n.t(locale, key, variables);
        })),
      localeOf: createOperatorLocaleLookup({
        remembered: new OperatorLocaleStore(deps.redis, deps.keys),
        chats: createChatStore(deps.redis, deps.keys),
      }),
      inbox: new AlertInbox(deps.redis, deps.keys),
      operatorIds: deps.operatorIds,
      send: (chatId, html) => sender.send({ chatId, text: html, html: true }),
      logger,
      now,
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
