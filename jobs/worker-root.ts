import { createFeedFetcher } from '../src/adapters/http/feed-fetcher.js';
import { loadFeedsFile } from '../src/adapters/feeds-file-loader.js';
import { DeliveryStats, type DeliveryOutcome } from '../src/adapters/redis/delivery-stats.js';
import { FeedStore } from '../src/adapters/redis/feed-store.js';
import { createChatStore } from '../src/adapters/redis/chat-store.js';
import { createKeys } from '../src/adapters/redis/keys.js';
import { TopicOverridesStore } from '../src/adapters/redis/topic-overrides-store.js';
import { SeenStore } from '../src/adapters/redis/seen-store.js';
import { StoryStore } from '../src/adapters/redis/story-store.js';
import { CLUSTER_WINDOW_MS } from '../src/core/cluster/similarity.js';
import type { Config } from '../src/config.js';
import type { Logger } from '../src/logger.js';
import type { Metrics } from '../src/server/metrics.js';
import { removedFeedsKey } from '../src/services/feed-admin.js';
import { startLiveTopics } from '../src/services/live-topics.js';
import type { ServiceExtras } from '../src/runtime/run-services.js';
import { connectRedis } from '../src/runtime/redis-connection.js';
import { buildTopics } from '../src/services/build-topics.js';
import { startWorker, type RunningWorker } from './worker.js';
import { startWorkerOps } from './worker-ops.js';

export interface WorkerRoot {
  worker: RunningWorker;
  close(): Promise<void>;
}

/**
 * The worker composition root: from validated config to running queues. Seeds feeds from the feeds file, then
 * polls, ingests and stores. Any number of these can run against one Redis.
 */
import { startPrivacySweep } from './privacy-sweep.js';
import { breakingDefaults } from '../src/services/breaking-defaults.js';
import { noFeedsWarning } from '../src/services/no-feeds-warning.js';

export async function startWorkerRoot(
  config: Config,
  logger: Logger,
  redisUrl: string,
  extras?: ServiceExtras,
): Promise<WorkerRoot> {
  const feedsFile = await loadFeedsFile(config.FEEDS_FILE);
  const redis = connectRedis(redisUrl, 'newsdigest-worker-store');
  const connection = connectRedis(redisUrl, 'newsdigest-worker-queue');
  const keys = createKeys(config.REDIS_PREFIX);
  const retentionMs = config.RETENTION_DAYS * 86_400_000;
  const feeds = new FeedStore(redis, keys);
  // Feeds an operator removed stay removed even though the file still lists them.
  const removed = new Set(await redis.smembers(removedFeedsKey(keys)));
  const sync = await feeds.syncFromFile(
    feedsFile.feeds.filter((feed) => !removed.has(feed.id)),
    Date.now(),
  );
  logger.info({ file: config.FEEDS_FILE, ...countOf(sync) }, 'feeds file applied');
  const feedCount = (await feeds.list()).length;
  if (feedCount === 0)
    logger.warn({ file: config.FEEDS_FILE }, noFeedsWarning(config.OPERATOR_IDS.length > 0));
  const { topics } = buildTopics(feedsFile.topics);
  // Operators' /topic_keywords overrides are re-read every 30 s, so tuning needs no deploy.
  const liveTopics = await startLiveTopics({
    fileOverrides: feedsFile.topics,
    store: new TopicOverridesStore(redis, keys),
    logger,
  });
  const fetcher = createFeedFetcher({ allowPrivate: config.ALLOW_PRIVATE_FEEDS });
  const deliveryStats = new DeliveryStats(redis, config.REDIS_PREFIX);
  const worker = await startWorker({
    connection,
    redis,
    keys,
    feeds,
    seen: new SeenStore(redis, keys, retentionMs),
    stories: new StoryStore(redis, keys, { retentionMs, clusterWindowMs: CLUSTER_WINDOW_MS }),
    fetcher,
    classify: liveTopics.classify,
    logger,
    concurrency: config.WORKER_CONCURRENCY,
    retentionMs,
    // Digests need a token to send; without one the worker only ingests.
    ...(config.BOT_TOKEN
      ? {
          delivery: {
            chats: createChatStore(redis, config.REDIS_PREFIX),
            topics: () => topics,
            token: config.BOT_TOKEN,
            apiRoot: config.TELEGRAM_API_ROOT,
            ratePerSecond: config.DELIVERY_RATE,
            paidBroadcast: config.PAID_BROADCAST,
            concurrency: config.DELIVER_CONCURRENCY,
            limits: { perTopic: config.DIGEST_MAX_PER_TOPIC, total: config.DIGEST_MAX_ITEMS },
            breakingDefaults: breakingDefaults(config),
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
    config,
    redis,
    keys,
    feeds,
    worker,
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
    worker,
    async close() {
      privacy.stop();
      liveTopics.stop();
      await ops.stop();
      await worker.close();
      await fetcher.close();
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
