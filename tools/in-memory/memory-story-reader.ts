import type { LatestQuery, StoryReader, StoryView } from '../../src/core/ports/story-reader.js';
import { matchesAllWords } from '../../src/core/text/match-words.js';
import type { Lang, Story } from '../../src/core/types.js';

/** StoryReader over an array, for bot tests: one entry per cluster, sources = distinct outlets in the cluster. */
export function createMemoryStoryReader(stories: Story[] = []): StoryReader & { add(story: Story): void } {
  const views = (list: Story[], limit: number): StoryView[] => {
    const sorted = [...list].sort((a, b) => b.publishedAt - a.publishedAt);
    const seen = new Set<string>();
    const out: StoryView[] = [];
    for (const story of sorted) {
      if (seen.has(story.clusterId)) continue;
      seen.add(story.clusterId);
      const outlets = new Set(stories.filter((s) => s.clusterId === story.clusterId).map((s) => s.outlet));
      out.push({ story, sources: outlets.size });
      if (out.length >= limit) break;
    }
    return out;
  };
  return {
    add: (story) => void stories.push(story),
    async latest(query: LatestQuery) {
      const list = stories.filter(
        (s) =>
          s.lang === query.lang &&
          (query.topic === undefined || s.topics.includes(query.topic)) &&
          s.publishedAt >= (query.since ?? 0),
      );
      return views(list, query.limit);
    },
    async search(lang: Lang, words: string[], limit: number) {
      return views(
        stories.filter((s) => s.lang === lang && matchesAllWords(`${s.title} ${s.summary}`, words)),
        limit,
      );
    },
    async getMany(ids: string[]) {
      return ids.map((id) => stories.find((s) => s.id === id)).filter((s): s is Story => s !== undefined);
    },
  };
}

let counter = 0;

/** A story with sensible defaults for tests. */
export function makeStory(overrides: Partial<Story> = {}): Story {
  counter += 1;
  const id = overrides.id ?? `s${counter}`;
  return {
    id,
    feedId: 'feed1',
    outlet: 'Українська правда',
    url: `https://www.pravda.com.ua/news/2024/01/01/${id}/`,
    title: `Новина ${id}`,
    summary: '',
    publishedAt: Date.UTC(2024, 0, 1, 10, 0) + counter * 60_000,
    fetchedAt: Date.UTC(2024, 0, 1, 10, 0),
    categories: [],
    lang: 'uk',
    topics: ['politics'],
    clusterId: id,
    ...overrides,
  };
}
