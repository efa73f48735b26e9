// npm run bench:cluster — the pipeline on a private 3-master Redis Cluster (redis+cluster://, loopback ports) and on
// one Redis, in one run: ingest of a few hundred local feeds, then one scheduled digest fanned out to 2,000 chats,
// each with 2 worker processes. Prints per-master key counts and commands (INFO commandstats), lost and duplicate
// messages (any -> exit 1), and the cluster's throughput against the single Redis. JSON summary as the last line.
import { fork, type ChildProcess } from 'node:child_process';
import { loadavg } from 'node:os';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { pollJobOptions, QUEUE_NAMES } from '../jobs/queues.js';
import { createChatStore } from '../src/adapters/redis/chat-store.js';
import { DeliveryStore } from '../src/adapters/redis/delivery-store.js';
import { FeedStore } from '../src/adapters/redis/feed-store.js';
import { withDeliveryIndex } from '../src/adapters/redis/indexed-chat-store.js';
import { createKeys } from '../src/adapters/redis/keys.js';
import type { RedisClient } from '../src/adapters/redis/redis-client.js';
import { StoryStore } from '../src/adapters/redis/story-store.js';
import { defaultChatSettings, type ChatSettings } from '../src/core/chat/chat-settings.js';
import { digestInputKey, digestInputs, digestWindow } from '../src/core/digest/digest-input-key.js';
import { startEmbeddedRedis } from '../src/runtime/embedded-redis.js';
import { connectRedis } from '../src/runtime/redis-connection.js';
import { commandsPerMaster, keysPerMaster, startLocalCluster } from '../tools/redis-cluster/local-cluster.js';
import { addBenchFeeds } from './support/bench-feeds.js';
import { startBotApiChild } from './support/bot-api-client.js';
import { childEntry } from './support/child-entry.js';
import { startFeedServerChild } from './support/feed-server-client.js';
import { syntheticNews } from './support/synthetic-news.js';

const FEEDS = Number(process.env['BENCH_FEEDS'] ?? 300);
const ITEMS = Number(process.env['BENCH_ITEMS'] ?? 20);
const CHATS = Number(process.env['BENCH_CHATS'] ?? 2_000);
const STORIES = Number(process.env['BENCH_STORIES'] ?? 500);
const PROCESSES = 2;
const DAY = 86_400_000;

/** Children that exit with the benchmark: killed by pid on the way out. */
const children = new Set<ChildProcess>();
const track = (child: ChildProcess) => {
  children.add(child);
  child.once('exit', () => children.delete(child));
  return child;
};
process.once('exit', () => children.forEach((child) => child.kill('SIGKILL')));

/** `count` worker children (bench/support/<name>), each told its args; resolves once each says ready. */
async function startChildren(name: string, count: number, args: string[], onMessage?: (m: never) => void) {
  const started = await Promise.all(
    Array.from({ length: count }, async () => {
      const entry = childEntry(name);
      const child = track(
        fork(entry.path, args, { execArgv: entry.execArgv, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] }),
      );
      await new Promise<void>((resolve) => {
        child.on('message', (message: { ready?: boolean }) => {
          if (message.ready) resolve();
          else onMessage?.(message as never);
        });
      });
      return child;
    }),
  );
  return {
    /** Asks each to stop; a child that does not exit in 20 s is killed. */
    async stop() {
      await Promise.all(
        started.map(
          (child) =>
            new Promise<void>((resolve) => {
              const kill = setTimeout(() => child.kill('SIGKILL'), 20_000);
              child.once('exit', () => {
                clearTimeout(kill);
                resolve();
              });
              child.send({ stop: true });
            }),
        ),
      );
    },
  };
}

const news = syntheticNews(7);

