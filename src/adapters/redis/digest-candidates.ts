import type { RedisClient } from './redis-client.js';
import type { DigestCandidate, DigestInputs, DigestWindow } from '../../core/digest/digest-types.js';
import type { Lang, Story } from '../../core/types.js';
import type { Keys } from './keys.js';
import type { StoryStore } from './story-store.js';

/** Stories read per (language, topic) index; more than any digest shows, since clusters and mutes thin them. */
const PER_INDEX = 100;
/** Newest stories of the window scanned for followed keywords. */
const FOLLOW_DEPTH = 500;

/**
 * Loads what selectDigest needs for one set of inputs: stories in the window from the chat's topic indexes (both
 * languages when other-language stories are allowed, and the other language anyway to find paired editions),
 * recent stories for followed keywords, the reader's editions of other-language stories, and cluster sizes.
 */
export async function loadDigestCandidates(
  redis: RedisClient,
  keys: Keys,
  stories: StoryStore,
  inputs: DigestInputs,
  window: DigestWindow,
): Promise<DigestCandidate[]> {
  const other: Lang = inputs.lang === 'uk' ? 'ru' : 'uk';
  // Indexes are scored by ingestion time, which is what the window is over.
  const range = (key: string, limit: number) =>
    pipeline.zrevrangebyscore(key, `(${window.to}`, window.from, 'WITHSCORES', 'LIMIT', 0, limit);
  const pipeline = redis.pipeline();
  for (const lang of [inputs.lang, other]) {
    for (const topic of inputs.topics) range(keys.topicIndex(lang, topic), PER_INDEX);
    if (inputs.follow.length > 0) range(keys.langIndex(lang), FOLLOW_DEPTH);
  }
  const replies = (await pipeline.exec()) ?? [];
  const ingestedAt = new Map<string, number>();
  for (const [error, value] of replies) {
    if (error) throw error;
    const flat = value as string[];
    for (let i = 0; i + 1 < flat.length; i += 2) ingestedAt.set(flat[i] as string, Number(flat[i + 1]));
  }
  const found = await stories.getMany([...ingestedAt.keys()]);
  const foreign = found.filter((story) => story.lang !== inputs.lang);
  const editions = await stories.otherEditions(foreign);
  const editionStories = new Map(
    (await stories.getMany([...new Set(editions.values())])).map((story) => [story.id, story] as const),
  );
  const sizes = redis.pipeline();
  for (const story of found) sizes.scard(keys.clusterSources(story.clusterId));
  const counts = (await sizes.exec()) ?? [];
  return found.map((story, index) => {
    const editionId = editions.get(story.id);
    const otherEdition: Story | undefined =
      editionId === undefined ? undefined : editionStories.get(editionId);
    const at = ingestedAt.get(story.id);
    return {
      story,
      sources: Math.max(1, Number(counts[index]?.[1] ?? 1)),
      ...(at !== undefined ? { ingestedAt: at } : {}),
      ...(otherEdition ? { otherEdition } : {}),
    };
  });
}
