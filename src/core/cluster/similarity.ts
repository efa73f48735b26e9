import type { Lang } from '../types.js';
import { fnv1a32 } from './shingles.js';

/** Stories further apart than this are separate events even when worded alike (daily casualty reports). */
export const CLUSTER_WINDOW_MS = 36 * 3600 * 1000;

/**
 * Minimum Jaccard similarity of shingle sets for two stories to be the same news. Tuned on the 134 pairs of
 * tests/fixtures/cluster/labelled-pairs.ts: at 0.38 precision 1.00, recall 0.86; the hardest negatives
 * (same people and verb, different event) score 0.375, so going lower costs precision first.
 */
export const CLUSTER_THRESHOLD = 0.38;

/** Jaccard similarity: |A ∩ B| / |A ∪ B|, 0 for two empty sets. MinHash estimates exactly this. */
export function similarity(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let shared = 0;
  for (const item of small) if (large.has(item)) shared += 1;
  const union = a.size + b.size - shared;
  return union === 0 ? 0 : shared / union;
}

/** murmur3's finaliser: spreads FNV's weak low bits so each seeded hash acts as an independent permutation. */
function mix32(value: number): number {
  let hash = value >>> 0;
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b) >>> 0;
  hash ^= hash >>> 13;
  hash = Math.imul(hash, 0xc2b2ae35) >>> 0;
  hash ^= hash >>> 16;
  return hash >>> 0;
}

/** Fixed seeds, so signatures computed by different processes (and releases) stay comparable. */
function seedFor(index: number): number {
  return mix32(Math.imul(index + 1, 0x9e3779b9));
}

/**
 * MinHash signature of `k` 32-bit minima. Empty for an empty set: such a story has nothing to match on and
 * must not land in a bucket with every other empty story.
 */
export function minHashSignature(shingles: ReadonlySet<string>, k = 32): number[] {
  if (shingles.size === 0) return [];
  const bases = [...shingles].map((shingle) => fnv1a32(shingle));
  const signature: number[] = [];
  for (let index = 0; index < k; index += 1) {
    const seed = seedFor(index);
    let min = 0xffffffff;
    for (const base of bases) {
      const value = mix32(base ^ seed);
      if (value < min) min = value;
    }
    signature.push(min);
  }
  return signature;
}

/**
 * LSH band keys `<band>:<hash>`: two stories sharing any key are candidates. With 32 rows in 16 bands of 2,
 * a pair at Jaccard 0.3 shares a band with probability 1 - (1 - 0.3²)^16 ≈ 0.78, at 0.4 ≈ 0.94.
 */
export function lshBands(signature: readonly number[], bands = 16): string[] {
  if (signature.length === 0 || bands <= 0) return [];
  const rows = Math.max(1, Math.floor(signature.length / bands));
  const keys: string[] = [];
  for (let band = 0; band < bands && band * rows < signature.length; band += 1) {
    const slice = signature.slice(band * rows, band * rows + rows);
    keys.push(`${band.toString(36)}:${fnv1a32(slice.join(',')).toString(36)}`);
  }
  return keys;
}

export interface ClusterStory {
  shingles: ReadonlySet<string>;
  publishedAt: number;
  lang: Lang;
}

export interface ClusterCandidate extends ClusterStory {
  clusterId: string;
}

interface Dated {
  publishedAt: number;
  lang: Lang;
}

/**
 * The cluster of the most similar candidate in the same language published within the window (either side,
 * edge inclusive) whose score reaches the threshold. Ties keep the earlier candidate.
 */
function bestCluster<S extends Dated, C extends Dated & { clusterId: string }>(
  story: S,
  candidates: readonly C[],
  score: (story: S, candidate: C) => number,
  threshold: number,
): string | undefined {
  let best: { clusterId: string; score: number } | undefined;
  for (const candidate of candidates) {
    if (candidate.lang !== story.lang) continue;
    if (Math.abs(candidate.publishedAt - story.publishedAt) > CLUSTER_WINDOW_MS) continue;
    const value = score(story, candidate);
    if (value < threshold) continue;
    if (best === undefined || value > best.score) best = { clusterId: candidate.clusterId, score: value };
  }
  return best?.clusterId;
}

/** See bestCluster; compares shingle sets by Jaccard similarity. */
export function chooseCluster(
  story: ClusterStory,
  candidates: readonly ClusterCandidate[],
  threshold = CLUSTER_THRESHOLD,
): string | undefined {
  return bestCluster(story, candidates, (a, b) => similarity(a.shingles, b.shingles), threshold);
}

/**
 * The shingle hashes as a sorted typed array: the hot path of ingestion compares each new story with dozens of
 * candidates, and a merge over sorted integers is several times faster than Set lookups on strings (and makes no
 * garbage). Shingles are base36 hashes (see shingleSet), so this is a one-to-one re-encoding.
 */
export function toSortedHashes(shingles: ReadonlySet<string>): Uint32Array {
  const hashes = new Uint32Array(shingles.size);
  let index = 0;
  for (const shingle of shingles) hashes[index++] = parseInt(shingle, 36) >>> 0;
  return hashes.sort();
}

/** Jaccard similarity of two sorted, duplicate-free hash arrays; equals `similarity` on the sets they encode. */
export function jaccardSorted(a: Uint32Array, b: Uint32Array): number {
  let i = 0;
  let j = 0;
  let shared = 0;
  while (i < a.length && j < b.length) {
    const x = a[i] as number;
    const y = b[j] as number;
    if (x === y) {
      shared += 1;
      i += 1;
      j += 1;
    } else if (x < y) i += 1;
    else j += 1;
  }
  const union = a.length + b.length - shared;
  return union === 0 ? 0 : shared / union;
}

export interface HashedClusterCandidate {
  clusterId: string;
  hashes: Uint32Array;
  publishedAt: number;
  lang: Lang;
}

/** chooseCluster over sorted hash arrays: the same rules and result, faster (the ingestion hot path). */
export function chooseClusterHashed(
  story: { hashes: Uint32Array; publishedAt: number; lang: Lang },
  candidates: readonly HashedClusterCandidate[],
  threshold = CLUSTER_THRESHOLD,
): string | undefined {
  return bestCluster(story, candidates, (a, b) => jaccardSorted(a.hashes, b.hashes), threshold);
}
