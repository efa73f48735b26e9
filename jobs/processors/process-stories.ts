import type { Job } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Keys } from '../../src/adapters/redis/keys.js';
import { appendNewStoryEvents } from '../../src/adapters/redis/story-events.js';
import type {
  CheckedSave,
  ClusterCandidate,
  StoryStore,
  StoryToSave,
} from '../../src/adapters/redis/story-store.js';
import { parseShingles, serialiseShingles } from '../../src/core/cluster/shingles.js';
import {
  chooseClusterHashed,
  lshBands,
  minHashSignature,
  toSortedHashes,
  type HashedClusterCandidate,
} from '../../src/core/cluster/similarity.js';
import { tagStory, type TopicClassifier } from '../../src/core/ingest/tag-story.js';
import { ClusterConflictError } from '../../src/errors/cluster-conflict-error.js';
import type { StoriesJobData } from '../queues.js';

/** Parsed candidate records kept per worker: about a day of stories from 500 feeds. */
const PARSED_CACHE_SIZE = 20_000;
/**
 * Rounds of "read candidates, cluster, checked save" before the job gives up and BullMQ retries it. Each conflict
 * means another process stored a story in between, so the system as a whole always makes progress.
 */
const MAX_CLUSTER_ROUNDS = 50;

export interface ProcessStoriesDeps {
  stories: StoryStore;
  redis: Redis;
  keys: Keys;
  /** Multi-label topic classifier with the current topic definitions (built-ins, feeds file, operator tuning). */
  classify: TopicClassifier;
  now: () => number;
}

type Prepared = StoryToSave & { hashes: Uint32Array; tentativeClusterId: string };

/**
 * Tags new stories with language and topics, pairs editions, clusters them with what other outlets reported,
 * stores them and emits a new-story event per stored story. Idempotent: stored ids are skipped on retry.
 *
 * Clustering takes no lock, so any number of jobs and processes run at once. It is optimistic: a story is compared
 * with the candidates stored under its LSH bands (and earlier stories of its batch), and its save goes through only
 * if no new candidate appeared in those bands meanwhile (StoryStore.saveChecked); otherwise the story is clustered
 * again against the fresh candidates. Every stored story was therefore compared with every candidate stored before
 * it, exactly as if the stories had been processed one at a time in the order they were saved.
 * similarity.ts decides whether two stories are the same news; this file only decides which stories are compared.
 */
export function createProcessStoriesProcessor(deps: ProcessStoriesDeps) {
  // Recent stories turn up as candidates again and again; a stored story's cluster record never changes, so its
  // parsed shingles are kept (bounded, oldest dropped first) instead of being parsed for every comparison.
  const parsed = new Map<string, HashedClusterCandidate>();
  const input = (candidate: ClusterCandidate) => {
    let value = parsed.get(candidate.id);
    if (!value) {
      value = toClusterInput(candidate);
      parsed.set(candidate.id, value);
      if (parsed.size > PARSED_CACHE_SIZE) parsed.delete(parsed.keys().next().value as string);
    }
    return value;
  };

  /** One round: clusters `pending` against fresh candidates and saves them checked. Returns the outcomes. */
  const clusterAndSave = async (pending: Prepared[]) => {
    const candidateSets = await deps.stories.candidateSets(
      pending.map((entry) => ({ lang: entry.story.lang, bands: entry.bands })),
    );
    // Earlier stories of this batch are not stored yet; like stored ones, only those sharing an LSH band are
    // compared, so a batch costs O(n) comparisons rather than O(n²).
    const batchByBand = new Map<string, Prepared[]>();
    const saves: CheckedSave[] = [];
    for (const [index, entry] of pending.entries()) {
      const set = candidateSets[index] ?? { candidates: [], members: [] };
      const stored = set.candidates.filter((candidate) => candidate.id !== entry.story.id);
      const earlier = new Set(
        entry.bands.flatMap((band) => batchByBand.get(`${entry.story.lang}|${band}`) ?? []),
      );
      const clusterId = chooseClusterHashed(
        { hashes: entry.hashes, publishedAt: entry.story.publishedAt, lang: entry.story.lang },
        [
          ...stored.map(input),
          ...[...earlier].map((other) => ({
            clusterId: other.story.clusterId,
            hashes: other.hashes,
            publishedAt: other.story.publishedAt,
            lang: other.story.lang,
          })),
        ],
      );
      entry.story.clusterId = clusterId ?? entry.tentativeClusterId;
      for (const band of entry.bands) {
        const key = `${entry.story.lang}|${band}`;
        const members = batchByBand.get(key);
        if (members) members.push(entry);
        else batchByBand.set(key, [entry]);
      }
      saves.push({
        story: entry.story,
        shingles: entry.shingles,
        bands: entry.bands,
        compared: [...set.members, ...[...earlier].map((other) => other.story.id)],
        // Joining the cluster of an earlier batch story holds only if that story is stored in it; comparing with
        // one whose cluster it did not join changes nothing if that story turns out not to be stored.
        dependsOn: [...earlier]
          .filter((other) => other.story.clusterId === entry.story.clusterId)
          .map((other) => ({ id: other.story.id, clusterId: other.story.clusterId })),
      });
    }
    // The ingestion time is taken at the moment of saving, so a digest built before it cannot have seen it.
    return deps.stories.saveChecked(saves, deps.now());
  };

  return async (job: Job<StoriesJobData>): Promise<{ stored: number; rounds: number }> => {
    let pending: Prepared[] = job.data.stories.map((item) => {
      const { story, shingles } = tagStory(item, deps.classify);
      return {
        story,
        shingles: serialiseShingles(shingles),
        bands: lshBands(minHashSignature(shingles)),
        hashes: toSortedHashes(shingles),
        // A story that joins no cluster starts its own, named after itself (tagStory's choice).
        tentativeClusterId: story.clusterId,
      };
    });
    let stored = 0;
    let rounds = 0;
    while (pending.length > 0) {
      if (rounds >= MAX_CLUSTER_ROUNDS) throw new ClusterConflictError(rounds);
      // After a conflict, a short random pause lets the process that won the race finish its batch first.
      if (rounds > 0) await new Promise((resolve) => setTimeout(resolve, Math.random() * 2 * rounds));
      rounds += 1;
      const outcomes = await clusterAndSave(pending);
      const saved = pending.filter((_, index) => outcomes[index] === 'stored').map((entry) => entry.story);
      // Announced per round: a job that gives up later (ClusterConflictError) has still announced what it stored,
      // since its retry skips those stories as already stored.
      await appendNewStoryEvents(deps.redis, deps.keys, saved);
      stored += saved.length;
      pending = pending.filter((_, index) => outcomes[index] === 'conflict');
    }
    return { stored, rounds };
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
