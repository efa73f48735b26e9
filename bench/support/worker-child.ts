// One worker process for bench:ingest. Reports completed polls and stored stories to the parent over IPC,
// and its peak RSS when asked to stop.
import { Redis } from 'ioredis';
import { pino } from 'pino';
import { startWorker } from '../../jobs/worker.js';
import { createFeedFetcher } from '../../src/adapters/http/feed-fetcher.js';
import { FeedStore } from '../../src/adapters/redis/feed-store.js';
import { createKeys } from '../../src/adapters/redis/keys.js';
import { SeenStore } from '../../src/adapters/redis/seen-store.js';
import { StoryStore } from '../../src/adapters/redis/story-store.js';
import { CLUSTER_WINDOW_MS } from '../../src/core/cluster/similarity.js';
import { buildTopics } from '../../src/services/build-topics.js';
import { trackPeakRss } from './stats.js';

const [redisUrl = '', prefix = 'bench', concurrency = '8'] = process.argv.slice(2);
const rss = trackPeakRss();
const redis = new Redis(redisUrl, { maxRetriesPerRequest: null });
const connection = new Redis(redisUrl, { maxRetriesPerRequest: null });
const keys = createKeys(prefix);
const retentionMs = 14 * 86_400_000;
const fetcher = createFeedFetcher({ allowPrivate: true, perHostConcurrency: 64 });
const worker = await startWorker({
  connection,
  redis,
  keys,
  feeds: new FeedStore(redis, keys),
  seen: new SeenStore(redis, keys, retentionMs),
  stories: new StoryStore(redis, keys, { retentionMs, clusterWindowMs: CLUSTER_WINDOW_MS }),
  fetcher,
  classify: buildTopics({}).classify,
  logger: pino({ level: process.env['BENCH_LOG'] ?? 'silent' }),
  concurrency: Number(concurrency),
  sweep: false,
});
worker.workers.poll.on('completed', () => process.send?.({ polled: 1 }));
worker.workers.stories.on('completed', (_job, result: { stored: number }) =>
  process.send?.({ stored: result.stored }),
);
process.on('message', (message: { stop?: boolean }) => {
  if (!message.stop) return;
  void (async () => {
    await worker.close();
    await fetcher.close();
    await Promise.all([redis.quit(), connection.quit()]);
    process.send?.({ peakRss: rss.stop() }, () => process.exit(0));
  })();
});
process.send?.({ ready: true });
