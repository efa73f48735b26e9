import { createFeedFetcher } from '../src/adapters/http/feed-fetcher.js';
import { loadFeedsFile } from '../src/adapters/feeds-file-loader.js';
import { FeedStore } from '../src/adapters/redis/feed-store.js';
import { createKeys } from '../src/adapters/redis/keys.js';
import { SeenStore } from '../src/adapters/redis/seen-store.js';
import { StoryStore } from '../src/adapters/redis/story-store.js';
import { CLUSTER_WINDOW_MS } from '../src/core/cluster/similarity.js';
import type { Config } from '../src/config.js';
import type { Logger } from '../src/logger.js';
import { connectRedis } from '../src/runtime/redis-connection.js';
import { buildTopics } from '../src/runtime/topics-runtime.js';
import { startWorker, type RunningWorker } from './worker.js';

export interface WorkerRoot {
  worker: RunningWorker;
  close(): Promise<void>;
}

/**
 * The worker composition root: from validated config to running queues. Seeds feeds from the feeds file, then
 * polls, ingests and stores. Any number of these can run against one Redis.
 */
export async function startWorkerRoot(config: Config, logger: Logger, redisUrl: string): Promise<WorkerRoot> {
  const feedsFile = await loadFeedsFile(config.FEEDS_FILE);
  const redis = connectRedis(redisUrl, 'newsdigest-worker-store');
  const connection = connectRedis(redisUrl, 'newsdigest-worker-queue');
  const keys = createKeys(config.REDIS_PREFIX);
  const retentionMs = config.RETENTION_DAYS * 86_400_000;
  const feeds = new FeedStore(redis, keys);
  const sync = await feeds.syncFromFile(feedsFile.feeds, Date.now());
  logger.info({ file: config.FEEDS_FILE, ...countOf(sync) }, 'feeds file applied');
  const { classify } = buildTopics(feedsFile.topics);
  const fetcher = createFeedFetcher({ allowPrivate: config.ALLOW_PRIVATE_FEEDS });
  const worker = await startWorker({
    connection,
    redis,
    keys,
    feeds,
    seen: new SeenStore(redis, keys, retentionMs),
    stories: new StoryStore(redis, keys, { retentionMs, clusterWindowMs: CLUSTER_WINDOW_MS }),
    fetcher,
    classify,
    logger,
    concurrency: config.WORKER_CONCURRENCY,
  });
  return {
    worker,
    async close() {
      await worker.close();
      await fetcher.close();
      await Promise.all([redis.quit(), connection.quit()]);
    },
  };
}

function countOf(sync: { added: string[]; updated: string[]; removed: string[] }) {
  return { added: sync.added.length, updated: sync.updated.length, removed: sync.removed.length };
}
