// npm run bench:bot — 1,000 mixed updates from 200 users through the local Bot API server, with a private Redis.
import { performance } from 'node:perf_hooks';
import { Redis } from 'ioredis';
import { pino } from 'pino';
import type { User } from 'grammy/types';
import { createChatStore } from '../src/adapters/redis/chat-store.js';
import { createKeys } from '../src/adapters/redis/keys.js';
import { startEmbeddedRedis } from '../src/runtime/embedded-redis.js';
import { createBot } from '../src/bot/create-bot.js';
import { runBot } from '../src/bot/run-bot.js';
import { startBotApiServer } from '../tools/bot-api-server/server.js';
import { createMemoryStoryReader, makeStory } from '../tools/in-memory/memory-story-reader.js';
import { TEST_TOPICS } from '../tools/in-memory/test-topics.js';

const USERS = 200;
const ROUNDS = 5;
const OFFERED_RATE = Number(process.env.BENCH_RATE ?? 500);
const BATCH = 10;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

async function main(): Promise<void> {
  const redisServer = await startEmbeddedRedis();
  const api = await startBotApiServer();
  const redis = new Redis(redisServer.url, { maxRetriesPerRequest: null });
  const stories = Array.from({ length: 300 }, (_, i) =>
    makeStory({
      title: `Новина ${i}: Україна та економіка`,
      topics: [TEST_TOPICS[i % TEST_TOPICS.length]!.slug],
      clusterId: `c${Math.floor(i / 2)}`,
      lang: i % 3 === 0 ? 'ru' : 'uk',
      publishedAt: 1_700_000_000_000 + i * 60_000,
    }),
  );
  const bot = createBot(api.token, {
    config: { apiRoot: api.apiRoot, defaultTimezone: 'Europe/Kyiv' },
    logger: pino({ level: 'silent' }),
    digest: async () => undefined,
    chats: createChatStore(redis, createKeys('bench')),
    stories: createMemoryStoryReader(stories),
    topics: TEST_TOPICS,
  });

  // Handling time is measured around grammY's own entry point, which the runner calls once per update.
  const durations: number[] = [];
  const handle = bot.handleUpdate.bind(bot);
  bot.handleUpdate = async (update, webhookReplyEnvelope) => {
    const started = performance.now();
    try {
      await handle(update, webhookReplyEnvelope);
    } finally {
      durations.push(performance.now() - started);
    }
  };
  const running = await runBot(bot, { logger: pino({ level: 'silent' }) });

  const users: User[] = Array.from({ length: USERS }, (_, i) =>
    api.addUser({ language_code: i % 4 === 0 ? 'ru' : 'uk' }),
  );
  const welcome = new Map<number, number>();
  const firstMessageTo = async (chatId: number): Promise<number> => {
    for (;;) {
      const first = api.sent(chatId)[0];
      if (first) return first.message_id;
      await sleep(2);
    }
  };
  const round = (i: number, user: User): void => {
    const chat = user.id;
    switch (i) {
      case 0:
        api.sendText(user, chat, '/start');
        break;
      case 1:
        api.pressButton(user, chat, welcome.get(chat)!, user.id % 2 === 0 ? 'v1:lang:uk:o' : 'v1:lang:ru:o');
        break;
      case 2:
        api.sendText(user, chat, user.id % 3 === 0 ? '/latest war 10' : '/politics');
        break;
      case 3:
        if (user.id % 2 === 0) api.pressButton(user, chat, welcome.get(chat)!, 'v1:top:sport:o');
        else api.sendText(user, chat, '/search україн економ');
        break;
      default:
        api.sendText(user, chat, user.id % 2 === 0 ? '/schedule 08:00,20:00' : '/settings');
    }
  };

  // Updates arrive as a steady stream (OFFERED_RATE per second) rather than one burst, like real traffic; each
  // user's five updates are USERS slots apart, so a button press comes after the message it belongs to.
  // Warm-up (not measured): the first updates pay for lazy module loading and JIT, not for handling.
  const warmUsers = Array.from({ length: 20 }, () => api.addUser());
  for (const user of warmUsers) for (let r = 0; r < ROUNDS; r += 1) if (r !== 1 && r !== 3) round(r, user);
  while (durations.length < warmUsers.length * 3) await sleep(5);
  durations.length = 0;

  const total = USERS * ROUNDS;
  const started = performance.now();
  for (let slot = 0; slot < total; slot += BATCH) {
    for (let n = slot; n < Math.min(slot + BATCH, total); n += 1) {
      const user = users[n % USERS]!;
      const roundIndex = Math.floor(n / USERS);
      if (roundIndex === 1) welcome.set(user.id, await firstMessageTo(user.id));
      round(roundIndex, user);
    }
    const due = started + ((slot + BATCH) / OFFERED_RATE) * 1000;
    await sleep(Math.max(0, due - performance.now()));
  }
  while (durations.length < total) await sleep(5);
  const wall = performance.now() - started;

  await running.stop();
  await api.close();
  await redis.quit();
  await redisServer.stop();

  const sorted = [...durations].sort((a, b) => a - b);
  const summary = {
    bench: 'bot',
    updates: durations.length,
    users: USERS,
    p50_ms: Number(percentile(sorted, 50).toFixed(2)),
    p99_ms: Number(percentile(sorted, 99).toFixed(2)),
    max_ms: Number((sorted.at(-1) ?? 0).toFixed(2)),
    updates_per_s: Math.round(durations.length / (wall / 1000)),
    offered_per_s: OFFERED_RATE,
    target: { p99_ms: 50, updates_per_s: 500 },
  };
  console.log(`updates handled: ${summary.updates} from ${USERS} users`);
  console.log(
    `handling time per update: p50 ${summary.p50_ms} ms, p99 ${summary.p99_ms} ms, max ${summary.max_ms} ms`,
  );
  console.log(`throughput: ${summary.updates_per_s} updates/s`);
  console.log(JSON.stringify(summary));
}

await main();
