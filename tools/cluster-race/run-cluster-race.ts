import { fork, type ChildProcess } from 'node:child_process';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { QUEUE_NAMES, type StoriesJobData } from '../../jobs/queues.js';
import { createKeys } from '../../src/adapters/redis/keys.js';
import { StoryStore } from '../../src/adapters/redis/story-store.js';
import { chooseClusterHashed, CLUSTER_WINDOW_MS, toSortedHashes } from '../../src/core/cluster/similarity.js';
import { normaliseFeedItems } from '../../src/core/feed/normalise-item.js';
import { parseFeed } from '../../src/core/feed/parse-feed.js';
import type { Lang, NormalisedStory } from '../../src/core/types.js';
import { tagStory } from '../../src/core/ingest/tag-story.js';
import { buildTopics } from '../../src/services/build-topics.js';
import { realisticItems } from '../feed-server/realistic-feeds.js';
import { rssDocument } from '../feed-server/rss-fixtures.js';

/**
 * The clustering race behind issue 10: the same stories ingested by several worker processes at once must form the
 * same clusters as one process. Shared by the integration test (a short run) and bench:cluster-race (10 runs).
 */

const STORIES_PER_JOB = 50;
/** Every tenth item of a generated feed is retold by the other feeds of its language: 10 shared stories per feed. */
const ITEMS_PER_FEED = 100;
/** Pairs scoring between these are near the threshold: which cluster such a story joins depends on order. */
const AMBIGUOUS_FROM = 0.25;
const AMBIGUOUS_TO = 0.5;

/**
 * `count` generated stories in batches of 50, read through the real parser and normaliser.
 * Greedy single-pass clustering is order-dependent by nature when A~B and B~C but not A~C (one process with
 * concurrent jobs is too): serialisable clustering promises the clusters of *some* one-at-a-time order. So the race
 * uses stories without near-threshold pairs, where every order gives the same clusters and any difference is a
 * race; generated stories that score between 0.25 and 0.5 against an earlier one are left out.
 */
export async function raceStories(count: number, now: number): Promise<NormalisedStory[][]> {
  const kept: {
    story: NormalisedStory;
    hashes: Uint32Array;
    lang: Lang;
    publishedAt: number;
    clusterId: string;
  }[] = [];
  const classify = buildTopics({}).classify;
  for (let n = 0; kept.length < count; n += 1) {
    const { lang, items } = realisticItems(n, ITEMS_PER_FEED, now);
    const parsed = await parseFeed(rssDocument(`Feed ${n}`, `https://outlet${n % 25}.example/`, lang, items));
    const feed = {
      id: `race${n}`,
      url: `https://outlet${n % 25}.example/${n}.xml`,
      lang,
      name: `Outlet ${n % 25}`,
    };
    const stories = normaliseFeedItems(parsed.items, {
      feed: { ...feed, intervalMs: 300_000, topics: [] },
      fetchedAt: now,
    });
    for (const story of stories) {
      if (kept.length >= count) break;
      const tagged = tagStory(story, classify);
      const entry = {
        story,
        hashes: toSortedHashes(tagged.shingles),
        lang: tagged.story.lang,
        publishedAt: story.publishedAt,
        clusterId: story.id,
      };
      const ambiguous = kept.some(
        (other) =>
          other.lang === entry.lang &&
          chooseClusterHashed(entry, [other], AMBIGUOUS_FROM) !== undefined &&
          chooseClusterHashed(entry, [other], AMBIGUOUS_TO) === undefined,
      );
      if (!ambiguous) kept.push(entry);
    }
  }
  const batches: NormalisedStory[][] = [];
  for (let start = 0; start < kept.length; start += STORIES_PER_JOB) {
    batches.push(kept.slice(start, start + STORIES_PER_JOB).map((entry) => entry.story));
  }
  return batches;
}

export interface RaceResult {
  processes: number;
  stored: number;
  ms: number;
  /** Cluster assignment as a partition: sorted member lists, sorted; independent of which id names a cluster. */
  partition: string[][];
}

/** Starts a worker process of the race (under tsx when run from sources, plain node from dist/). */
async function startChild(redisUrl: string, prefix: string): Promise<ChildProcess> {
  const fromSources = import.meta.url.endsWith('.ts');
  const child = fork(
    new URL(`./stories-worker-child.${fromSources ? 'ts' : 'js'}`, import.meta.url),
    [redisUrl, prefix],
    {
      execArgv: fromSources ? ['--import', 'tsx'] : [],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    },
  );
  await new Promise<void>((resolve, reject) => {
    child.once('message', () => resolve());
    child.once('exit', (code) => reject(new Error(`race worker exited with ${code}`)));
  });
  return child;
}

/**
 * Ingests `batches` with `processes` worker processes on `prefix`. With several processes every batch is queued
 * `copies` times, so the same stories are clustered by different processes at the same moment.
 */
export async function runRace(options: {
  redisUrl: string;
  prefix: string;
  batches: NormalisedStory[][];
  processes: number;
  copies: number;
}): Promise<RaceResult> {
  const { redisUrl, prefix, batches, processes, copies } = options;
  const keys = createKeys(prefix);
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: null });
  const queue = new Queue<StoriesJobData>(QUEUE_NAMES.stories, {
    connection: redis as never,
    prefix: keys.bullPrefix(),
  });
  const children = await Promise.all(Array.from({ length: processes }, () => startChild(redisUrl, prefix)));
  const started = performance.now();
  const jobs = [];
  for (let copy = 0; copy < copies; copy += 1) {
    // Each copy in a rotated order, so copies of one batch are taken by different processes at about the same time.
    for (let i = 0; i < batches.length; i += 1) {
      const index = (i + copy * 3) % batches.length;
      jobs.push({
        name: 'stories',
        data: { feedId: `race${index}`, stories: batches[index] as NormalisedStory[] },
        opts: { jobId: `race-${index}-${copy}`, removeOnComplete: false, removeOnFail: false },
      });
    }
  }
  let ms = 0;
  try {
    await queue.addBulk(jobs);
    for (;;) {
      const counts = await queue.getJobCounts('completed', 'failed');
      if ((counts['failed'] ?? 0) > 0) {
        const [failed] = await queue.getFailed(0, 0);
        throw new Error(`stories job ${failed?.id} failed: ${failed?.failedReason}`);
      }
      if ((counts['completed'] ?? 0) >= jobs.length) break;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    ms = performance.now() - started;
  } finally {
    // Stopped on failure too: a failed run must not leave worker processes behind.
    await Promise.all(
      children.map(
        (child) =>
          new Promise<void>((resolve) => {
            if (child.exitCode !== null) return resolve();
            child.once('exit', () => resolve());
            child.send({ stop: true });
          }),
      ),
    );
  }

  const store = new StoryStore(redis, keys, { retentionMs: 86_400_000, clusterWindowMs: CLUSTER_WINDOW_MS });
  const ids = [...new Set(batches.flat().map((story) => story.id))];
  const stored = await store.getMany(ids);
  const members = new Map<string, string[]>();
  for (const story of stored) {
    const list = members.get(story.clusterId);
    if (list) list.push(story.id);
    else members.set(story.clusterId, [story.id]);
  }
  const partition = [...members.values()]
    .map((list) => list.sort())
    .sort((a, b) => (a[0] as string).localeCompare(b[0] as string));
  await queue.obliterate({ force: true });
  await queue.close();
  await redis.quit();
  return { processes, stored: stored.length, ms, partition };
}
