import type { Job } from 'bullmq';
import type { RedisClient } from '../../src/adapters/redis/redis-client.js';
import type { Keys } from '../../src/adapters/redis/keys.js';
import { withLocks } from '../../src/adapters/redis/redis-lock.js';
import { appendNewStoryEvents } from '../../src/adapters/redis/story-events.js';
import type { ClusterCandidate, StoryStore, StoryToSave } from '../../src/adapters/redis/story-store.js';
import { storyBands } from '../../src/core/cluster/assign-clusters.js';
import {
  chooseCluster,
  type ClusterCandidate as CoreCandidate,
} from '../../src/core/cluster/choose-cluster.js';
import {
  parseFeatures,
  serialiseFeatures,
  type StoryFeatures,
} from '../../src/core/cluster/story-features.js';
import { LANGS } from '../../src/core/types.js';
import { yieldToEventLoop } from '../../src/core/feed/yield-to-event-loop.js';
import { tagStory, type TopicClassifier } from '../../src/core/ingest/tag-story.js';
import type { StoriesJobData } from '../queues.js';

/**
 * The clustering lock: RedisClient frees it by itself after 15 s, so a crashed holder blocks others only briefly; a job
 * waits 30 s for it before it fails and BullMQ retries it.
 */
const CLUSTER_LOCK = { ttlMs: 15_000, waitMs: 30_000 } as const;
/** Parsed candidate records kept per worker: about a day of stories from 500 feeds. */
const PARSED_CACHE_SIZE = 20_000;

export interface ProcessStoriesDeps {
  stories: StoryStore;
  redis: RedisClient;
  keys: Keys;
  /** Multi-label topic classifier with the current topic definitions (built-ins, feeds file, operator tuning). */
  classify: TopicClassifier;
  now: () => number;
}

/**
 * Tags new stories with language and topics, pairs editions, clusters them with what other outlets reported,
 * stores them and emits a new-story event per stored story. Idempotent: stored ids are skipped on retry.
 */
export function createProcessStoriesProcessor(deps: ProcessStoriesDeps) {
  // Recent stories turn up as candidates again and again; a stored story's cluster record never changes, so its
  // parsed features are kept (bounded, oldest dropped first) instead of being parsed for every comparison.
  const parsed = new Map<string, ReturnType<typeof toClusterInput>>();
  const input = (candidate: ClusterCandidate) => {
    let value = parsed.get(candidate.id);
    if (!value) {
      value = toClusterInput(candidate);
      parsed.set(candidate.id, value);
      if (parsed.size > PARSED_CACHE_SIZE) parsed.delete(parsed.keys().next().value as string);
    }
    return value;
  };
  return async (job: Job<StoriesJobData>): Promise<{ stored: number }> => {
    const prepared: (StoryToSave & { features: StoryFeatures })[] = [];
    for (const [index, item] of job.data.stories.entries()) {
      // Tagging takes a fraction of a millisecond a story; a batch of 50 in one go would hold the event loop.
      if (index > 0 && index % 10 === 0) await yieldToEventLoop();
      const { story, features } = tagStory(item, deps.classify);
      prepared.push({ story, shingles: serialiseFeatures(features), bands: storyBands(features), features });
    }

    // Reading candidates and saving happen under one lock: two jobs running at once (same worker or another
    // process) would otherwise each miss the other's story and split one news item into two clusters.
    // Clusters span languages (a UA and a RU report of one event are one cluster), so every job takes the
    // locks of both languages, in one fixed order.
    const lockKeys = [...LANGS].sort().map(deps.keys.clusterLock);
    const saved = await withLocks(deps.redis, lockKeys, CLUSTER_LOCK, async () => {
      // Candidates from the store under the story's bands in both languages' band sets.
      const queries = prepared.flatMap((entry) => LANGS.map((lang) => ({ lang, bands: entry.bands })));
      const found = await deps.stories.clusterCandidates(queries);
      // Earlier stories of this batch are not stored yet; like stored ones, only those sharing an LSH band are
      // compared, so a batch costs O(n) comparisons rather than O(n²).
      const batchByBand = new Map<string, typeof prepared>();
      for (const [index, entry] of prepared.entries()) {
        if (index > 0 && index % 10 === 0) await yieldToEventLoop();
        const stored = LANGS.flatMap((_, offset) => found[index * LANGS.length + offset] ?? []);
        const earlier = new Set(entry.bands.flatMap((band) => batchByBand.get(band) ?? []));
        const candidates: CoreCandidate[] = [
          ...stored.filter((candidate) => candidate.id !== entry.story.id).map(input),
          ...[...earlier].map((other) => ({
            id: other.story.id,
            clusterId: other.story.clusterId,
            features: other.features,
            publishedAt: other.story.publishedAt,
            lang: other.story.lang,
          })),
        ];
        const match = chooseCluster(
          { features: entry.features, publishedAt: entry.story.publishedAt, lang: entry.story.lang },
          candidates,
        );
        if (match) entry.story.clusterId = match.clusterId;
        for (const band of entry.bands) {
          const members = batchByBand.get(band);
          if (members) members.push(entry);
          else batchByBand.set(band, [entry]);
        }
      }

      // The ingestion time is taken at the moment of saving, so a digest built before it cannot have seen it.
      return deps.stories.save(
        prepared.map(({ story, shingles, bands }) => ({ story, shingles, bands })),
        deps.now(),
      );
    });
    await appendNewStoryEvents(deps.redis, deps.keys, saved);
    return { stored: saved.length };
  };
}

function toClusterInput(candidate: ClusterCandidate): CoreCandidate {
  return {
    id: candidate.id,
    clusterId: candidate.clusterId,
    features: parseFeatures(candidate.shingles),
    publishedAt: candidate.publishedAt,
    lang: candidate.lang,
  };
}
