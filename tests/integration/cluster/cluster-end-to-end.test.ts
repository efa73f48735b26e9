import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pollJobOptions } from '../../../jobs/queues.js';
import { buildWorker, type BuiltWorker, type RunningDelivery } from '../../../jobs/worker-factory.js';
import { createFeedFetcher } from '../../../src/adapters/http/feed-fetcher.js';
import { createChatStore } from '../../../src/adapters/redis/chat-store.js';
import { DeliveryStore } from '../../../src/adapters/redis/delivery-store.js';
import { createKeys } from '../../../src/adapters/redis/keys.js';
import type { RedisClient } from '../../../src/adapters/redis/redis-client.js';
import { createTelegramSender } from '../../../src/adapters/telegram/sender.js';
import { digestInputKey, digestInputs, digestWindow } from '../../../src/core/digest/digest-input-key.js';
import { feedIdFor } from '../../../src/core/feed/feed-id.js';
import { connectRedis } from '../../../src/runtime/redis-connection.js';
import { startBotApiServer, type BotApiServer } from '../../../tools/bot-api-server/server.js';
import {
  startSampleFeedServer,
  type SampleFeedServer,
} from '../../../tools/feed-server/sample-feed-server.js';
import { SAMPLE_FEEDS } from '../../../tools/feed-server/sample-feeds.js';
import { TEST_TOPICS } from '../../../tools/in-memory/test-topics.js';
import {
  keysPerMaster,
  startLocalCluster,
  type LocalCluster,
} from '../../../tools/redis-cluster/local-cluster.js';
import { testWorkerSettings } from '../../support/test-settings.js';
import { waitFor } from '../../support/worker-harness.js';
import { addDigestAudience, audienceSettings, FORUM_THREAD } from '../jobs/delivery/delivery-harness.js';

/**
 * Issue 10: the whole pipeline on a private 3-master Redis Cluster, through a `redis+cluster://` REDIS_URL. Two
 * workers poll real feeds, cluster the stories and deliver one scheduled digest to a private chat, a group, a
 * channel and a forum thread. Any multi-key command, MULTI or script whose keys span slots fails with CROSSSLOT,
 * which fails its job: so every chat getting its digest exactly once, and no failed job anywhere, is the check
 * that the slot plan holds.
 */
const T0 = Date.parse('2025-06-10T05:00:00Z'); // 08:00 in Kyiv
const MIN = 60_000;
const PREFIX = 'ndc';

let cluster: LocalCluster;
let api: BotApiServer;
let feeds: SampleFeedServer;
let stores: RedisClient;
let connection: RedisClient;
const clock = { now: T0 };
const fetcher = createFeedFetcher({ allowPrivate: true });
const workers: BuiltWorker[] = [];

beforeAll(async () => {
  cluster = await startLocalCluster(3);
  api = await startBotApiServer();
  feeds = await startSampleFeedServer(() => clock.now);
  stores = connectRedis(cluster.url, 'test-cluster-stores');
  connection = connectRedis(cluster.url, 'test-cluster-queues');
  for (let i = 0; i < 2; i += 1) {
    workers.push(
      await buildWorker({
        connection,
        redis: stores,
        redisPrefix: PREFIX,
        settings: testWorkerSettings({
          delivery: {
            ratePerSecond: 1000,
            concurrency: 20,
            budget: { privateIntervalMs: 200, groupPerMinute: 300, marginMs: 0, chatMarginMs: 0 },
          },
        }),
        fetcher,
        logger: pino({ level: 'silent' }),
        now: () => clock.now,
        sweep: false,
        schedule: false,
        instant: false,
        delivery: {
          chats: createChatStore(stores, createKeys(PREFIX)),
          topics: () => TEST_TOPICS,
          sender: createTelegramSender(api.token, api.apiRoot, { timeoutMs: 5_000 }),
        },
      }),
    );
  }
}, 60_000);

afterAll(async () => {
  for (const worker of workers) await worker.close();
  await fetcher.close();
  stores?.disconnect();
  connection?.disconnect();
  await feeds?.close();
  await api?.close();
  await cluster?.stop();
});

const delivery = (): RunningDelivery => workers[0]!.worker.delivery!;

