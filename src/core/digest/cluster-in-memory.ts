import { assignClusters } from '../cluster/assign-clusters.js';
import type { TaggedStory } from '../ingest/tag-story.js';
import type { StoryView } from '../ports/story-reader.js';
import type { Story } from '../types.js';

/**
 * Clusters tagged stories without a store (used by `preview`) with the worker's rule (assignClusters). Returns
 * one view per cluster, newest representative first, with distinct outlet counts.
 */
export function clusterInMemory(tagged: readonly TaggedStory[]): StoryView[] {
  const assignments = assignClusters(
    tagged.map(({ story, features }) => ({
      id: story.id,
      features,
      publishedAt: story.publishedAt,
      lang: story.lang,
    })),
  );
  const clusters = new Map<string, { newest: Story; outlets: Set<string> }>();
  tagged.forEach(({ story }, index) => {
    const clusterId = assignments[index]?.clusterId ?? story.id;
    const clustered = { ...story, clusterId };
    const cluster = clusters.get(clusterId);
    if (!cluster) clusters.set(clusterId, { newest: clustered, outlets: new Set([story.outlet]) });
    else {
      cluster.outlets.add(story.outlet);
      if (story.publishedAt >= cluster.newest.publishedAt) cluster.newest = clustered;
    }
  });
  return [...clusters.values()]
    .map((cluster) => ({ story: cluster.newest, sources: cluster.outlets.size }))
    .sort((a, b) => b.story.publishedAt - a.story.publishedAt);
}
