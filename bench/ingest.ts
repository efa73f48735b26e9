// npm run bench:ingest — 500 local feeds x 50 items through real worker processes, queues and Redis. It runs the
// compiled build (dist/bench/ingest.js after npm run build), so the worker processes are what production runs.
// Runs the same two cycles with one worker process, then with two (scaling out on one Redis), in one run.
// Prints the figures, then a JSON summary as the last line.
import { fork, type ChildProcess } from 'node:child_process';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { pollJobOptions, QUEUE_NAMES } from '../jobs/queues.js';
import { startEmbeddedRedis } from '../src/runtime/embedded-redis.js';
import { FeedStore } from '../src/adapters/redis/feed-store.js';
import { createKeys } from '../src/adapters/redis/keys.js';
import { parseFeed } from '../src/core/feed/parse-feed.js';
import { parseWithFastXmlParser } from './support/alt-parse.js';
import { addBenchFeeds } from './support/bench-feeds.js';
import { childEntry } from './support/child-entry.js';
import { startFeedServerChild } from './support/feed-server-client.js';
import { median } from './support/stats.js';
import { measureParallelCapacity } from './support/parallel-capacity.js';

const FEEDS = Number(process.env['BENCH_FEEDS'] ?? 500);
const ITEMS = Number(process.env['BENCH_ITEMS'] ?? 50);
// The V8 flags `npm start`, `npm run worker` and the image start node with; BENCH_NODE_FLAGS='' measures without.
const NODE_FLAGS = (process.env['BENCH_NODE_FLAGS'] ?? '--max-semi-space-size=2 --heap-growing-percent=50')
  .split(' ')
  .filter(Boolean);

interface WorkerChild {
  child: ChildProcess;
  counts: ClusteringCounts & { polled: number; stored: number };
}

/** What the stories jobs report about racing each other (ProcessStoriesResult). */
interface ClusteringCounts {
  batches: number;
  rounds: number;
  conflicts: number;
  stale: number;
}

async function startWorkers(count: number, redisUrl: string, prefix: string): Promise<WorkerChild[]> {
  return Promise.all(
    Array.from({ length: count }, async () => {
      const entry = childEntry('worker-child');
      const child = fork(entry.path, [redisUrl, prefix, process.env['BENCH_CONCURRENCY'] ?? ''], {
        execArgv: [...entry.execArgv, ...NODE_FLAGS],
        stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      });
      const counts = { polled: 0, stored: 0, batches: 0, rounds: 0, conflicts: 0, stale: 0 };
      await new Promise<void>((resolve) => {
        child.on('message', (message: Partial<typeof counts> & { ready?: boolean }) => {
          if (message.ready) resolve();
          for (const key of Object.keys(counts) as (keyof typeof counts)[]) counts[key] += message[key] ?? 0;
        });
      });
      return { child, counts };
    }),
  );
}

async function stopWorkers(workers: WorkerChild[]): Promise<number> {
  const peaks = await Promise.all(
    workers.map(
      ({ child }) =>
        new Promise<number>((resolve) => {
          child.on('message', (message: { peakRss?: number }) => {
            if (message.peakRss !== undefined) resolve(message.peakRss);
          });
          child.send({ stop: true });
        }),
    ),
  );
  return Math.max(...peaks);
}

/** CPU µs (user + system) the worker processes have used so far, summed. */
async function workersCpuUs(workers: WorkerChild[]): Promise<number> {
  const each = await Promise.all(
    workers.map(
      ({ child }) =>
        new Promise<number>((resolve) => {
          const onMessage = (message: { cpuUs?: number }) => {
            if (message.cpuUs === undefined) return;
            child.off('message', onMessage);
            resolve(message.cpuUs);
          };
          child.on('message', onMessage);
          child.send({ cpu: true });
        }),
    ),
  );
  return each.reduce((sum, value) => sum + value, 0);
}

/** Redis's own user+system CPU seconds so far (INFO CPU). */
async function redisCpuSeconds(redis: Redis): Promise<number> {
  const info = await redis.info('cpu');
  const value = (name: string) => Number(new RegExp(`${name}:([\\d.]+)`).exec(info)?.[1] ?? 0);
  return value('used_cpu_user') + value('used_cpu_sys');
}

/** Calls and CPU µs per command since the last CONFIG RESETSTAT (INFO commandstats; script-internal calls count). */
async function commandStats(redis: Redis): Promise<{ command: string; calls: number; usec: number }[]> {
  const info = await redis.info('commandstats');
  return [...info.matchAll(/cmdstat_([\w|]+):calls=(\d+),usec=(\d+)/g)]
    .map((match) => ({ command: match[1] as string, calls: Number(match[2]), usec: Number(match[3]) }))
    .sort((a, b) => b.usec - a.usec);
}

