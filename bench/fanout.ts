// npm run bench:fanout — one digest round through the real queues and a real (embedded) Redis to the local Bot API
// server: (a) the pipeline ceiling against a server without limits, (b) the achieved rate against a server that
// enforces Telegram's limits, (c) Redis bytes per chat and per story. Prints figures, then a JSON summary last.
import { pino } from 'pino';
import { Redis } from 'ioredis';
import { buildWorker } from '../jobs/worker-factory.js';
import { loadConfig } from '../src/config.js';
import { settingsFrom } from '../src/settings.js';
import { createFeedFetcher } from '../src/adapters/http/feed-fetcher.js';
import { createChatStore } from '../src/adapters/redis/chat-store.js';
import { DeliveryStore } from '../src/adapters/redis/delivery-store.js';
import { startEmbeddedRedis } from '../src/runtime/embedded-redis.js';
import { withDeliveryIndex } from '../src/adapters/redis/indexed-chat-store.js';
import { createKeys } from '../src/adapters/redis/keys.js';
import { StoryStore } from '../src/adapters/redis/story-store.js';
import { createTelegramSender } from '../src/adapters/telegram/sender.js';
import { defaultChatSettings, type ChatSettings } from '../src/core/chat/chat-settings.js';
import { BUILTIN_TOPICS } from '../src/core/topics/builtin-topics.js';
import type { Lang } from '../src/core/types.js';
import { fork } from 'node:child_process';
import os from 'node:os';
import { measureParallelCapacity } from './support/parallel-capacity.js';
import { startBotApiChild } from './support/bot-api-client.js';
import { syntheticNews } from './support/synthetic-news.js';

const CHATS = Number(process.env['BENCH_CHATS'] ?? 10_000);
const LIMITED_CHATS = Number(process.env['BENCH_LIMITED_CHATS'] ?? 1_500);
const STORIES = Number(process.env['BENCH_STORIES'] ?? 2_000);
const DAY = 86_400_000;
const NOW = Date.parse('2025-06-10T05:59:00Z'); // 08:59 Kyiv, a minute before the 09:00 slot

const slugs = BUILTIN_TOPICS.map((t) => t.slug);
const news = syntheticNews(42);
const { rand, pick } = news;

const TOPIC_SETS = [
  ['politics', 'war', 'economy'],
  ['war'],
  ['economy', 'tech'],
  ['politics', 'world'],
  ['sport', 'culture'],
  ['war', 'politics'],
].map((set) => set.filter((s) => slugs.includes(s)));

function makeChat(i: number, now: number): ChatSettings {
  const kind = news.chatKind();
  const chatId = kind === 'private' ? 10_000_000 + i : -(1_000_000_000_000 + i);
  const settings = defaultChatSettings({ chatId }, kind, rand() < 0.35 ? 'ru' : 'uk', 'Europe/Kyiv', now);
  return {
    ...settings,
    topics: pick(TOPIC_SETS),
    follow: rand() < 0.05 ? ['бюджет'] : [],
    mute: rand() < 0.05 ? ['харків'] : [],
    allowOtherLang: rand() < 0.1,
    schedule: { kind: 'times', times: ['09:00', '19:00'] },
  };
}

async function memoryOf(redis: Redis, patterns: string[]): Promise<{ bytes: number; keys: number }> {
  let bytes = 0;
  let keys = 0;
  for (const pattern of patterns) {
    let cursor = '0';
    do {
      const [next, found] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
      cursor = next;
      const pipeline = redis.pipeline();
      for (const key of found) pipeline.memory('USAGE', key, 'SAMPLES', '0');
      for (const [, value] of (await pipeline.exec()) ?? []) bytes += Number(value ?? 0);
      keys += found.length;
    } while (cursor !== '0');
  }
  return { bytes, keys };
}

interface RoundResult {
  chats: number;
  /** Chats the tick found due. */
  due: number;
  /** Message parts the due chats should have got (each chat's built digest; 1 for a chat whose digest is missing). */
  expected: number;
  delivered: number;
  /** Expected parts that no message to their chat carries: can be > 0, and fails the run. */
  lost: number;
  duplicates: number;
  /** Resends the deliver processor counted after an attempt with no recorded answer. */
  uncertainResends: number;
  seconds: number;
  sendSeconds: number;
  rate: number;
  /** Rate between the 5th and the 95th percentile send: the pace without the ramp-up and the tail. */
  steadyRate: number;
  /** CPU time of the worker process(es) per message sent: digest builds, queueing and sending. */
  cpuMicrosPerMessage: number;
  rejected429: number;
  penaltyViolations: number;
  bytesPerChat: number;
  bytesPerStory: number;
  /** Of bytesPerStory, what lives only inside the 36 h clustering window (cluster record, LSH bands). */
  bytesPerStoryClusteringWindow: number;
}

