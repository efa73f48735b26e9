import { isCommonStem } from './common-stems.js';
import { STEM_DOCUMENT_FREQUENCY, STEM_DOCUMENTS } from './stem-document-frequency.js';

/**
 * A word in at most this many of the learned stories weighs in full: one event's reports share their rare words
 * (a name, a place) across a handful of outlets, and that is the signal, not noise.
 */
export const FULL_WEIGHT_DOCUMENTS = 8;
/** Floor, so that a story made only of everyday words still compares with anything. */
const MIN_RARITY = 0.2;
/** Cap for the hand-listed words of common-stem-words.ts (in most headlines, whatever the corpus says). */
const COMMON_RARITY = 0.5;

const FREQUENCY = new Map<number, number>();
for (const [count, hashes] of Object.entries(STEM_DOCUMENT_FREQUENCY)) {
  for (const hash of hashes.split(' ')) FREQUENCY.set(parseInt(hash, 36) >>> 0, Number(count));
}

/**
 * Inverse document frequency scaled to 0..1: 1 up to FULL_WEIGHT_DOCUMENTS stories, then falling with the
 * logarithm of how common the word is ("Київ", "атака", "заявив" say little; "Мунтян" says a lot).
 */
export function stemRarity(hash: number): number {
  const count = FREQUENCY.get(hash) ?? 0;
  let rarity = 1;
  if (count > FULL_WEIGHT_DOCUMENTS) {
    rarity = Math.log(STEM_DOCUMENTS / count) / Math.log(STEM_DOCUMENTS / FULL_WEIGHT_DOCUMENTS);
  }
  if (isCommonStem(hash)) rarity = Math.min(rarity, COMMON_RARITY);
  return Math.max(MIN_RARITY, rarity);
}
