import { loadFeedsFile } from '../src/adapters/feeds-file-loader.js';
import { DeliveryStats, type DeliveryOutcome } from '../src/adapters/redis/delivery-stats.js';
import { FeedStore } from '../src/adapters/redis/feed-store.js';
import { budgetedSender } from '../src/adapters/telegram/budgeted-sender.js';
import { createTelegramSender } from '../src/adapters/telegram/sender.js';
import { createChatStore } from '../src/adapters/redis/chat-store.js';
import { createKeys } from '../src/adapters/redis/keys.js';
import { TopicOverridesStore } from '../src/adapters/redis/topic-overrides-store.js';
import type { Config } from '../src/config.js';
import { settingsFrom } from '../src/settings.js';
import type { Logger } from '../src/logger.js';
import type { Metrics } from '../src/server/metrics.js';
import { startLiveTopics } from '../src/services/live-topics.js';
import type { ServiceExtras } from '../src/runtime/run-services.js';
import { connectRedis } from '../src/runtime/redis-connection.js';
import { buildTopics } from '../src/services/build-topics.js';
import { buildWorker, type RunningWorker } from './worker-factory.js';
import { startWorkerOps } from './worker-ops.js';

export interface WorkerRoot {
  worker: RunningWorker;
  close(): Promise<void>;
}

import { startPrivacySweep } from './privacy-sweep.js';
import { noFeedsWarning } from '../src/services/no-feeds-warning.js';

/**
 * The worker composition root (the only one): from validated config, through Settings, to the worker factory.
 * Seeds feeds from the feeds file, then polls, ingests, builds and delivers digests. Any number of these can run
 * against one Redis.
 */
export async function startWorkerRoot(
  config: Config,
  logger: Logger,
  redisUrl: string,
  extras?: ServiceExtras,
): Promise<WorkerRoot> {
  const settings = settingsFrom(config);
  const feedsFile = await loadFeedsFile(settings.feedsFile);
  // Hundreds of concurrent deliveries share the stores' connection: one write per event-loop turn, not per command.
  const redis = connectRedis(redisUrl, 'newsdigest-worker-store', logger, { autoPipelining: true });
  const connection = connectRedis(redisUrl, 'newsdigest-worker-queue', logger);
  const keys = createKeys(settings.redisPrefix);
  const feeds = new FeedStore(redis, keys);
  // Feeds an operator removed stay removed even though the file still lists them.
  const removed = await feeds.removedIds();
  const sync = await feeds.syncFromFile(
    feedsFile.feeds.filter((feed) => !removed.has(feed.id)),
    Date.now(),
  );
  logger.info({ file: settings.feedsFile, ...countOf(sync) }, 'feeds file applied');
  const feedCount = (await feeds.list()).length;
  if (feedCount === 0)
    logger.warn({ file: settings.feedsFile }, noFeedsWarning(settings.operatorIds.length > 0));
  const { topics } = buildTopics(feedsFile.topics);
  // Operators' /topic_keywords overrides are re-read every 30 s, so tuning needs no deploy.
  const liveTopics = await startLiveTopics({
    fileOverrides: feedsFile.topics,
    store: new TopicOverridesStore(redis, keys),
    logger,
  });
  const deliveryStats = new DeliveryStats(redis, keys);
  // One sender for digests and operator alerts: the same outcomes, read by the one classifier.
  const { token, apiRoot, sendTimeoutMs } = settings.telegram;
  const sender = token ? createTelegramSender(token, apiRoot, { timeoutMs: sendTimeoutMs }) : undefined;
  const built = await buildWorker({
    connection,
    redis,
    redisPrefix: settings.redisPrefix,
    settings: settings.worker,
    classify: liveTopics.classify,
    logger,
    // Digests need a token to send; without one the worker only ingests.
    ...(sender
      ? {
          delivery: {
            chats: createChatStore(redis, keys),
            topics: () => topics,
            sender,
            onQueueFailure: (chats: number) => extras?.metrics.digestQueueFailures.inc(chats),
            onDeadLetter: (queue: string) => extras?.metrics.deadLetters.inc({ queue }),
            onOutcome: async (outcome: DeliveryOutcome) => {
              recordOutcomeMetric(extras?.metrics, outcome);
              await deliveryStats.record(outcome, Date.now());
            },
          },
        }
      : {}),
  });
  const ops = await startWorkerOps({
    operatorIds: settings.operatorIds,
    redis,
    keys,
    feeds,
    worker: built.worker,
    // Alerts draw from the token's one budget like replies and digests do.
    ...(sender
      ? {
          sender: built.worker.delivery ? budgetedSender(sender, built.worker.delivery.budget) : sender,
        }
      : {}),
    ...(extras ? { metrics: extras.metrics } : {}),
    logger,
  });
  const privacy = startPrivacySweep({
    redis,
    keys,
    retentionMs: config.FORGET_INACTIVE_DAYS * 86_400_000,
    logger,
  });
  return {
    worker: built.worker,
    async close() {
      privacy.stop();
      liveTopics.stop();
      await ops.stop();
      await built.close();
      await Promise.all([redis.quit(), connection.quit()]);
    },
  };
}

function countOf(sync: { added: string[]; updated: string[]; removed: string[] }) {
  return { added: sync.added.length, updated: sync.updated.length, removed: sync.removed.length };
}

/** Process-local Prometheus counters for one delivery outcome (the Redis counters serve /stats across processes). */
function recordOutcomeMetric(metrics: Metrics | undefined, outcome: DeliveryOutcome): void {
  if (!metrics) return;
  if (outcome === 'sent' || outcome === 'plain') metrics.messagesSent.inc();
  else metrics.messagesFailed.inc({ reason: outcome });
  if (outcome === 'rate-limited') metrics.telegram429.inc();
}
