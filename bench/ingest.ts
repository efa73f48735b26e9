// npm run bench:ingest — 500 local feeds x 50 items through the real worker, queues and Redis.
// Prints the figures, then a JSON summary as the last line.
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { Redis } from 'ioredis';
import { pino } from 'pino';
import { pollJobOptions } from '../jobs/queues.js';
import { startWorker } from '../jobs/worker.js';
import { createFeedFetcher } from '../src/adapters/http/feed-fetcher.js';
import { startEmbeddedRedis } from '../src/adapters/redis/embedded-redis.js';
import { FeedStore } from '../src/adapters/redis/feed-store.js';
import { createKeys } from '../src/adapters/redis/keys.js';
import { SeenStore } from '../src/adapters/redis/seen-store.js';
import { StoryStore } from '../src/adapters/redis/story-store.js';
import { CLUSTER_WINDOW_MS } from '../src/core/cluster/similarity.js';
import { parseFeed } from '../src/core/feed/parse-feed.js';
import { feedIdFor } from '../src/core/feeds/feed-id.js';
import { buildTopics } from '../src/runtime/topics-runtime.js';
import { parseWithFastXmlParser } from './support/alt-parse.js';
import { median, trackPeakRss } from './support/stats.js';

const FEEDS = Number(process.env['BENCH_FEEDS'] ?? 500);
const ITEMS = Number(process.env['BENCH_ITEMS'] ?? 50);

async function startFeedServerChild(): Promise<{ urls: string[]; stop(): void }> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'bench/support/feed-server-child.ts', String(FEEDS), String(ITEMS)],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const firstLine = await new Promise<string>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout });
    lines.once('line', resolve);
    child.once('exit', (code) => reject(new Error(`feed server exited with ${code}`)));
  });
  return { urls: (JSON.parse(firstLine) as { urls: string[] }).urls, stop: () => child.kill('SIGTERM') };
}

async function waitUntilDrained(check: () => Promise<boolean>): Promise<void> {
  while (!(await check())) await new Promise((r) => setTimeout(r, 10));
  if (process.env['BENCH_LOG']) console.error('drained');
}

async function main(): Promise<void> {
  const redisServer = await startEmbeddedRedis();
  const feedServer = await startFeedServerChild();
  const redis = new Redis(redisServer.url, { maxRetriesPerRequest: null });
  const connection = new Redis(redisServer.url, { maxRetriesPerRequest: null });
  const keys = createKeys('bench');
  const retentionMs = 14 * 86_400_000;
  const feeds = new FeedStore(redis, keys);
  const now = Date.now();
  for (const [index, url] of feedServer.urls.entries()) {
    await feeds.add(
      {
        id: feedIdFor(url),
        url,
        lang: index % 2 === 0 ? 'uk' : 'ru',
        name: `Outlet ${index % 25}`,
        intervalMs: 300_000,
        topics: [],
        source: 'file',
      },
      now,
    );
  }
  const fetcher = createFeedFetcher({ allowPrivate: true, perHostConcurrency: 64 });
  const { classify } = buildTopics({});
  const worker = await startWorker({
    connection,
    redis,
    keys,
    feeds,
    seen: new SeenStore(redis, keys, retentionMs),
    stories: new StoryStore(redis, keys, { retentionMs, clusterWindowMs: CLUSTER_WINDOW_MS }),
    fetcher,
    classify,
    logger: pino({ level: process.env['BENCH_LOG'] ?? 'silent' }),
    concurrency: 32,
    sweep: false,
  });
  let polled = 0;
  let stored = 0;
  worker.workers.poll.on('completed', () => {
    polled += 1;
  });
  worker.workers.stories.on('completed', (_job, result: { stored: number }) => {
    stored += result.stored;
  });

  const pollAll = async () => {
    const ids = await feeds.due(Number.MAX_SAFE_INTEGER, 100_000);
    await worker.queues.poll.addBulk(
      ids.map((feedId) => ({ name: 'poll', data: { feedId }, opts: pollJobOptions(feedId) })),
    );
    return ids.length;
  };
  const rss = trackPeakRss();

  // Cycle 1: every item is new (fetch, decode, parse, normalise, dedupe, classify, cluster, store).
  const t1 = performance.now();
  const feedCount = await pollAll();
  const expectedItems = feedCount * ITEMS;
  await waitUntilDrained(async () => {
    if (process.env['BENCH_LOG'])
      console.error({ polled, stored, counts: await worker.queues.stories.getJobCounts() });
    return polled >= feedCount && stored >= expectedItems;
  });
  const cycle1Ms = performance.now() - t1;

  // Cycle 2: nothing changed, so every poll is a conditional GET answered 304.
  polled = 0;
  const t2 = performance.now();
  await pollAll();
  await waitUntilDrained(async () => polled >= feedCount);
  const cycle2Ms = performance.now() - t2;
  const peakRss = rss.stop();

  // Parse cost per item, rss-parser versus fast-xml-parser, on one generated feed (median of several runs).
  const sampleXml = await (await fetch(feedServer.urls[0] as string)).text();
  const runs = 15;
  const rssParserMs: number[] = [];
  const fxpMs: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    let t = performance.now();
    const parsed = await parseFeed(sampleXml);
    rssParserMs.push((performance.now() - t) / parsed.items.length);
    t = performance.now();
    const items = parseWithFastXmlParser(sampleXml);
    fxpMs.push((performance.now() - t) / items.length);
  }
  const rssParserUs = median(rssParserMs) * 1000;
  const fxpUs = median(fxpMs) * 1000;
  const storedStories = Number(await redis.eval(`return #redis.call('keys', ARGV[1])`, 0, 'bench:story:*'));

  await worker.close();
  await fetcher.close();
  await Promise.all([redis.quit(), connection.quit()]);
  feedServer.stop();
  await redisServer.stop();

  const itemsPerSecond = expectedItems / (cycle1Ms / 1000);
  const summary = {
    feeds: feedCount,
    itemsPerFeed: ITEMS,
    items: expectedItems,
    storedStories,
    cycle1Ms: Math.round(cycle1Ms),
    cycle1ItemsPerSecond: Math.round(itemsPerSecond),
    cycle2AllNotModifiedMs: Math.round(cycle2Ms),
    parseUsPerItem: { rssParser: Number(rssParserUs.toFixed(1)), fastXmlParser: Number(fxpUs.toFixed(1)) },
    parseRatioRssParserOverFastXml: Number((rssParserUs / fxpUs).toFixed(2)),
    peakRssMb: Math.round(peakRss / 1024 / 1024),
    targets: { itemsPerSecond: 5000, cycle2Ms: 1000, peakRssMb: 200 },
    pass: itemsPerSecond >= 5000 && cycle2Ms <= 1000 && peakRss <= 200 * 1024 * 1024,
  };
  console.log(`feeds x items           ${feedCount} x ${ITEMS} = ${expectedItems} (stored ${storedStories})`);
  console.log(
    `cycle 1 (all new)       ${summary.cycle1Ms} ms, ${summary.cycle1ItemsPerSecond} items/s (target >= 5000)`,
  );
  console.log(`cycle 2 (all 304)       ${summary.cycle2AllNotModifiedMs} ms (target <= 1000)`);
  console.log(
    `parse per item          rss-parser ${summary.parseUsPerItem.rssParser} µs, fast-xml-parser ${summary.parseUsPerItem.fastXmlParser} µs (median of ${runs})`,
  );
  console.log(`peak RSS (worker proc)  ${summary.peakRssMb} MB (target <= 200)`);
  console.log(JSON.stringify(summary));
}

await main();