async function queuesIdle(): Promise<boolean> {
  const queues = [...Object.values(workers[0]!.worker.queues), ...Object.values(delivery().queues)];
  for (const queue of queues) {
    const counts = await queue.getJobCounts('waiting', 'active', 'delayed', 'prioritized');
    if (Object.values(counts).some((n) => n > 0)) return false;
  }
  return true;
}

/** Failed jobs per queue, with their reasons (a CROSSSLOT shows here). */
async function failedJobs(): Promise<Record<string, string[]>> {
  const queues = [...Object.values(workers[0]!.worker.queues), ...Object.values(delivery().queues)];
  const failed: Record<string, string[]> = {};
  for (const queue of queues)
    failed[queue.name] = (await queue.getJobs(['failed'])).map((job) => `${job.name}: ${job.failedReason}`);
  return failed;
}
const NONE_FAILED = { poll: [], stories: [], maintenance: [], digest: [], deliver: [] };

describe('on a 3-master Redis Cluster (redis+cluster://)', () => {
  it('ingests feeds and delivers one scheduled digest to every chat, with keys on every master', async () => {
    const { feeds: feedStore, keys } = workers[0]!;
    const urls = [feeds.urls.uk, feeds.urls.ru, feeds.wireUrl('Укрінформ', 'uk'), feeds.wireUrl('РБК', 'ru')];
    // Another outlet reports a bundled sample story too: clustering joins across feeds.
    feeds.publishToWire('Укрінформ', SAMPLE_FEEDS.uk.items[0]!, T0 - 20 * MIN);
    for (const [index, url] of urls.entries()) {
      await feedStore.add(
        {
          id: feedIdFor(url),
          url,
          lang: index % 2 === 0 ? 'uk' : 'ru',
          name: `Outlet ${index}`,
          intervalMs: 300_000,
          topics: [],
          source: 'file',
        },
        clock.now,
      );
    }
    const ids = await feedStore.due(Number.MAX_SAFE_INTEGER, 100);
    expect(ids).toHaveLength(urls.length);
    await workers[0]!.worker.queues.poll.addBulk(
      ids.map((feedId) => ({ name: 'poll', data: { feedId }, opts: pollJobOptions(feedId) })),
    );
    await waitFor(queuesIdle, 'polls and stories to finish', 30_000);
    expect(await failedJobs()).toEqual(NONE_FAILED);
    expect(await stores.zcard(keys.langIndex('uk'))).toBeGreaterThan(0);
    expect(await stores.zcard(keys.langIndex('ru'))).toBeGreaterThan(0);

    // Subscriptions as the bot stores them (forum-thread-digest.test.ts makes them with commands), through the store
    // that keeps the due index.
    const audience = addDigestAudience(api);
    const { forum } = audience;
    const subscribed = audienceSettings(audience, '08:03', clock.now);
    for (const settings of subscribed) await delivery().chats.save(settings);

    clock.now = T0 + 3 * MIN + 1_000;
    const tick = await delivery().tick();
    expect(tick.due).toBe(subscribed.length);
    await waitFor(queuesIdle, 'the digest to be built and delivered', 30_000);

    const ledger = new DeliveryStore(stores, keys);
    for (const settings of subscribed) {
      const digestId = digestInputKey(digestInputs(settings), digestWindow(undefined, clock.now));
      const [digest] = await ledger.getDigests([digestId]);
      expect(digest, `digest for ${JSON.stringify(settings.key)}`).toBeDefined();
      const got = api
        .sent(settings.key.chatId)
        .filter((message) => message.message_thread_id === settings.key.threadId)
        .map((message) => message.text);
      // Exactly its digest's parts, each once: none lost, none sent twice.
      expect(got).toHaveLength(digest!.parts.length);
      expect(new Set(got).size).toBe(got.length);
    }
    // The forum's other threads and the general topic got nothing.
    expect(api.sent(forum.id).every((message) => message.message_thread_id === FORUM_THREAD)).toBe(true);
    expect(await failedJobs()).toEqual(NONE_FAILED);

    // The load spreads: every master holds keys of this run.
    const perMaster = await keysPerMaster(cluster);
    expect(perMaster).toHaveLength(3);
    for (const count of perMaster) expect(count).toBeGreaterThan(0);
  }, 120_000);
});
