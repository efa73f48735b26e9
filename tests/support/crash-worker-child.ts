// A delivery worker in its own process that kills itself with SIGKILL at one exact point of one chat's send, so a
// test can show what a real crash there leaves behind. The point is chosen by wrapping the sender (production code
// has no crash hooks): `before-send` dies after the sending mark is written and before the request; `after-send`
// dies after Telegram accepted the message and before the ledger records it.
import { Redis } from 'ioredis';
import { pino } from 'pino';
import { startWorker } from '../../jobs/worker.js';
import { createFeedFetcher } from '../../src/adapters/http/feed-fetcher.js';
import { createChatStore } from '../../src/adapters/redis/chat-store.js';
import { FeedStore } from '../../src/adapters/redis/feed-store.js';
import { createKeys } from '../../src/adapters/redis/keys.js';
import { SeenStore } from '../../src/adapters/redis/seen-store.js';
import { StoryStore } from '../../src/adapters/redis/story-store.js';
import { createTelegramSender, type TelegramSender } from '../../src/adapters/telegram/sender.js';
import { buildTopics } from '../../src/services/build-topics.js';
import { TEST_TOPICS } from '../../tools/in-memory/test-topics.js';

interface CrashPlan {
  redisUrl: string;
  prefix: string;
  apiRoot: string;
  token: string;
  crashChat: number;
  at: 'before-send' | 'after-send';
}

const plan = JSON.parse(process.env['CRASH_PLAN'] ?? '{}') as CrashPlan;
const die = (): never => {
  process.kill(process.pid, 'SIGKILL');
  throw new Error('unreachable');
};
const real = createTelegramSender(plan.token, plan.apiRoot);
const sender: TelegramSender = {
  async send(message) {
    if (message.chatId === plan.crashChat && plan.at === 'before-send') die();
    const outcome = await real.send(message);
    if (message.chatId === plan.crashChat && plan.at === 'after-send') die();
    return outcome;
  },
};
const redis = new Redis(plan.redisUrl, { maxRetriesPerRequest: null });
const keys = createKeys(plan.prefix);
await startWorker({
  connection: redis,
  redis,
  keys,
  feeds: new FeedStore(redis, keys),
  seen: new SeenStore(redis, keys, 86_400_000),
  stories: new StoryStore(redis, keys, { retentionMs: 14 * 86_400_000, clusterWindowMs: 36 * 3_600_000 }),
  fetcher: createFeedFetcher({ allowPrivate: true }),
  classify: buildTopics({}).classify,
  logger: pino({ level: 'silent' }),
  sweep: false,
  delivery: {
    chats: createChatStore(redis, plan.prefix),
    topics: () => TEST_TOPICS,
    sender,
    ratePerSecond: 1000,
    budgetLimits: { privateIntervalMs: 200, groupPerMinute: 300, marginMs: 0, chatMarginMs: 0 },
    schedule: false,
    instant: false,
    lockMs: 1_000,
  },
});
process.send?.({ ready: true });
