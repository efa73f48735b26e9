import type { Lang } from '../types.js';
import type { StoryFeatures } from './story-features.js';
import { storySimilarity } from './story-similarity.js';

/** Stories further apart than this are separate events even when worded alike (daily casualty reports). */
export const CLUSTER_WINDOW_MS = 36 * 3600 * 1000;

/**
 * Minimum similarity for two stories to be one event. Tuned on the tuning part of tests/fixtures/real (see
 * bench/quality.ts, which prints the figures) and checked on tests/fixtures/cluster/labelled-pairs.ts.
 */
export const SAME_LANGUAGE_THRESHOLD = 0.4;
/**
 * UA and RU stories of one event share fewer word skeletons (different function words, translated verbs), so
 * the bar across languages is lower; names, places and numbers carry the match.
 */
export const CROSS_LANGUAGE_THRESHOLD = 0.32;

export interface ClusterThresholds {
  sameLanguage: number;
  crossLanguage: number;
}

export const DEFAULT_THRESHOLDS: ClusterThresholds = {
  sameLanguage: SAME_LANGUAGE_THRESHOLD,
  crossLanguage: CROSS_LANGUAGE_THRESHOLD,
};

export interface ClusterSubject {
  features: StoryFeatures;
  /** Milliseconds; NaN when unknown (then time does not separate stories). */
  publishedAt: number;
  lang: Lang;
}

export interface ClusterCandidate extends ClusterSubject {
  id: string;
  clusterId: string;
}

export interface ClusterMatch {
  clusterId: string;
  /** The candidate that was most similar, and how similar: what an operator needs to see why stories merged. */
  matchedId: string;
  score: number;
}

/** Within the window, or either time unknown. */
export function withinWindow(a: number, b: number): boolean {
  return !Number.isFinite(a) || !Number.isFinite(b) || Math.abs(a - b) <= CLUSTER_WINDOW_MS;
}

/**
 * The cluster of the most similar candidate within the window whose similarity reaches the threshold for its
 * language pair; ties keep the earlier candidate. The one rule the worker, `preview` and `cluster` share.
 */
export function chooseCluster(
  story: ClusterSubject,
  candidates: readonly ClusterCandidate[],
  thresholds: ClusterThresholds = DEFAULT_THRESHOLDS,
): ClusterMatch | undefined {
  let best: ClusterMatch | undefined;
  for (const candidate of candidates) {
    if (!withinWindow(candidate.publishedAt, story.publishedAt)) continue;
    const sameLanguage = candidate.lang === story.lang;
    const score = storySimilarity(story.features, candidate.features, sameLanguage);
    const threshold = sameLanguage ? thresholds.sameLanguage : thresholds.crossLanguage;
    if (score < threshold) continue;
    if (best === undefined || score > best.score) {
      best = { clusterId: candidate.clusterId, matchedId: candidate.id, score };
    }
  }
  return best;
}
