import { searchWords } from './match-words.js';

/** At most this many words of a query are matched. */
export const MAX_QUERY_WORDS = 8;

/** The words /search and inline queries match: folded, at least 2 letters each, at most MAX_QUERY_WORDS. */
export function searchQueryWords(query: string): string[] {
  return searchWords(query.slice(0, 256))
    .filter((word) => [...word].length >= 2)
    .slice(0, MAX_QUERY_WORDS);
}