const total = (workers: WorkerChild[], key: keyof WorkerChild['counts']) =>
  workers.reduce((sum, worker) => sum + worker.counts[key], 0);

async function waitFor(check: () => boolean, timeoutMs = 600_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('benchmark timed out');
    await new Promise((r) => setTimeout(r, 5));
  }
}

/**
 * One ingestion setup: worker processes sharing a key prefix (one deployment) and the feeds it polls. Two
 * pipelines side by side share nothing but the machine and the Redis server.
 */
interface Pipeline {
  prefix: string;
  processes: number;
  urls: string[];
}

async function runRound(label: string, pipelines: Pipeline[], redisUrl: string) {
  const processes = pipelines.reduce((sum, pipeline) => sum + pipeline.processes, 0);
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: null });
  const setups = await Promise.all(
    pipelines.map(async (pipeline) => {
      const keys = createKeys(pipeline.prefix);
      const feeds = new FeedStore(redis, keys);
      await addBenchFeeds(feeds, pipeline.urls);
      const pollQueue = new Queue(QUEUE_NAMES.poll, {
        connection: redis as never,
        prefix: keys.bullPrefix(QUEUE_NAMES.poll),
      });
      return { feeds, pollQueue, workers: await startWorkers(pipeline.processes, redisUrl, pipeline.prefix) };
    }),
  );
  const workers = setups.flatMap((setup) => setup.workers);
  const pollAll = async () => {
    let count = 0;
    for (const { feeds, pollQueue } of setups) {
      const ids = await feeds.due(Number.MAX_SAFE_INTEGER, 100_000);
      await pollQueue.addBulk(
        ids.map((feedId) => ({ name: 'poll', data: { feedId }, opts: pollJobOptions(feedId) })),
      );
      count += ids.length;
    }
    return count;
  };

  await redis.config('RESETSTAT');
  const redisCpuBefore = await redisCpuSeconds(redis);
  const workerCpuBefore = await workersCpuUs(workers);
  const t1 = performance.now();
  const feedCount = await pollAll();
  const items = feedCount * ITEMS;
  await waitFor(() => total(workers, 'polled') >= feedCount && total(workers, 'stored') >= items);
  const cycle1Ms = performance.now() - t1;
  const redisCpu = (await redisCpuSeconds(redis)) - redisCpuBefore;
  const workerCpuUs = (await workersCpuUs(workers)) - workerCpuBefore;
  const stats = await commandStats(redis);

  const t2 = performance.now();
  await pollAll();
  await waitFor(() => total(workers, 'polled') >= 2 * feedCount);
  const cycle2Ms = performance.now() - t2;

  const peakRss = await stopWorkers(workers);
  for (const { pollQueue } of setups) await pollQueue.close();
  await redis.quit();
  return {
    label,
    processes,
    items,
    stored: total(workers, 'stored'),
    cycle1Ms: Math.round(cycle1Ms),
    /** CPU seconds Redis spent during cycle 1: the share of the 2 cores that worker processes cannot use. */
    redisCpuSeconds: Number(redisCpu.toFixed(1)),
    itemsPerSecond: Math.round(items / (cycle1Ms / 1000)),
    cycle2Ms: Math.round(cycle2Ms),
    peakRssMb: Math.round(peakRss / 1024 / 1024),
    redisCpuUsPerItem: Math.round((redisCpu * 1e6) / items),
    /** Worker processes' CPU in cycle 1 (all of them), per item; with Redis's, the cost per item on this machine. */
    workerCpuUsPerItem: Math.round(workerCpuUs / items),
    cpuUsPerItem: Math.round((redisCpu * 1e6 + workerCpuUs) / items),
    /** Read-decide-commit rounds per stories batch (1.0: no job ever raced another), and refused commits. */
    roundsPerBatch: Number((total(workers, 'rounds') / Math.max(1, total(workers, 'batches'))).toFixed(2)),
    refusedPerItem: {
      conflict: Number((total(workers, 'conflicts') / items).toFixed(3)),
      stale: Number((total(workers, 'stale') / items).toFixed(3)),
    },
    redisCallsPerItem: Number((stats.reduce((sum, stat) => sum + stat.calls, 0) / items).toFixed(1)),
    topRedisCommands: stats.slice(0, 6).map((stat) => ({
      command: stat.command,
      callsPerItem: Number((stat.calls / items).toFixed(2)),
      usPerItem: Number((stat.usec / items).toFixed(1)),
    })),
  };
}

