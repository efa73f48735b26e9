import type { DigestEntry } from './digest-types.js';

/** Weight of "how many outlets reported it" against the other terms. */
export const SOURCES_WEIGHT = 2;
/** A story loses its recency bonus linearly over this age. */
export const RECENCY_SPAN_MS = 24 * 3600 * 1000;
/** Bonus for a story that matches a keyword the reader follows. */
export const FOLLOWED_BONUS = 1;

export interface ImportanceInput {
  entry: DigestEntry;
  /** The end of the digest window: ages are measured from it. */
  now: number;
  /** The story matches one of the reader's followed keywords. */
  followed: boolean;
}

/**
 * importance = 2 · log2(1 + distinct outlets) + log2(outlet weight) + recency + followed, with recency
 * = 1 − age / 24 h clipped to [0, 1] and followed = 1 when the story matches a followed keyword. One outlet
 * scores 2, two 3.17, four 4.64, eight 6.34: size leads, with diminishing returns, so a big event outranks a
 * fresher single report, while a weight of 2 (a trusted agency) is worth about one more outlet at small sizes.
 */
export function importance({ entry, now, followed }: ImportanceInput): number {
  const sources = SOURCES_WEIGHT * Math.log2(1 + Math.max(1, entry.sources));
  const weight = Math.log2(entry.story.outletWeight ?? 1);
  const age = Math.max(0, now - entry.story.publishedAt);
  const recency = Math.max(0, 1 - age / RECENCY_SPAN_MS);
  return sources + weight + recency + (followed ? FOLLOWED_BONUS : 0);
}
