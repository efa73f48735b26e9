import type { StoryView } from '../ports/story-reader.js';
import { matchesAllWords, searchWords } from '../text/match-words.js';
import type { Lang } from '../types.js';

/** How many stories stand in for an empty /digest. */
export const FALLBACK_STORIES = 5;

const NOTHING_NEW_LINE: Record<Lang, string> = {
  uk: 'Нічого нового за вашими темами від попередньої добірки.',
  ru: 'Ничего нового по вашим темам с прошлой подборки.',
};

const LATEST_HEADING: Record<Lang, string> = {
  uk: 'Останнє за вашими темами',
  ru: 'Последнее по вашим темам',
};

/** East Slavic plural: one (1, 21), few (2-4, 22-24), many (5-20, 25-30). */
function slavicPlural(count: number, one: string, few: string, many: string): string {
  const tens = count % 100;
  const units = count % 10;
  if (units === 1 && tens !== 11) return one;
  if (units >= 2 && units <= 4 && (tens < 12 || tens > 14)) return few;
  return many;
}

const SOURCES: Record<Lang, (count: number) => string> = {
  uk: (count) => `${count} ${slavicPlural(count, 'джерело', 'джерела', 'джерел')}`,
  ru: (count) => `${count} ${slavicPlural(count, 'источник', 'источника', 'источников')}`,
};

/** The texts of the "nothing new, but here is the latest" answer; the worker has no Fluent bundle. */
export function fallbackTexts(lang: Lang) {
  return { nothingNew: NOTHING_NEW_LINE[lang], heading: LATEST_HEADING[lang], sources: SOURCES[lang] };
}

/**
 * Merges per-topic "latest" lists into one newest-first list: one entry per cluster, muted words left out, so a
 * reader who asked for a digest and had seen everything still gets the stories a /latest would show them.
 */
export function latestOfTopics(
  perTopic: readonly (readonly StoryView[])[],
  mute: readonly string[],
  limit = FALLBACK_STORIES,
): StoryView[] {
  const muted = mute.map(searchWords);
  const byCluster = new Map<string, StoryView>();
  for (const view of perTopic.flat()) {
    const text = `${view.story.title} ${view.story.summary}`;
    if (muted.some((words) => matchesAllWords(text, words))) continue;
    const known = byCluster.get(view.story.clusterId);
    if (!known || known.story.publishedAt < view.story.publishedAt) byCluster.set(view.story.clusterId, view);
  }
  return [...byCluster.values()].sort((a, b) => b.story.publishedAt - a.story.publishedAt).slice(0, limit);
}
