import type { Job } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Keys } from '../../src/adapters/redis/keys.js';
import type { ClusterCandidate, StoryStore, StoryToSave } from '../../src/adapters/redis/story-store.js';
import { parseShingles, serialiseShingles } from '../../src/core/cluster/shingles.js';
import { chooseCluster, lshBands, minHashSignature } from '../../src/core/cluster/similarity.js';
import { tagStory, type TopicClassifier } from '../../src/core/ingest/tag-story.js';
import type { StoriesJobData } from '../queues.js';

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
  return async (job: Job<StoriesJobData>): Promise<{ stored: number }> => {
    const now = deps.now();
    const prepared: (StoryToSave & { shingleSet: Set<string> })[] = [];
    for (const item of job.data.stories) {
      const { story, shingles } = tagStory(item, deps.classify);
      const bands = lshBands(minHashSignature(shingles));
      prepared.push({ story, shingles: serialiseShingles(shingles), bands, shingleSet: shingles });
    }

    // Candidates from the store, plus earlier stories of this same batch (not stored yet).
    const storedCandidates = await deps.stories.clusterCandidates(
      prepared.map((entry) => ({ lang: entry.story.lang, bands: entry.bands })),
    );
    for (const [index, entry] of prepared.entries()) {
      const stored = storedCandidates[index] ?? [];
      const candidates = [
        ...stored.filter((candidate) => candidate.id !== entry.story.id).map(toClusterInput),
        ...prepared.slice(0, index).map((earlier) => ({
          clusterId: earlier.story.clusterId,
          shingles: earlier.shingleSet,
          publishedAt: earlier.story.publishedAt,
          lang: earlier.story.lang,
        })),
      ];
      const clusterId = chooseCluster(
        { shingles: entry.shingleSet, publishedAt: entry.story.publishedAt, lang: entry.story.lang },
        candidates,
      );
      if (clusterId) entry.story.clusterId = clusterId;
    }

    const saved = await deps.stories.save(
      prepared.map(({ story, shingles, bands }) => ({ story, shingles, bands })),
      now,
    );
    if (saved.length > 0) {
      const pipeline = deps.redis.pipeline();
      for (const story of saved) {
        pipeline.xadd(
          deps.keys.newStories(),
          'MAXLEN',
          '~',
          '10000',
          '*',
          'id',
          story.id,
          'lang',
          story.lang,
          'topics',
          story.topics.join(','),
        );
      }
      await pipeline.exec();
    }
    return { stored: saved.length };
  };
}

function toClusterInput(candidate: ClusterCandidate) {
  return {
    clusterId: candidate.clusterId,
    shingles: parseShingles(candidate.shingles),
    publishedAt: candidate.publishedAt,
    lang: candidate.lang,
  };
}
