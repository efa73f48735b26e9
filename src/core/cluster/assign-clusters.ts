import type { Lang } from '../types.js';
import {
  chooseCluster,
  DEFAULT_THRESHOLDS,
  type ClusterCandidate,
  type ClusterMatch,
  type ClusterThresholds,
} from './choose-cluster.js';
import { lshBands, minHashSignature } from './similarity.js';
import { featureWords, type StoryFeatures } from './story-features.js';

/** Newest members of each LSH band compared with a new story: the worker's store reads the same number. */
export const CANDIDATES_PER_BAND = 8;

export interface ClusterInput {
  id: string;
  features: StoryFeatures;
  publishedAt: number;
  lang: Lang;
}

export interface ClusterAssignment {
  id: string;
  clusterId: string;
  /** Set when the story joined an earlier one. */
  match?: ClusterMatch;
}

export interface AssignOptions {
  thresholds?: ClusterThresholds;
  /** `lsh` (default) finds candidates through shared LSH bands as the worker does; `all` compares every pair. */
  candidates?: 'lsh' | 'all';
}

/**
 * One MinHash row per band: two stories become candidates when any of 24 permutations picks the same word or
 * name as both minima, so a pair sharing a fifth of its words is found with probability 1 - 0.8^24 ≈ 0.995. The
 * cost is more candidates per story, bounded by CANDIDATES_PER_BAND; the similarity rule then decides.
 */
export const LSH_BANDS = 24;
const LSH_ROWS = 24;

/** LSH band keys of a story: the same keys the worker files it under. */
export function storyBands(features: StoryFeatures): string[] {
  return lshBands(minHashSignature(featureWords(features), LSH_ROWS), LSH_BANDS);
}

/**
 * Clusters stories without a store, oldest first (unknown times keep input order, after known ones): each
 * story joins the cluster of its best earlier match or starts its own. The same candidate rule and the same
 * comparison as the worker, so `newsdigest cluster` shows what ingestion would do.
 */
export function assignClusters(
  inputs: readonly ClusterInput[],
  options: AssignOptions = {},
): ClusterAssignment[] {
  const thresholds = options.thresholds ?? DEFAULT_THRESHOLDS;
  const order = inputs
    .map((input, index) => ({ input, index }))
    .sort((a, b) => timeKey(a.input.publishedAt) - timeKey(b.input.publishedAt) || a.index - b.index);
  const placed: ClusterCandidate[] = [];
  const byBand = new Map<string, ClusterCandidate[]>();
  const result = new Map<string, ClusterAssignment>();
  for (const { input } of order) {
    const bands = storyBands(input.features);
    let candidates: readonly ClusterCandidate[];
    if (options.candidates === 'all') candidates = placed;
    else {
      const found = new Set<ClusterCandidate>();
      for (const band of bands) {
        for (const member of (byBand.get(band) ?? []).slice(-CANDIDATES_PER_BAND)) found.add(member);
      }
      candidates = [...found];
    }
    const match = chooseCluster(input, candidates, thresholds);
    const clusterId = match?.clusterId ?? input.id;
    const candidate: ClusterCandidate = { ...input, clusterId };
    placed.push(candidate);
    for (const band of bands) {
      const members = byBand.get(band);
      if (members) members.push(candidate);
      else byBand.set(band, [candidate]);
    }
    result.set(input.id, match ? { id: input.id, clusterId, match } : { id: input.id, clusterId });
  }
  return inputs.map((input) => result.get(input.id) as ClusterAssignment);
}

function timeKey(publishedAt: number): number {
  return Number.isFinite(publishedAt) ? publishedAt : Number.MAX_SAFE_INTEGER;
}
