// One delivery worker process for bench:fanout (argv: redis url, prefix, api root, token, rate, paid, frozen now).
// Several of these share one Redis, so the token's budget is shared across processes as in production.
import { pino } from 'pino';
import { buildWorker } from '../../jobs/worker-factory.js';
import { connectRedis } from '../../src/runtime/redis-connection.js';
import { createChatStore } from '../../src/adapters/redis/chat-store.js';
import { createKeys } from '../../src/adapters/redis/keys.js';
import { createTelegramSender } from '../../src/adapters/telegram/sender.js';
import { loadConfig } from '../../src/config.js';
import { BUILTIN_TOPICS } from '../../src/core/topics/builtin-topics.js';
import { settingsFrom } from '../../src/settings.js';

const [redisUrl = '', prefix = '', apiRoot = '', token = '', rate = '30', paid = 'false', now = '0'] =
  process.argv.slice(2);
// connectRedis: a redis:// URL or a redis+cluster:// one (bench:cluster). As in production (worker-root), the
// stores' connection pipelines automatically.
const redis = connectRedis(redisUrl, 'bench-fanout-stores', undefined, { autoPipelining: true });
const connection = connectRedis(redisUrl, 'bench-fanout-queues');
const base = settingsFrom(loadConfig({})).worker;
const built = await buildWorker({
  connection,
  redis,
  redisPrefix: prefix,
  settings: {
    ...base,
    retentionMs: 86_400_000,
    delivery: {
      ...base.delivery,
      ratePerSecond: Number(rate),
      paidBroadcast: paid === 'true',
      concurrency: Math.min(200, Math.max(30, Number(rate) / 4)),
    },
  },
  logger: pino({ level: process.env['BENCH_LOG'] ?? 'silent' }),
  now: () => Number(now),
  sweep: false,
  schedule: false,
  instant: false,
  delivery: {
    chats: createChatStore(redis, createKeys(prefix)),
    topics: () => BUILTIN_TOPICS,
    sender: createTelegramSender(token, apiRoot),
  },
});
// CPU from ready to stop: the cost of what this process did in the round, whatever else loads the machine.
const cpuAtReady = process.cpuUsage();
process.on('message', (message: { stop?: boolean }) => {
  if (!message.stop) return;
  const cpu = process.cpuUsage(cpuAtReady);
  process.send?.({ cpuMicros: cpu.user + cpu.system });
  void (async () => {
    await built.close();
    await Promise.all([redis.quit(), connection.quit()]);
    process.exit(0);
  })();
});
process.send?.({ ready: true });
