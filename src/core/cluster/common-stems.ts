import { fnv1a32, storyTokens } from './shingles.js';
import { skeleton } from './skeleton.js';
import { COMMON_STEM_WORDS } from './common-stem-words.js';

/** Skeleton hashes of words found in a large share of headlines; see common-stem-words.ts. */
const COMMON = new Set<number>(
  (['uk', 'ru'] as const).flatMap((lang) =>
    storyTokens(COMMON_STEM_WORDS, lang).map((token) => fnv1a32(skeleton(token))),
  ),
);

/** True for a word so common in headlines that sharing it says little about being the same event. */
export function isCommonStem(hash: number): boolean {
  return COMMON.has(hash);
}
