// One delivery worker process for bench:fanout (argv: redis url, prefix, api root, token, rate, paid, frozen now).
// Several of these share one Redis, so the token's budget is shared across processes as in production.
import { Redis } from 'ioredis';
import { pino } from 'pino';
import { startWorker } from '../../jobs/worker.js';
import { createFeedFetcher } from '../../src/adapters/http/feed-fetcher.js';
import { createChatStore } from '../../src/adapters/redis/chat-store.js';
import { FeedStore } from '../../src/adapters/redis/feed-store.js';
import { createKeys } from '../../src/adapters/redis/keys.js';
import { SeenStore } from '../../src/adapters/redis/seen-store.js';
import { StoryStore } from '../../src/adapters/redis/story-store.js';
import { createTelegramSender } from '../../src/adapters/telegram/sender.js';
import { BUILTIN_TOPICS } from '../../src/core/topics/builtin-topics.js';
import { buildTopics } from '../../src/services/build-topics.js';

const [redisUrl = '', prefix = '', apiRoot = '', token = '', rate = '30', paid = 'false', now = '0'] =
  process.argv.slice(2);
const redis = new Redis(redisUrl, { maxRetriesPerRequest: null });
const connection = new Redis(redisUrl, { maxRetriesPerRequest: null });
const keys = createKeys(prefix);
const fetcher = createFeedFetcher({ allowPrivate: false });
const worker = await startWorker({
  connection,
  redis,
  keys,
  feeds: new FeedStore(redis, keys),
  seen: new SeenStore(redis, keys, 86_400_000),
  stories: new StoryStore(redis, keys, { retentionMs: 14 * 86_400_000, clusterWindowMs: 36 * 3_600_000 }),
  fetcher,
  classify: buildTopics({}).classify,
  logger: pino({ level: process.env['BENCH_LOG'] ?? 'silent' }),
  now: () => Number(now),
  sweep: false,
  delivery: {
    chats: createChatStore(redis, prefix),
    topics: () => BUILTIN_TOPICS,
    sender: createTelegramSender(token, apiRoot),
    ratePerSecond: Number(rate),
    paidBroadcast: paid === 'true',
    concurrency: Math.min(200, Math.max(30, Number(rate) / 4)),
    schedule: false,
    instant: false,
  },
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
