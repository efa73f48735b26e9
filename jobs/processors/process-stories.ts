import type { Job } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Keys } from '../../src/adapters/redis/keys.js';
import { withLocks } from '../../src/adapters/redis/redis-lock.js';
import { appendNewStoryEvents } from '../../src/adapters/redis/story-events.js';
import type { ClusterCandidate, StoryStore, StoryToSave } from '../../src/adapters/redis/story-store.js';
import { parseShingles, serialiseShingles } from '../../src/core/cluster/shingles.js';
import {
  chooseClusterHashed,
  lshBands,
  minHashSignature,
  toSortedHashes,
  type HashedClusterCandidate,
} from '../../src/core/cluster/similarity.js';
import { tagStory, type TopicClassifier } from '../../src/core/ingest/tag-story.js';
import type { StoriesJobData } from '../queues.js';

/**
 * The clustering lock: Redis frees it by itself after 15 s, so a crashed holder blocks others only briefly; a job
 * waits 30 s for it before it fails and BullMQ retries it.
 */
const CLUSTER_LOCK = { ttlMs: 15_000, waitMs: 30_000 } as const;
/** Parsed candidate records kept per worker: about a day of stories from 500 feeds. */
const PARSED_CACHE_SIZE = 20_000;

export interface ProcessStoriesDeps {
  stories: StoryStore;
  redis: Redis;
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
  // parsed shingles are kept (bounded, oldest dropped first) instead of being parsed for every comparison.
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
    const prepared: (StoryToSave & { hashes: Uint32Array })[] = [];
    for (const item of job.data.stories) {
      const { story, shingles } = tagStory(item, deps.classify);
      const bands = lshBands(minHashSignature(shingles));
      prepared.push({
        story,
        shingles: serialiseShingles(shingles),
        bands,
        hashes: toSortedHashes(shingles),
      });
    }

    // Reading candidates and saving happen under one lock: two jobs running at once (same worker or another
    // process) would otherwise each miss the other's story and split one news item into two clusters.
    // Clusters never span languages, so jobs in different languages do not wait for each other.
    const lockKeys = [...new Set(prepared.map((entry) => entry.story.lang))]
      .sort()
      .map(deps.keys.clusterLock);
    const saved = await withLocks(deps.redis, lockKeys, CLUSTER_LOCK, async () => {
      // Candidates from the store, plus earlier stories of this same batch (not stored yet).
      const storedCandidates = await deps.stories.clusterCandidates(
        prepared.map((entry) => ({ lang: entry.story.lang, bands: entry.bands })),
      );
      // Earlier stories of this batch are not stored yet; like stored ones, only those sharing an LSH band are
      // compared, so a batch costs O(n) comparisons rather than O(n²).
      const batchByBand = new Map<string, typeof prepared>();
      for (const [index, entry] of prepared.entries()) {
        const stored = storedCandidates[index] ?? [];
        const earlier = new Set(
          entry.bands.flatMap((band) => batchByBand.get(`${entry.story.lang}|${band}`) ?? []),
        );
        const candidates = [
          ...stored.filter((candidate) => candidate.id !== entry.story.id).map(input),
          ...[...earlier].map((other) => ({
            clusterId: other.story.clusterId,
            hashes: other.hashes,
            publishedAt: other.story.publishedAt,
            lang: other.story.lang,
          })),
        ];
        const clusterId = chooseClusterHashed(
          { hashes: entry.hashes, publishedAt: entry.story.publishedAt, lang: entry.story.lang },
          candidates,
        );
        if (clusterId) entry.story.clusterId = clusterId;
        for (const band of entry.bands) {
          const key = `${entry.story.lang}|${band}`;
          const members = batchByBand.get(key);
          if (members) members.push(entry);
          else batchByBand.set(key, [entry]);
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

function toClusterInput(candidate: ClusterCandidate): HashedClusterCandidate {
  return {
    clusterId: candidate.clusterId,
    hashes: toSortedHashes(parseShingles(candidate.shingles)),
    publishedAt: candidate.publishedAt,
    lang: candidate.lang,
  };
}