async function main(): Promise<void> {
  const redisServer = await startEmbeddedRedis();
  const feedServer = await startFeedServerChild(FEEDS, ITEMS);
  const urls = feedServer.urls;
  const machine = await measureParallelCapacity();
  const one = await runRound('1 worker process', [{ prefix: 'bench1', processes: 1, urls }], redisServer.url);
  const two = await runRound(
    '2 worker processes, one deployment',
    [{ prefix: 'bench2', processes: 2, urls }],
    redisServer.url,
  );
  // What a second process can add on this machine at best: two deployments that share no key (each polls half
  // the feeds), so nothing they do can race. Two processes of one deployment can only approach this.
  const half = Math.ceil(urls.length / 2);
  const apart = await runRound(
    '2 separate deployments, half the feeds each (the ceiling)',
    [
      { prefix: 'benchA', processes: 1, urls: urls.slice(0, half) },
      { prefix: 'benchB', processes: 1, urls: urls.slice(half) },
    ],
    redisServer.url,
  );

  // Parse cost per item, parseFeed (xml2js, sliced) versus fast-xml-parser, on one generated feed (median of several runs).
  const sampleXml = await (await fetch(feedServer.urls[0] as string)).text();
  const runs = 15;
  const rssParserMs: number[] = [];
  const fxpMs: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    let t = performance.now();
    const parsed = await parseFeed(sampleXml);
    rssParserMs.push((performance.now() - t) / parsed.items.length);
    t = performance.now();
    const alt = parseWithFastXmlParser(sampleXml);
    fxpMs.push((performance.now() - t) / alt.length);
  }
  const rssParserUs = median(rssParserMs) * 1000;
  const fxpUs = median(fxpMs) * 1000;
  feedServer.stop();
  await redisServer.stop();

  const summary = {
    feeds: FEEDS,
    itemsPerFeed: ITEMS,
    oneProcess: one,
    twoProcesses: two,
    separateDeployments: apart,
    /** Pure CPU work of two processes over one, measured before the rounds: the machine's own ceiling. */
    machineParallelCapacity: machine,
    scaleOutRatio: Number((two.itemsPerSecond / one.itemsPerSecond).toFixed(2)),
    /** Two processes sharing nothing over one process: the most a second process can add on this machine. */
    ceilingRatio: Number((apart.itemsPerSecond / one.itemsPerSecond).toFixed(2)),
    /** How much of that ceiling two processes of one deployment reach. */
    ofCeiling: Number((two.itemsPerSecond / apart.itemsPerSecond).toFixed(2)),
    parseUsPerItem: { rssParser: Number(rssParserUs.toFixed(1)), fastXmlParser: Number(fxpUs.toFixed(1)) },
    parseRatioRssParserOverFastXml: Number((rssParserUs / fxpUs).toFixed(2)),
    // Issue 10: the all-304 cycle of 500 feeds within 0.5 s, peak RSS per process at most 150 MB.
    targets: { itemsPerSecond: 5000, cycle2Ms: 500, peakRssMb: 150, cpuUsPerItem: 300, scaleOutRatio: 1.3 },
  };
  for (const round of [one, two, apart]) {
    console.log(`${round.label}:`);
    console.log(
      `  cycle 1 (all new)  ${round.items} items in ${round.cycle1Ms} ms = ${round.itemsPerSecond} items/s (target >= 5000)`,
    );
    console.log(
      `  Redis CPU in cycle 1  ${round.redisCpuSeconds} s = ${round.redisCpuUsPerItem} µs per item, ${round.redisCallsPerItem} calls per item`,
    );
    console.log(
      `  worker CPU in cycle 1  ${round.workerCpuUsPerItem} µs per item; with Redis ${round.cpuUsPerItem} µs per item (target <= 300)`,
    );
    console.log(
      `  clustering  ${round.roundsPerBatch} rounds per batch; refused commits per item: ${round.refusedPerItem.conflict} conflict, ${round.refusedPerItem.stale} stale`,
    );
    for (const stat of round.topRedisCommands) {
      console.log(`    ${stat.command.padEnd(20)} ${stat.callsPerItem} calls, ${stat.usPerItem} µs per item`);
    }
    console.log(`  cycle 2 (all 304)  ${round.cycle2Ms} ms (target <= 500 for 500 feeds)`);
    console.log(`  peak RSS           ${round.peakRssMb} MB per worker process (target <= 150)`);
  }
  console.log(`scale-out ratio (2 / 1 processes): ${summary.scaleOutRatio}`);
  console.log(
    `machine: CPU work alone ${machine.aloneMs} ms, two copies at once ${machine.togetherMs} ms each: two processes do ${machine.capacity}x the work of one`,
  );
  console.log(
    `ceiling on this machine (2 separate deployments / 1 process): ${summary.ceilingRatio}; one deployment reaches ${summary.ofCeiling} of it`,
  );
  console.log(
    `parse per item: parseFeed ${summary.parseUsPerItem.rssParser} µs, fast-xml-parser ${summary.parseUsPerItem.fastXmlParser} µs (median of ${runs})`,
  );
  console.log(JSON.stringify(summary));
}

await main();
