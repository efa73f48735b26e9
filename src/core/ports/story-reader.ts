import type { Lang, Story } from '../types.js';

export interface LatestQuery {
  lang: Lang;
  /** A topic slug; omit for all topics. */
  topic?: string;
  limit: number;
  /** Only stories published at or after this time (ms). */
  since?: number;
}

/** A story as shown to readers: one entry per cluster, with the number of outlets that reported it. */
export interface StoryView {
  story: Story;
  /** Distinct outlets in the story's cluster (1 when nobody else reported it). */
  sources: number;
}

/**
 * Read access to stored stories, implemented by the Redis story store. The bot and digest builders depend on this
 * port only, so their tests can run against any implementation.
 */
export interface StoryReader {
  /** Newest stories first, one per cluster, in the given language. */
  latest(query: LatestQuery): Promise<StoryView[]>;
  /**
   * Recent stories in `lang` whose title or summary contains every word (Cyrillic case-insensitive, each word
   * matching as a prefix of a word in the text), newest first, one per cluster.
   */
  search(lang: Lang, words: string[], limit: number): Promise<StoryView[]>;
  /** Stories by id, in order; missing ids are skipped. */
  getMany(ids: string[]): Promise<Story[]>;
}
