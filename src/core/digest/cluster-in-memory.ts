import { chooseCluster } from '../cluster/similarity.js';
import type { TaggedStory } from '../ingest/tag-story.js';
import type { StoryView } from '../ports/story-reader.js';
import type { Story } from '../types.js';

/**
 * Clusters tagged stories without a store (used by `preview`): oldest first, each story joins the best earlier
 * cluster or starts its own. Returns one view per cluster, newest representative first, with distinct outlet counts.
 */
export function clusterInMemory(tagged: readonly TaggedStory[]): StoryView[] {
  const ordered = [...tagged].sort((a, b) => a.story.publishedAt - b.story.publishedAt);
  const placed: { clusterId: string; shingles: Set<string>; publishedAt: number; lang: Story['lang'] }[] = [];
  const clusters = new Map<string, { stories: Story[]; outlets: Set<string> }>();
  for (const { story, shingles } of ordered) {
    const clusterId =
      chooseCluster({ shingles, publishedAt: story.publishedAt, lang: story.lang }, placed) ?? story.id;
    const clustered = { ...story, clusterId };
    placed.push({ clusterId, shingles, publishedAt: story.publishedAt, lang: story.lang });
    const cluster = clusters.get(clusterId) ?? { stories: [], outlets: new Set<string>() };
    cluster.stories.push(clustered);
    cluster.outlets.add(story.outlet);
    clusters.set(clusterId, cluster);
  }
  return [...clusters.values()]
    .map((cluster) => ({
      story: cluster.stories[cluster.stories.length - 1] as Story,
      sources: cluster.outlets.size,
    }))
    .sort((a, b) => b.story.publishedAt - a.story.publishedAt);
}
