import { fnv1a32 } from './shingles.js';

/** Re-exported for the composition roots, which size the store's clustering window with it. */
export { CLUSTER_WINDOW_MS } from './choose-cluster.js';

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
 * LSH band keys `<band>:<hash>`: two stories sharing any key are candidates. With `rows` rows per band a pair
 * at Jaccard J shares a band with probability 1 - (1 - J^rows)^bands (see storyBands for the values used).
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