/** Production's settings for an empty environment; each round overrides what it measures. */
const settings = settingsFrom(loadConfig({}));

interface RoundOptions {
  chats: number;
  /** The fake enforces Telegram's limits (30/s free, 1000/s paid, per-chat limits). */
  limited: boolean;
  rate: number;
  paid?: boolean;
  /** Worker processes (children) sharing the Redis; 0 runs the worker in this process. */
  processes: number;
}

/** BENCH_CPU_PROF=<dir>: each worker child writes a V8 CPU profile there (node --cpu-prof) when it exits. */
const PROFILE_DIR = process.env['BENCH_CPU_PROF'];
const PROFILE_ARGS = PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${PROFILE_DIR}`] : [];

/** Starts `n` delivery worker processes on the same Redis and waits until each is ready. */
async function startWorkerChildren(n: number, args: string[]) {
  const children = await Promise.all(
    Array.from({ length: n }, async () => {
      const child = fork('bench/support/fanout-worker-child.ts', args, {
        execArgv: ['--import', 'tsx', ...PROFILE_ARGS],
        stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      });
      await new Promise((resolve) => child.once('message', resolve));
      return child;
    }),
  );
  return {
    /** Stops the children; returns the CPU time (µs) they spent since they were ready. */
    async stop(): Promise<number> {
      let cpuMicros = 0;
      await Promise.all(
        children.map(
          (child) =>
            new Promise((resolve) => {
              child.on('message', (m: { cpuMicros?: number }) => (cpuMicros += m.cpuMicros ?? 0));
              child.once('exit', resolve);
              child.send({ stop: true });
            }),
        ),
      );
      return cpuMicros;
    },
  };
}

function steadyRate(times: number[]): number {
  const sorted = [...times].sort((x, y) => x - y);
  const from = Math.floor(sorted.length * 0.05);
  const to = Math.floor(sorted.length * 0.95);
  const ms = (sorted[to] ?? 0) - (sorted[from] ?? 0);
  return ms > 0 ? ((to - from) * 1000) / ms : 0;
}

async function round(redisUrl: string, prefix: string, options: RoundOptions): Promise<RoundResult> {
  const chats = options.chats;
  // As in production (worker-root): the stores' connection pipelines automatically.
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: null, enableAutoPipelining: true });
  const connection = new Redis(redisUrl, { maxRetriesPerRequest: null });
  const keys = createKeys(prefix);
  const api = await startBotApiChild({ limits: options.limited });
  const pendingChats: { id: number; kind: string }[] = [];
  const clock = { now: NOW - DAY };
  const stories = new StoryStore(redis, keys, { retentionMs: 14 * DAY, clusterWindowMs: 36 * 3600_000 });
  const seeded = news.stories(STORIES, NOW, 'b');
  for (let i = 0; i < seeded.length; i += 200) await stories.save(seeded.slice(i, i + 200), NOW);
  const rawChats = createChatStore(redis, keys);
  const chatStore = withDeliveryIndex(rawChats, new DeliveryStore(redis, keys), () => clock.now);
  clock.now = NOW;
  const created: ChatSettings[] = [];
  for (let i = 0; i < chats; i += 1) {
    const chat = makeChat(i, NOW);
    created.push(chat);
    pendingChats.push({ id: chat.key.chatId, kind: chat.kind });
    await chatStore.save(chat);
  }
  await api.addChats(pendingChats);
  const fetcher = createFeedFetcher({ allowPrivate: false });
  const tickAt = NOW + 61_000; // 09:00:01 Kyiv: every chat is due
  // In-process: this process's worker does everything. With children, this one only queues the tick.
  const { worker } = await buildWorker({
    connection,
    redis,
    redisPrefix: prefix,
    settings: {
      ...settings.worker,
      retentionMs: DAY,
      delivery: {
        ...settings.worker.delivery,
        ratePerSecond: options.rate,
        paidBroadcast: options.paid ?? false,
        concurrency: options.limited ? 30 : 200,
      },
    },
    fetcher,
    logger: pino({ level: 'silent' }),
    now: () => clock.now,
    sweep: false,
    schedule: false,
    instant: false,
    delivery: {
      chats: rawChats,
      topics: () => BUILTIN_TOPICS,
      sender: createTelegramSender(api.token, api.apiRoot),
    },
  });
  const delivery = worker.delivery!;
  const children =
    options.processes > 0
      ? await startWorkerChildren(options.processes, [
          redisUrl,
          prefix,
          api.apiRoot,
          api.token,
          String(options.rate),
          String(options.paid ?? false),
          String(tickAt),
        ])
      : undefined;
  if (children) await Promise.all([delivery.workers.digest.close(), delivery.workers.deliver.close()]);
  // Key patterns from the registry: '*' in place of every id, language and band.
  const ANY_BAND = keys.lshBand('*');
  const ANY_INDEX = keys.topicIndex('*' as Lang, '*');
  const memChats = await memoryOf(redis, [keys.chat('*'), keys.deliveryDue(), keys.deliveryLast()]);
  const memClustering = await memoryOf(redis, [keys.clusterRecord('*'), ANY_BAND]);
  const memStories = await memoryOf(redis, [
    keys.story('*'),
    keys.clusterRecord('*'),
    ANY_INDEX,
    keys.edition('*'),
    ANY_BAND,
    keys.clusterSources('*'),
  ]);

  clock.now = tickAt;
  const cpuAtTick = process.cpuUsage();
  const started = Date.now();
  let due = 0;
  if (children) await delivery.queues.digest.add('tick', {});
  else due = (await delivery.tick()).due;
  // Done when every build ran and every queued part was sent (or failed for good).
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    const d = await delivery.queues.digest.getJobCounts('waiting', 'active', 'delayed', 'prioritized');
    const q = await delivery.queues.deliver.getJobCounts('waiting', 'active', 'delayed', 'prioritized');
    if ([...Object.values(d), ...Object.values(q)].every((n) => n === 0)) break;
  }
  const seconds = (Date.now() - started) / 1000;
  const ownCpu = process.cpuUsage(cpuAtTick);
  if (children) due = await redis.hlen(keys.deliveryLast());
  const report = await api.report();
  const sent = (report.sent ?? []).map(([chat_id, , at, text]) => ({ chat_id, at, text }));
  const sendTimes = sent.map((m) => m.at);
  const sendSeconds = (Math.max(...sendTimes) - Math.min(...sendTimes)) / 1000;
  const byChat = new Map<number, string[]>();
  for (const m of sent) byChat.set(m.chat_id, [...(byChat.get(m.chat_id) ?? []), m.text]);
  let duplicates = 0;
  for (const texts of byChat.values()) duplicates += texts.length - new Set(texts).size;

  // Every created chat was due at 09:00 and has stories on its topics: each part of its digest must have reached
  // it. The digest is found by the same input key the worker uses; a chat whose digest was never built counts as
  // one lost part.
  const { digestInputKey, digestInputs, digestWindow } =
    await import('../src/core/digest/digest-input-key.js');
  let expected = 0;
  let lost = 0;
  const digestStore = new DeliveryStore(redis, keys);
  for (const settings of created) {
    const digestId = digestInputKey(digestInputs(settings), digestWindow(undefined, tickAt));
    const [digest] = await digestStore.getDigests([digestId]);
    const parts = digest?.parts ?? [''];
    // The fake reports text after HTML parsing, so parts are matched by count of distinct messages received.
    const got = new Set(byChat.get(settings.key.chatId) ?? []).size;
    expected += parts.length;
    lost += digest ? Math.max(0, parts.length - got) : 1;
  }
  const delivered = sent.length - duplicates;
  // Resends after an attempt with no recorded answer (a timed-out request, a stalled job): the one way the ledger
  // lets a message through twice, so duplicates beyond this count are a bug.
  const uncertainResends = await digestStore.uncertainResends();
  const result: RoundResult = {
    chats,
    due,
    expected,
    delivered,
    lost,
    duplicates,
    uncertainResends,
    seconds,
    sendSeconds,
    rate: sent.length / Math.max(sendSeconds, 0.001),
    steadyRate: steadyRate(sendTimes),
    cpuMicrosPerMessage: 0,
    rejected429: report.rejected ?? 0,
    penaltyViolations: report.penaltyViolations ?? 0,
    bytesPerChat: memChats.bytes / chats,
    bytesPerStory: memStories.bytes / STORIES,
    bytesPerStoryClusteringWindow: memClustering.bytes / STORIES,
  };
  // Worker CPU per message: the children's, or with the worker in this process, this process's (the bench's own
  // polling included, a small share).
  const workerCpuMicros = children ? await children.stop() : ownCpu.user + ownCpu.system;
  result.cpuMicrosPerMessage = workerCpuMicros / Math.max(1, sent.length);
  await worker.close();
  await fetcher.close();
  await api.close();
  await Promise.all([redis.quit(), connection.quit()]);
  return result;
}

const PAID_CHATS = Number(process.env['BENCH_PAID_CHATS'] ?? 10_000);
/** Rounds to run, e.g. BENCH_ROUNDS=a for the pipeline ceiling alone while profiling (default: all). */
const ROUNDS = process.env['BENCH_ROUNDS'] ?? 'abc';
/** Worker processes for the pipeline ceiling (a): 0 runs the worker in this process. */
const PIPELINE_PROCESSES = Number(process.env['BENCH_PIPELINE_PROCESSES'] ?? 0);

async function main(): Promise<void> {
  const embedded = await startEmbeddedRedis();
  const summary: Record<string, unknown> = { bench: 'fanout' };
  // Two vCPUs are not always two cores' worth: what two processes get done here bounds rounds (b) and (c).
  const machine = await measureParallelCapacity();
  summary['machineParallelCapacity'] = machine;
  console.log(
    `machine: CPU work alone ${machine.aloneMs} ms, two copies at once ${machine.togetherMs} ms each: two processes do ${machine.capacity}x the work of one`,
  );
  let failed = 0;
  try {
    if (ROUNDS.includes('a')) {
      const a = await round(embedded.url, 'fa', {
        chats: CHATS,
        limited: false,
        rate: 100_000,
        processes: PIPELINE_PROCESSES,
      });
      failed += a.lost + a.duplicates;
      const where = PIPELINE_PROCESSES > 0 ? `${PIPELINE_PROCESSES} worker process(es)` : '1 process';
      console.log(
        `(a) pipeline ceiling, no limits, ${where}: ${CHATS} chats, ${a.delivered} messages in ${a.seconds.toFixed(1)} s ` +
          `(tick to last send) = ${(a.delivered / a.seconds).toFixed(0)} msg/s; send phase ${a.rate.toFixed(0)} msg/s; ` +
          `expected ${a.expected}, lost ${a.lost}, duplicates ${a.duplicates}`,
      );
      console.log(
        `    worker CPU ${a.cpuMicrosPerMessage.toFixed(0)} µs per message (digest build, queueing, send): one ` +
          `core's worth is ${(1e6 / a.cpuMicrosPerMessage).toFixed(0)} msg/s`,
      );
      console.log(
        `(d) Redis memory (MEMORY USAGE): ${a.bytesPerChat.toFixed(0)} B per chat (chat record, indexes, due ` +
          `index), ${a.bytesPerStory.toFixed(0)} B per story (record, shingles, indexes, LSH bands, clusters), ${STORIES} stories;\n` +
          `    of which ${a.bytesPerStoryClusteringWindow.toFixed(0)} B are clustering data kept only 36 h, so over a 14-day ` +
          `retention a story averages ${(a.bytesPerStory - a.bytesPerStoryClusteringWindow * (1 - 36 / 336)).toFixed(0)} B`,
      );
      Object.assign(summary, {
        chats: CHATS,
        pipelineProcesses: PIPELINE_PROCESSES,
        pipelineMsgPerSec: Math.round(a.delivered / a.seconds),
        pipelineSendPhaseMsgPerSec: Math.round(a.rate),
        pipelineCpuMicrosPerMessage: Math.round(a.cpuMicrosPerMessage),
        pipelineMsgPerCpuSecond: Math.round(1e6 / a.cpuMicrosPerMessage),
        pipelineExpected: a.expected,
        pipelineLost: a.lost,
        pipelineDuplicates: a.duplicates,
        bytesPerChat: Math.round(a.bytesPerChat),
        bytesPerStory: Math.round(a.bytesPerStory),
        bytesPerStoryClusteringWindow: Math.round(a.bytesPerStoryClusteringWindow),
        bytesPerStoryOverRetention: Math.round(
          a.bytesPerStory - a.bytesPerStoryClusteringWindow * (1 - 36 / 336),
        ),
      });
    }
    if (ROUNDS.includes('b')) {
      const b = await round(embedded.url, 'fb', {
        chats: LIMITED_CHATS,
        limited: true,
        rate: 30,
        processes: 2,
      });
      failed += b.lost + b.duplicates;
      const ideal = b.expected / 30;
      // A digest reaches all its chats in (messages / 30) s at best; the measured ratio scales to 10,000 chats.
      const actualOverIdeal = b.seconds / ideal;
      console.log(
        `(b) Telegram limits enforced (rolling 1 s window of 30, 1/s per chat, 20/min per group), 2 worker processes ` +
          `sharing the budget, ${LIMITED_CHATS} chats: ${b.delivered} messages, ${b.rate.toFixed(2)} msg/s first to ` +
          `last send = ${(b.rate / 30).toFixed(3)} of 30/s (5th–95th percentile send: ${(b.steadyRate / 30).toFixed(3)}); 429s ${b.rejected429}; sends in penalty windows ` +
          `${b.penaltyViolations}; expected ${b.expected}, lost ${b.lost}, duplicates ${b.duplicates}`,
      );
      console.log(
        `    time to reach all chats: ${b.seconds.toFixed(1)} s (tick to last send) vs ideal ${ideal.toFixed(1)} s ` +
          `(messages / 30) = ${actualOverIdeal.toFixed(3)} actual/ideal; 10,000 chats at 30/s (ideal 333 s, one ` +
          `message each): ~${(actualOverIdeal * 333).toFixed(0)} s, extrapolated from this ${LIMITED_CHATS}-chat run`,
      );
      Object.assign(summary, {
        limitedChats: LIMITED_CHATS,
        limitedProcesses: 2,
        limitedMsgPerSec: Number(b.rate.toFixed(2)),
        limitedRatio: Number((b.rate / 30).toFixed(3)),
        limitedSteadyRatio: Number((b.steadyRate / 30).toFixed(3)),
        limitedCpuMicrosPerMessage: Math.round(b.cpuMicrosPerMessage),
        limited429: b.rejected429,
        limitedPenaltyWindowSends: b.penaltyViolations,
        limitedExpected: b.expected,
        limitedLost: b.lost,
        limitedDuplicates: b.duplicates,
        limitedUncertainResends: b.uncertainResends,
        timeToAllActualOverIdeal: Number(actualOverIdeal.toFixed(3)),
        timeToAll10kChatsScaledSeconds: Math.round(actualOverIdeal * 333),
      });
    }
    if (ROUNDS.includes('c')) {
      const c = await round(embedded.url, 'fc', {
        chats: PAID_CHATS,
        limited: true,
        rate: 1000,
        paid: true,
        processes: 2,
      });
      failed += c.lost + c.duplicates;
      console.log(
        `(c) paid broadcast (DELIVERY_RATE=1000, fake enforcing 1000/s), 2 worker processes, ${PAID_CHATS} chats: ` +
          `${c.delivered} messages, ${c.rate.toFixed(0)} msg/s first to last send, worker CPU ` +
          `${c.cpuMicrosPerMessage.toFixed(0)} µs per message; 429s ${c.rejected429}; ` +
          `sends in penalty windows ${c.penaltyViolations}; expected ${c.expected}, lost ${c.lost}, duplicates ${c.duplicates} ` +
          `(uncertain resends counted: ${c.uncertainResends})`,
      );
      Object.assign(summary, {
        paidChats: PAID_CHATS,
        paidProcesses: 2,
        paidMsgPerSec: Math.round(c.rate),
        paidCpuMicrosPerMessage: Math.round(c.cpuMicrosPerMessage),
        paid429: c.rejected429,
        paidPenaltyWindowSends: c.penaltyViolations,
        paidExpected: c.expected,
        paidLost: c.lost,
        paidDuplicates: c.duplicates,
        paidUncertainResends: c.uncertainResends,
      });
    }
  } finally {
    await embedded.stop();
  }
  summary['loadAverage'] = os.loadavg().map((n) => Number(n.toFixed(2)));
  summary['failed'] = failed > 0;
  // Lost or duplicated messages fail the run; the JSON summary stays the last line either way.
  console.log(JSON.stringify(summary));
  if (failed > 0) process.exitCode = 1;
}

await main();
process.exit(process.exitCode ?? 0);
