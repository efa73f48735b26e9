// One worker process for the clustering race: the production worker (startWorker), stories queue only in use.
// Argv: redisUrl prefix. Tells the parent when it is ready; stops on { stop: true }.
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

const [redisUrl = '', prefix = 'race'] = process.argv.slice(2);
const redis = new Redis(redisUrl, { maxRetriesPerRequest: null });
const connection = new Redis(redisUrl, { maxRetriesPerRequest: null });
const keys = createKeys(prefix);
const retentionMs = 14 * 86_400_000;
const fetcher = createFeedFetcher({ allowPrivate: true });
const worker = await startWorker({
  connection,
  redis,
  keys,
  feeds: new FeedStore(redis, keys),
  seen: new SeenStore(redis, keys, retentionMs),
  stories: new StoryStore(redis, keys, { retentionMs, clusterWindowMs: CLUSTER_WINDOW_MS }),
  fetcher,
  classify: buildTopics({}).classify,
  logger: pino({ level: 'silent' }),
  sweep: false,
});
process.on('message', (message: { stop?: boolean }) => {
  if (!message.stop) return;
  void (async () => {
    await worker.close();
    await fetcher.close();
    await Promise.all([redis.quit(), connection.quit()]);
    process.exit(0);
  })();
});
process.send?.({ ready: true });
