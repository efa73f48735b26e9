// npm run bench:memory — what a production process costs before it does any work: the compiled build
// (dist/bin/newsdigest.js, as `npm start` and the image run it) started as `worker`, `bot` and `start` against a
// private Redis, the local feed server and the local Bot API server.
//   cold start: process start -> first poll (the first feed request for worker/start, the first getUpdates for
//               bot), median of BENCH_STARTS starts (default 5)
//   idle RSS:   VmRSS from /proc/<pid>/status after BENCH_IDLE_MS (default 10 s) with nothing left to do
// Prints the figures, then a JSON summary as the last line. Node flags for the measured processes can be given in
// BENCH_NODE_FLAGS (default: the launcher's) to compare launcher settings within one machine.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startBotApiServer, type BotApiServer } from '../tools/bot-api-server/server.js';
import { etagOf, startFeedServer, withEtag, type FeedServer } from '../tools/feed-server/server.js';
import { rssDocument } from '../tools/feed-server/rss-fixtures.js';
import { realisticItems } from '../tools/feed-server/realistic-feeds.js';
import { Redis } from 'ioredis';
import { loadFeedsFile } from '../src/adapters/feeds-file-loader.js';
import { FeedStore } from '../src/adapters/redis/feed-store.js';
import { createKeys } from '../src/adapters/redis/keys.js';
import { startEmbeddedRedis } from '../src/runtime/embedded-redis.js';
import { findFreePort } from '../src/lib/free-port.js';
import { median } from './support/stats.js';

type Kind = 'worker' | 'bot' | 'start';

const FEEDS = Number(process.env['BENCH_FEEDS'] ?? 12);
const ITEMS = Number(process.env['BENCH_ITEMS'] ?? 50);
const STARTS = Number(process.env['BENCH_STARTS'] ?? 5);
const IDLE_MS = Number(process.env['BENCH_IDLE_MS'] ?? 10_000);
// Default: the V8 flags `npm start` and the image start node with (BENCH_NODE_FLAGS='' measures without).
const NODE_FLAGS = (process.env['BENCH_NODE_FLAGS'] ?? '--max-semi-space-size=2 --heap-growing-percent=50')
  .split(' ')
  .filter(Boolean);
// The compiled entry point, whichever tree this file runs from (dist/bench -> dist/bin); BENCH_ENTRY measures
// another build (e.g. one of the previous commit) with this same harness.
const ENTRY = process.env['BENCH_ENTRY'] ?? fileURLToPath(new URL('../bin/newsdigest.js', import.meta.url));

/** One feed server for every start; each start gets its own paths, so "first request" is that start's. */
function mountFeeds(server: FeedServer, tag: string, firstHit: { at?: number }): string[] {
  const now = Date.now();
  return Array.from({ length: FEEDS }, (_, n) => {
    const { lang, items } = realisticItems(n, ITEMS, now);
    const body = rssDocument(`Feed ${n}`, `https://outlet${n}.example/`, lang, items);
    const serve = withEtag(body, etagOf(body));
    const path = `/${tag}/feed-${n}.xml`;
    server.route(path, (req, res) => {
      firstHit.at ??= performance.now();
      return serve(req, res);
    });
    return `${server.url}${path}`;
  });
}

function feedsFile(dir: string, urls: string[]): string {
  const path = join(dir, 'feeds.yaml');
  const lines = urls.map(
    (url, n) => `  - { url: '${url}', lang: ${n % 2 === 0 ? 'uk' : 'ru'}, name: Outlet ${n} }`,
  );
  writeFileSync(path, `feeds:\n${lines.join('\n')}\n`);
  return path;
}

/** CPU time (user + system) a running process has used so far, in ms: start-up cost that load does not inflate. */
function cpuMsOf(pid: number): number {
  // Fields after the command name (which may hold spaces): utime and stime are the 12th and 13th, in clock ticks.
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
}

/** VmRSS and VmHWM (peak) of a running process, in MB. */
function rssOf(pid: number): { rssMb: number; peakMb: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
  return { rssMb: Math.round(kb('VmRSS') / 1024), peakMb: Math.round(kb('VmHWM') / 1024) };
}

async function waitFor(check: () => boolean, what: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 2));
  }
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

interface Run {
  coldStartMs: number;
  coldStartCpuMs: number;
  rssMb?: number;
  peakMb?: number;
}

interface World {
  redisUrl: string;
  redis: Redis;
  feeds: FeedServer;
  api: BotApiServer;
  dir: string;
}

let runs = 0;

/**
 * A restart, not a first install: the feeds are already known and due. (A feed new to Redis gets its first poll at
 * a spread-out moment in the next 20 s on purpose, which would measure the spreading, not the start.)
 */
async function seedDue(redis: Redis, prefix: string, file: string): Promise<void> {
  const feeds = new FeedStore(redis, createKeys(prefix));
  const { feeds: definitions } = await loadFeedsFile(file);
  await feeds.syncFromFile(definitions, Date.now());
  for (const feed of definitions) await feeds.scheduleAt(feed.id, 0);
}

