// A delivery worker in its own process that kills itself with SIGKILL at one exact point of one chat's send, so a
// test can show what a real crash there leaves behind. The point is chosen by wrapping the sender (production code
// has no crash hooks): `before-send` dies after the sending mark is written and before the request; `after-send`
// dies after Telegram accepted the message and before the ledger records it.
import { Redis } from 'ioredis';
import { pino } from 'pino';
import { buildWorker } from '../../jobs/worker-factory.js';
import { createChatStore } from '../../src/adapters/redis/chat-store.js';
import { createKeys } from '../../src/adapters/redis/keys.js';
import { createTelegramSender, type TelegramSender } from '../../src/adapters/telegram/sender.js';
import { TEST_TOPICS } from '../../tools/in-memory/test-topics.js';
import { testWorkerSettings } from './test-settings.js';

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
await buildWorker({
  connection: redis,
  redis,
  redisPrefix: plan.prefix,
  settings: testWorkerSettings({
    delivery: {
      ratePerSecond: 1000,
      budget: { privateIntervalMs: 200, groupPerMinute: 300, marginMs: 0, chatMarginMs: 0 },
      lockMs: 1_000,
    },
  }),
  logger: pino({ level: 'silent' }),
  sweep: false,
  schedule: false,
  instant: false,
  delivery: {
    chats: createChatStore(redis, createKeys(plan.prefix)),
    topics: () => TEST_TOPICS,
    sender,
  },
});
process.send?.({ ready: true });
