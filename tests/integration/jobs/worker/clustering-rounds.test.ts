import type { Job } from 'bullmq';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  createProcessStoriesProcessor,
  type ProcessStoriesResult,
} from '../../../../jobs/processors/process-stories.js';
import type { StoriesJobData } from '../../../../jobs/queues.js';
import { createKeys } from '../../../../src/adapters/redis/keys.js';
import { StoryStore } from '../../../../src/adapters/redis/story-store.js';
import { storyBands } from '../../../../src/core/cluster/assign-clusters.js';
import { CLUSTER_WINDOW_MS } from '../../../../src/core/cluster/choose-cluster.js';
import { tagStory } from '../../../../src/core/ingest/tag-story.js';
import type { NormalisedStory } from '../../../../src/core/types.js';
import { buildTopics } from '../../../../src/services/build-topics.js';
import { createTestRedis, type TestRedis } from '../../../support/test-redis.js';

const NOW = Date.UTC(2026, 10, 30, 12);
const classify = buildTopics({}).classify;

function story(id: string, title: string, minutesAgo: number): NormalisedStory {
  return {
    id,
    feedId: 'f1',
    outlet: 'УНІАН',
    url: `https://www.unian.ua/${id}.html`,
    title,
    summary: '',
    publishedAt: NOW - minutesAgo * 60_000,
    fetchedAt: NOW,
    categories: [],
    declaredLang: 'uk',
    feedTopics: [],
  };
}

const bandsOf = (entry: NormalisedStory) => new Set(storyBands(tagStory(entry, classify).features));
const sharesBand = (a: NormalisedStory, b: NormalisedStory) => {
  const bands = bandsOf(b);
  return [...bandsOf(a)].some((band) => bands.has(band));
};

/** One worker's store: each has its own held records, as each worker process does. */
const storyStore = () =>
  new StoryStore(redis.client, createKeys(redis.prefix), {
    retentionMs: 14 * 86_400_000,
    clusterWindowMs: CLUSTER_WINDOW_MS,
  });
const processorFor = (stories: StoryStore) =>
  createProcessStoriesProcessor({
    stories,
    redis: redis.client,
    keys: createKeys(redis.prefix),
    classify,
    now: () => NOW,
  });

let redis: TestRedis;
beforeEach(async () => {
  redis = await createTestRedis();
});
afterEach(async () => {
  await redis.cleanup();
});

describe('clustering rounds', () => {
  it('a story refused for another worker’s story is not refused again for the batch stories stored with it', async () => {
    // `bridge` carries every word of `power` and of `bonds`, which share none: each of its bands is one of theirs.
    const power = story('power', 'Укренерго відновило живлення Харківщини', 30);
    const bonds = story('bonds', 'Мінфін розмістив облігації позики', 20);
    const bridge = story(
      'bridge',
      'Укренерго відновило живлення Харківщини Мінфін розмістив облігації позики',
      10,
    );
    expect(sharesBand(power, bonds)).toBe(false);
    expect(sharesBand(bridge, power)).toBe(true);
    expect(sharesBand(bridge, bonds)).toBe(true);

    const workerStore = storyStore();
    const other = processorFor(storyStore());
    // The other worker stores `bonds` after this worker read its bands and before it commits: a real race, in
    // the one place it can happen.
    const commit = workerStore.clusters.commit.bind(workerStore.clusters);
    let raced = false;
    workerStore.clusters.commit = async (entries, commitOptions) => {
      if (!raced) {
        raced = true;
        const job = { id: 'other', data: { feedId: 'f2', stories: [bonds] } };
        expect((await other(job as Job<StoriesJobData>)).stored).toBe(1);
      }
      return commit(entries, commitOptions);
    };
    const worker = processorFor(workerStore);
    const job = { id: 'this', data: { feedId: 'f1', stories: [power, bridge] } };
    const result: ProcessStoriesResult = await worker(job as Job<StoriesJobData>);

    expect(result.stored).toBe(2);
    // Round 1 stores `power` and refuses `bridge` (it never saw `bonds`); round 2 stores it, having compared it with
    // `bonds` and, as in round 1, with `power`.
    expect(result.refused).toEqual({ conflict: 1, stale: 0, blocked: 0 });
    expect(result.rounds).toBe(2);
    const stored = await workerStore.getMany(['power', 'bonds', 'bridge']);
    expect(stored.map((entry) => entry.id)).toEqual(['power', 'bonds', 'bridge']);
  });

  it('batches of one worker do not race each other: each commits in one round', async () => {
    const worker = processorFor(storyStore());
    // Four batches retelling the same two events, started together as BullMQ starts jobs at concurrency 4.
    const titles = ['Укренерго відновило живлення Харківщини', 'Мінфін розмістив облігації позики'];
    const batches = Array.from({ length: 4 }, (_, batch) =>
      titles.map((title, index) => story(`b${batch}-${index}`, `${title} ${batch}`, 10 + batch)),
    );
    const results = await Promise.all(
      batches.map((stories, batch) =>
        worker({ id: `job${batch}`, data: { feedId: `f${batch}`, stories } } as Job<StoriesJobData>),
      ),
    );
    expect(results.map((result) => result.rounds)).toEqual([1, 1, 1, 1]);
    expect(results.map((result) => result.stored)).toEqual([2, 2, 2, 2]);
    const stored = await storyStore().getMany(batches.flat().map((entry) => entry.id));
    // Every retelling joined its event: two clusters of four.
    const clusters = new Set(stored.map((entry) => entry.clusterId));
    expect(clusters.size).toBe(2);
  });
});