function makeChat(i: number, now: number, time: string): ChatSettings {
  const kind = news.chatKind();
  const chatId = kind === 'private' ? 20_000_000 + i : -(2_000_000_000_000 + i);
  // Every 50th supergroup chat is a forum thread: its key is `<chat>:<thread>`.
  const key = kind === 'supergroup' && i % 50 === 0 ? { chatId, threadId: 3 } : { chatId };
  return {
    ...defaultChatSettings(key, kind, news.rand() < 0.35 ? 'ru' : 'uk', 'Europe/Kyiv', now),
    schedule: { kind: 'times', times: [time] },
  };
}

/** Keys and commands per master: one entry for a single Redis. */
interface Spread {
  keys: number[];
  commands: number[];
}

interface TargetResult {
  target: string;
  ingest: { items: number; stored: number; seconds: number; itemsPerSecond: number };
  fanout: {
    chats: number;
    due: number;
    expected: number;
    delivered: number;
    lost: number;
    duplicates: number;
    seconds: number;
    messagesPerSecond: number;
    uncertainResends: number;
  };
  failedJobs: number;
  spread: Spread;
}

async function waitUntil(check: () => Promise<boolean> | boolean, what: string, timeoutMs = 900_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`bench:cluster timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function idle(queues: Queue[]): Promise<boolean> {
  for (const queue of queues) {
    const counts = await queue.getJobCounts('waiting', 'active', 'delayed', 'prioritized');
    if (Object.values(counts).some((n) => n > 0)) return false;
  }
  return true;
}

/** Ingest, then one scheduled digest to CHATS chats, on the Redis (or Cluster) behind `url`. */
async function runOn(
  target: string,
  url: string,
  urls: string[],
  measure: { reset(): Promise<void>; read(): Promise<Spread> },
): Promise<TargetResult> {
  const prefix = 'bc';
  const keys = createKeys(prefix);
  const redis: RedisClient = connectRedis(url, 'bench-cluster-main');
  const queue = (name: string) =>
    new Queue(name, { connection: redis as never, prefix: keys.bullPrefix(name) });
  const [pollQueue, storiesQueue, digestQueue, deliverQueue] = [
    QUEUE_NAMES.poll,
    QUEUE_NAMES.stories,
    QUEUE_NAMES.digest,
    QUEUE_NAMES.deliver,
  ].map(queue) as [Queue, Queue, Queue, Queue];
  await measure.reset();

  // Ingest: every feed polled once by 2 worker processes.
  const feeds = new FeedStore(redis, keys);
  await addBenchFeeds(feeds, urls);
  const counts = { polled: 0, stored: 0 };
  const ingestWorkers = await startChildren('worker-child', PROCESSES, [url, prefix, ''], (m) => {
    const message = m as { polled?: number; stored?: number };
    counts.polled += message.polled ?? 0;
    counts.stored += message.stored ?? 0;
  });
  const ids = await feeds.due(Number.MAX_SAFE_INTEGER, 100_000);
  const items = ids.length * ITEMS;
  const ingestStart = performance.now();
  await pollQueue.addBulk(
    ids.map((feedId) => ({ name: 'poll', data: { feedId }, opts: pollJobOptions(feedId) })),
  );
  const progress = process.env['BENCH_LOG']
    ? setInterval(() => console.error(target, 'ingest', counts, (performance.now() - ingestStart) | 0), 2000)
    : undefined;
  await waitUntil(
    async () =>
      (counts.polled >= ids.length && counts.stored >= items) ||
      // A failed job never reports: idle queues end the wait, and the failures are counted below.
      (counts.polled + (await pollQueue.getJobCounts('failed')).failed! >= ids.length &&
        (await idle([pollQueue, storiesQueue]))),
    'ingest',
  );
  const ingestSeconds = (performance.now() - ingestStart) / 1000;
  clearInterval(progress);
  await ingestWorkers.stop();

  // A scheduled digest: chats saved a minute before their time (as the bot saves them), then one tick.
  const now = Math.floor(Date.now() / 60_000) * 60_000;
  const tickAt = now + 61_000;
  const time = new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Europe/Kyiv',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(now + 60_000);
  const stories = new StoryStore(redis, keys, { retentionMs: DAY, clusterWindowMs: 36 * 3600_000 });
  const seeded = news.stories(STORIES, now, 'c');
  for (let i = 0; i < seeded.length; i += 200) await stories.save(seeded.slice(i, i + 200), now);
  const delivery = new DeliveryStore(redis, keys);
  const chatStore = withDeliveryIndex(createChatStore(redis, keys), delivery, () => now);
  const api = await startBotApiChild({ track });
  const created: ChatSettings[] = [];
  for (let i = 0; i < CHATS; i += 1) created.push(makeChat(i, now, time));
  const batch = 100;
  for (let i = 0; i < created.length; i += batch)
    await Promise.all(created.slice(i, i + batch).map((chat) => chatStore.save(chat)));
  await api.addChats([
    ...new Map(created.map((c) => [c.key.chatId, { id: c.key.chatId, kind: c.kind }])).values(),
  ]);
  const fanoutWorkers = await startChildren('fanout-worker-child', PROCESSES, [
    url,
    prefix,
    api.apiRoot,
    api.token,
    '100000',
    'false',
    String(tickAt),
  ]);
  const fanoutStart = performance.now();
  await digestQueue.add('tick', {});
  await waitUntil(async () => {
    if (!(await idle([digestQueue, deliverQueue]))) return false;
    return ((await digestQueue.getJobCounts('completed')).completed ?? 0) > 0;
  }, 'the digest to reach every chat');
  const fanoutSeconds = (performance.now() - fanoutStart) / 1000;
  await fanoutWorkers.stop();

  // Each chat must hold every part of its built digest once (matched by text, as bench:fanout does).
  const sent = (await api.report()).sent ?? [];
  const byChat = new Map<string, string[]>();
  for (const [chatId, , , text] of sent)
    byChat.set(String(chatId), [...(byChat.get(String(chatId)) ?? []), text]);
  let duplicates = 0;
  for (const texts of byChat.values()) duplicates += texts.length - new Set(texts).size;
  let expected = 0;
  let lost = 0;
  const window = digestWindow(undefined, tickAt);
  const digestIds = created.map((settings) => digestInputKey(digestInputs(settings), window));
  const digests = await delivery.getDigests(digestIds);
  // Threads of one chat share its chat id in the fake's report: count per chat id.
  const expectedByChat = new Map<string, number>();
  created.forEach((settings, index) => {
    const parts = digests[index]?.parts.length ?? 0;
    expected += Math.max(parts, 1);
    if (!digests[index]) lost += 1; // never built: the whole digest is lost
    const chat = String(settings.key.chatId);
    expectedByChat.set(chat, (expectedByChat.get(chat) ?? 0) + parts);
  });
  for (const [chat, parts] of expectedByChat)
    lost += Math.max(0, parts - new Set(byChat.get(chat) ?? []).size);
  const due = await redis.hlen(keys.deliveryLast());
  // Resends after an attempt whose answer was never recorded (a worker stalled past its lock): the one way the
  // ledger lets a message go twice, so duplicates should not exceed this.
  const uncertainResends = await delivery.uncertainResends();
  // Work given up on: a CROSSSLOT (or any other error) fails its job, so this must be 0 everywhere.
  let failedJobs = 0;
  for (const q of [pollQueue, storiesQueue, digestQueue, deliverQueue])
    failedJobs += (await q.getJobCounts('failed')).failed ?? 0;
  const spread = await measure.read();

  await api.close();
  await Promise.all([pollQueue, storiesQueue, digestQueue, deliverQueue].map((q) => q.close()));
  redis.disconnect();
  return {
    target,
    ingest: {
      items,
      stored: counts.stored,
      seconds: Number(ingestSeconds.toFixed(2)),
      itemsPerSecond: Math.round(items / ingestSeconds),
    },
    fanout: {
      chats: CHATS,
      due,
      expected,
      delivered: sent.length - duplicates,
      lost,
      duplicates,
      seconds: Number(fanoutSeconds.toFixed(2)),
      messagesPerSecond: Math.round(sent.length / fanoutSeconds),
      uncertainResends,
    },
    failedJobs,
    spread,
  };
}

const commandTotal = (info: string) =>
  [...info.matchAll(/^cmdstat_[^:]+:calls=(\d+)/gm)].reduce((sum, match) => sum + Number(match[1]), 0);

async function main(): Promise<void> {
  const load = loadavg()[0] ?? 0;
  const feedServer = await startFeedServerChild(FEEDS, ITEMS, { track });

  const single = await startEmbeddedRedis();
  const singleClient = new Redis(single.port, '127.0.0.1');
  const singleResult = await runOn('single', single.url, feedServer.urls, {
    reset: async () => void (await singleClient.config('RESETSTAT')),
    read: async () => ({
      keys: [await singleClient.dbsize()],
      commands: [commandTotal(await singleClient.info('commandstats'))],
    }),
  });
  singleClient.disconnect();
  await single.stop();

  const cluster = await startLocalCluster(3);
  let clusterResult: TargetResult;
  try {
    clusterResult = await runOn('cluster', cluster.url, feedServer.urls, {
      reset: async () => {
        await Promise.all(cluster.masters().map((master) => master.config('RESETSTAT')));
      },
      read: async () => ({ keys: await keysPerMaster(cluster), commands: await commandsPerMaster(cluster) }),
    });
  } finally {
    await cluster.stop();
    feedServer.stop();
  }

  for (const result of [singleResult, clusterResult]) {
    const { ingest, fanout, spread } = result;
    console.log(
      `${result.target.padEnd(7)} ingest: ${ingest.items} items from ${FEEDS} feeds in ${ingest.seconds} s = ` +
        `${ingest.itemsPerSecond} items/s (${ingest.stored} stored) | digest to ${fanout.chats} chats: ` +
        `${fanout.delivered} messages in ${fanout.seconds} s = ${fanout.messagesPerSecond} msg/s; expected ` +
        `${fanout.expected}, lost ${fanout.lost}, duplicates ${fanout.duplicates} (uncertain resends ${fanout.uncertainResends}); failed jobs ${result.failedJobs}`,
    );
    console.log(
      `        keys per master ${JSON.stringify(spread.keys)}, commands per master ${JSON.stringify(spread.commands)}`,
    );
  }
  const ratio = (a: number, b: number) => Number((a / Math.max(b, 1)).toFixed(2));
  const ingestRatio = ratio(clusterResult.ingest.itemsPerSecond, singleResult.ingest.itemsPerSecond);
  const fanoutRatio = ratio(clusterResult.fanout.messagesPerSecond, singleResult.fanout.messagesPerSecond);
  console.log(
    `cluster / single throughput: ingest ${ingestRatio}x, fan-out ${fanoutRatio}x ` +
      `(${PROCESSES} worker processes each; 3 masters on the same 2 cores; load average ${load.toFixed(1)} at start)`,
  );
  const failures =
    singleResult.fanout.lost +
    singleResult.fanout.duplicates +
    clusterResult.fanout.lost +
    clusterResult.fanout.duplicates +
    singleResult.failedJobs +
    clusterResult.failedJobs;
  console.log(
    JSON.stringify({
      bench: 'cluster',
      masters: 3,
      processes: PROCESSES,
      feeds: FEEDS,
      itemsPerFeed: ITEMS,
      chats: CHATS,
      single: singleResult,
      cluster: clusterResult,
      clusterOverSingle: { ingest: ingestRatio, fanout: fanoutRatio },
      loadAverage: Number(load.toFixed(1)),
      ok: failures === 0,
    }),
  );
  if (failures > 0) process.exitCode = 1;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
