import type { Job } from 'bullmq';
import { Redis } from 'ioredis';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createProcessStoriesProcessor } from '../../../../jobs/processors/process-stories.js';
import type { StoriesJobData } from '../../../../jobs/queues.js';
import { createKeys } from '../../../../src/adapters/redis/keys.js';
import { StoryStore } from '../../../../src/adapters/redis/story-store.js';
import { CLUSTER_WINDOW_MS } from '../../../../src/core/cluster/choose-cluster.js';
import type { NormalisedStory } from '../../../../src/core/types.js';
import { buildTopics } from '../../../../src/services/build-topics.js';
import { raceStories, type RaceGroups } from '../../../support/race-stories.js';
import { createTestRedis, type TestRedis } from '../../../support/test-redis.js';

const NOW = Date.UTC(2026, 10, 30, 12);
const STORIES = 2_000;
const PER_JOB = 50;
const WORKERS = 4;
const CONCURRENCY = 2;
const RUNS = Number(process.env['RACE_RUNS'] ?? 10);

interface RunResult {
  /** Cluster assignment as a partition: sorted member lists, sorted; whichever id names a cluster. */
  partition: string[][];
  stored: number;
  events: number;
  jobs: number;
  rounds: number;
  turnFallbacks: number;
}

let redis: TestRedis;
let batches: NormalisedStory[][];
let groups: RaceGroups;
const classify = buildTopics({}).classify;

beforeAll(() => {
  const race = raceStories(STORIES, NOW);
  groups = race.groups;
  batches = [];
  for (let start = 0; start < race.stories.length; start += PER_JOB) {
    batches.push(race.stories.slice(start, start + PER_JOB));
  }
}, 600_000);
beforeEach(async () => {
  redis = await createTestRedis();
});
afterEach(async () => {
  await redis.cleanup();
});

/**
 * Every worker has its own connections and store and takes jobs from one shared list, `concurrency` at a time, as
 * BullMQ workers of one queue do; every batch is queued twice, a few jobs apart, so the same stories are
 * also clustered by two jobs at the same moment.
 */
async function ingest(prefix: string, workers: number, concurrency: number): Promise<RunResult> {
  const keys = createKeys(prefix);
  const connections: Redis[] = [];
  const totals = { jobs: 0, rounds: 0, turnFallbacks: 0 };
  // With several workers each batch is queued twice, the copy three jobs later.
  const queue =
    workers === 1
      ? batches
      : [
          ...batches.flatMap((batch, index) => [
            batch,
            ...(index >= 3 ? [batches[index - 3] as NormalisedStory[]] : []),
          ]),
          ...batches.slice(-3),
        ];
  let next = 0;
  await Promise.all(
    Array.from({ length: workers }, async (_, worker) => {
      const connection = new Redis(redis.url, { maxRetriesPerRequest: null });
      connections.push(connection);
      const process = createProcessStoriesProcessor({
        stories: new StoryStore(connection, keys, {
          retentionMs: 14 * 86_400_000,
          clusterWindowMs: CLUSTER_WINDOW_MS,
        }),
        redis: connection,
        keys,
        classify,
        now: () => NOW,
      });
      await Promise.all(
        Array.from({ length: concurrency }, async () => {
          while (next < queue.length) {
            const stories = queue[next++] as NormalisedStory[];
            const job = { id: `w${worker}-${next}`, data: { feedId: 'race', stories } };
            const result = await process(job as Job<StoriesJobData>);
            totals.jobs += 1;
            totals.rounds += result.rounds;
            totals.turnFallbacks += result.turnFallbacks;
          }
        }),
      );
    }),
  );
  await Promise.all(connections.map((connection) => connection.quit()));

  const store = new StoryStore(redis.client, keys, {
    retentionMs: 14 * 86_400_000,
    clusterWindowMs: CLUSTER_WINDOW_MS,
  });
  const stored = await store.getMany(batches.flat().map((story) => story.id));
  const members = new Map<string, string[]>();
  for (const story of stored)
    members.set(story.clusterId, [...(members.get(story.clusterId) ?? []), story.id]);
  const partition = [...members.values()]
    .map((list) => list.sort())
    .sort((a, b) => ((a[0] as string) < (b[0] as string) ? -1 : 1));
  return { partition, stored: stored.length, events: await redis.client.xlen(keys.newStories()), ...totals };
}

describe('lock-free clustering', () => {
  it(`${WORKERS} workers ingesting the same ${STORIES} stories at once form the clusters one worker forms, ${RUNS} runs in a row`, async () => {
    const one = await ingest(`${redis.prefix}:one`, 1, 1);
    expect(one.stored).toBe(STORIES);
    // The data has what the race is about: many multi-story events, many of them in both languages.
    const multi = one.partition.filter((cluster) => cluster.length > 1);
    expect(multi.length).toBe(groups.multi);
    expect(groups.bilingual).toBeGreaterThanOrEqual(40);

    let contended = 0;
    for (let run = 0; run < RUNS; run += 1) {
      const many = await ingest(`${redis.prefix}:r${run}`, WORKERS, CONCURRENCY);
      expect(many.stored, `run ${run}`).toBe(STORIES);
      // Each story is new to exactly one job: one new-story event each, whichever worker stored it.
      expect(many.events, `run ${run}`).toBe(STORIES);
      expect(many.partition, `run ${run}`).toEqual(one.partition);
      if (many.rounds > many.jobs) contended += 1;
    }
    // The checked save really was contended (some job had to decide again), so the race was exercised.
    expect(contended).toBeGreaterThan(0);
  }, 900_000);
});