/** One start of `kind`: time to its first poll, and (when asked) its RSS after sitting idle. */
async function runOnce(kind: Kind, world: World, measureIdle: boolean): Promise<Run> {
  runs += 1;
  const firstHit: { at?: number } = {};
  const urls = mountFeeds(world.feeds, `${kind}${runs}`, firstHit);
  const updatesBefore = world.api.calls('getUpdates').length;
  const prefix = `mem${runs}`;
  const file = feedsFile(world.dir, urls);
  await seedDue(world.redis, prefix, file);
  const env: NodeJS.ProcessEnv = {
    PATH: process.env['PATH'],
    NODE_ENV: 'production',
    REDIS_URL: world.redisUrl,
    REDIS_PREFIX: prefix,
    FEEDS_FILE: file,
    ALLOW_PRIVATE_FEEDS: 'true',
    DATA_DIR: join(world.dir, 'data'),
    BOT_TOKEN: world.api.token,
    TELEGRAM_API_ROOT: world.api.apiRoot,
    // As docker-compose runs it: /healthz and /metrics on, the dashboard off.
    HTTP_PORT: String(await findFreePort()),
    LOG_LEVEL: 'info',
  };
  const started = performance.now();
  // cwd is the scratch folder, so no .env of the checkout is read.
  const child = spawn(process.execPath, [...NODE_FLAGS, ENTRY, kind], {
    cwd: world.dir,
    env,
    stdio: ['ignore', process.env['BENCH_LOG'] ? 'inherit' : 'ignore', 'inherit'],
  });
  try {
    const polled =
      kind === 'bot'
        ? () => world.api.calls('getUpdates').length > updatesBefore
        : () => firstHit.at !== undefined;
    await waitFor(() => polled() || child.exitCode !== null, `${kind}'s first poll`);
    if (child.exitCode !== null)
      throw new Error(`${kind} exited with ${child.exitCode} before its first poll`);
    const cpuMs = cpuMsOf(child.pid as number);
    const at = kind === 'bot' ? performance.now() : (firstHit.at as number);
    const run: Run = { coldStartMs: Math.round(at - started), coldStartCpuMs: cpuMs };
    if (measureIdle) {
      await new Promise((r) => setTimeout(r, IDLE_MS));
      Object.assign(run, rssOf(child.pid as number));
    }
    return run;
  } finally {
    await stop(child);
  }
}

async function main(): Promise<void> {
  const redis = await startEmbeddedRedis();
  const feeds = await startFeedServer();
  const api = await startBotApiServer();
  const dir = mkdtempSync(join(tmpdir(), 'nd-bench-memory-'));
  const client = new Redis(redis.url, { maxRetriesPerRequest: null });
  const world: World = { redisUrl: redis.url, redis: client, feeds, api, dir };
  const kinds: Kind[] = ['worker', 'bot', 'start'];
  const results: Record<
    string,
    { idleRssMb: number; startupPeakRssMb: number; coldStartMs: number[]; cpuMs: number[] }
  > = {};
  try {
    // One warm-up start, so the first measured start does not also pay for the page cache.
    await runOnce('worker', world, false);
    for (const kind of kinds) {
      const idle = await runOnce(kind, world, true);
      const cold = [idle.coldStartMs];
      const cpuMs = [idle.coldStartCpuMs];
      for (let i = 1; i < STARTS; i += 1) {
        const run = await runOnce(kind, world, false);
        cold.push(run.coldStartMs);
        cpuMs.push(run.coldStartCpuMs);
      }
      results[kind] = {
        idleRssMb: idle.rssMb ?? 0,
        startupPeakRssMb: idle.peakMb ?? 0,
        coldStartMs: cold,
        cpuMs,
      };
    }
  } finally {
    await client.quit();
    await api.close();
    await feeds.close();
    await redis.stop();
    rmSync(dir, { recursive: true, force: true });
  }

  const summary = {
    loadAverage: Number(loadavg()[0]!.toFixed(1)),
    nodeFlags: NODE_FLAGS.join(' '),
    idleMs: IDLE_MS,
    feeds: FEEDS,
    itemsPerFeed: ITEMS,
    ...Object.fromEntries(
      kinds.map((kind) => {
        const r = results[kind]!;
        return [
          kind,
          {
            idleRssMb: r.idleRssMb,
            peakRssMb: r.startupPeakRssMb,
            coldStartMedianMs: Math.round(median(r.coldStartMs)),
            coldStartMs: r.coldStartMs,
            coldStartCpuMedianMs: Math.round(median(r.cpuMs)),
          },
        ];
      }),
    ),
    targets: { idleRssMb: 80, coldStartMs: 1000 },
  };
  console.log(
    `node ${process.version} ${NODE_FLAGS.join(' ')}, load average ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}`,
  );
  for (const kind of kinds) {
    const r = results[kind]!;
    console.log(
      `${kind.padEnd(7)} idle RSS ${r.idleRssMb} MB (peak ${r.startupPeakRssMb} MB, target <= 80)  ` +
        `cold start median ${Math.round(median(r.coldStartMs))} ms of [${r.coldStartMs.join(', ')}] (target <= 1000), ` +
        `${Math.round(median(r.cpuMs))} ms CPU`,
    );
  }
  console.log(JSON.stringify(summary));
}

await main();
