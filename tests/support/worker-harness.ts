import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { pino } from 'pino';
import { pollJobOptions } from '../../jobs/queues.js';
import type { PollResult } from '../../jobs/processors/poll-feed.js';
import { buildWorker, type RunningWorker } from '../../jobs/worker-factory.js';
import {
  createFeedFetcher,
  type FeedFetcher,
  type FeedFetcherOptions,
} from '../../src/adapters/http/feed-fetcher.js';
import type { FeedStore } from '../../src/adapters/redis/feed-store.js';
import type { Keys } from '../../src/adapters/redis/keys.js';
import type { SeenStore } from '../../src/adapters/redis/seen-store.js';
import type { StoryStore } from '../../src/adapters/redis/story-store.js';
import { feedIdFor } from '../../src/core/feed/feed-id.js';
import type { FeedLang } from '../../src/core/types.js';
import type { TestRedis } from './test-redis.js';
import { testWorkerSettings } from './test-settings.js';

/** Polls `predicate` every 20 ms until it holds; fails with `what` after `timeoutMs`. */
export async function waitFor(
  predicate: () => boolean | Promise<boolean>,
  what: string,
  timeoutMs = 5_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await predicate())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

export const RETENTION_MS = 14 * 86_400_000;

export interface FeedOptions {
  lang?: FeedLang;
  name?: string;
  intervalMs?: number;
  topics?: string[];
}

/** One worker instance (sweep off) on the test's Redis, with a settable clock and helpers to drive polls. */
export interface WorkerHarness {
  keys: Keys;
  feeds: FeedStore;
  seen: SeenStore;
  stories: StoryStore;
  worker: RunningWorker;
  fetcher: FeedFetcher;
  /** The clock the processors read. */
  clock: { now: number };
  addFeed(url: string, options?: FeedOptions): Promise<string>;
  /** Queues one poll for the feed and resolves with the completed job's result (a failed job rejects). */
  poll(feedId: string): Promise<PollResult>;
  /** Waits until no stories job is waiting, delayed or running. */
  drainStories(): Promise<void>;
  close(): Promise<void>;
}

export const T0 = Date.UTC(2025, 10, 26, 12, 0, 0);

export async function startWorkerHarness(
  redis: TestRedis,
  fetcherOptions: Partial<FeedFetcherOptions> = {},
  clock: { now: number } = { now: T0 },
  retentionMs = RETENTION_MS,
): Promise<WorkerHarness> {
  const fetcher = createFeedFetcher({ allowPrivate: true, ...fetcherOptions });
  const { worker, keys, feeds, seen, stories } = await buildWorker({
    connection: redis.client,
    redis: redis.client,
    redisPrefix: redis.prefix,
    settings: testWorkerSettings({ retentionMs }),
    fetcher,
    logger: pino({ level: 'silent' }),
    now: () => clock.now,
    sweep: false,
  });
  const finished = new Map<string, { result?: PollResult; error?: Error }>();
  worker.workers.poll.on('completed', (job, result: PollResult) => {
    if (job.id) finished.set(job.id, { result });
  });
  worker.workers.poll.on('failed', (job, error) => {
    // Poll jobs have 3 attempts; only the last one is final.
    if (job?.id && job.attemptsMade >= (job.opts.attempts ?? 1)) finished.set(job.id, { error });
  });

  return {
    keys,
    feeds,
    seen,
    stories,
    worker,
    fetcher,
    clock,
    async addFeed(url, options = {}) {
      const id = feedIdFor(url);
      await feeds.add(
        {
          id,
          url,
          lang: options.lang ?? 'uk',
          name: options.name ?? 'Test outlet',
          intervalMs: options.intervalMs ?? 60_000,
          topics: options.topics ?? [],
          source: 'file',
        },
        clock.now,
      );
      return id;
    },
    async poll(feedId) {
      const job = await worker.queues.poll.add('poll', { feedId }, pollJobOptions(feedId));
      const id = job.id as string;
      await waitFor(() => finished.has(id), `poll job ${id} of ${feedId}`);
      const outcome = finished.get(id);
      if (outcome?.error) throw outcome.error;
      return outcome?.result as PollResult;
    },
    async drainStories() {
      await waitFor(async () => {
        const counts = await worker.queues.stories.getJobCounts(
          'waiting',
          'active',
          'delayed',
          'prioritized',
          'waiting-children',
        );
        return Object.values(counts).every((count) => count === 0);
      }, 'stories queue to drain');
    },
    async close() {
      await worker.close();
      await fetcher.close();
    },
  };
}

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
  ms: number;
}

/** Runs `node bin/newsdigest.js ...args` from the repo root, silent logs, killed after `timeoutMs`. */
export function runNewsdigest(args: string[], timeoutMs = 15_000): Promise<CliRun> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['bin/newsdigest.js', ...args], {
      cwd: REPO_ROOT,
      // A minimal environment: nothing from the developer's shell (ALLOW_PRIVATE_FEEDS...) leaks in.
      env: { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '', LOG_LEVEL: 'silent' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.once('error', reject);
    child.once('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr, ms: Date.now() - started });
    });
  });
}
