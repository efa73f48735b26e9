import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseShingles, serialiseShingles, shingleSet } from '../../../../src/core/cluster/shingles.js';
import {
  chooseCluster,
  chooseClusterHashed,
  jaccardSorted,
  similarity,
  toSortedHashes,
} from '../../../../src/core/cluster/similarity.js';
import { LABELLED_PAIRS } from '../../../fixtures/cluster/labelled-pairs.js';

describe('sorted-hash similarity (the ingestion fast path)', () => {
  it('equals Jaccard on the shingle sets for every labelled pair', () => {
    for (const { lang, a, b } of LABELLED_PAIRS) {
      const sa = shingleSet(a.title, a.summary, lang);
      const sb = shingleSet(b.title, b.summary, lang);
      expect(jaccardSorted(toSortedHashes(sa), toSortedHashes(sb))).toBe(similarity(sa, sb));
    }
  });

  it('equals Jaccard for any two sets of base36 hashes, also after a storage round trip', () => {
    const hash = fc.integer({ min: 0, max: 0xffffffff }).map((n) => n.toString(36));
    fc.assert(
      fc.property(
        fc.uniqueArray(hash, { maxLength: 60 }),
        fc.uniqueArray(hash, { maxLength: 60 }),
        (a, b) => {
          const sa = new Set(a);
          const sb = parseShingles(serialiseShingles(new Set(b)));
          expect(jaccardSorted(toSortedHashes(sa), toSortedHashes(sb))).toBe(similarity(sa, sb));
        },
      ),
    );
  });

  it('chooses the same cluster as chooseCluster', () => {
    const at = Date.UTC(2026, 10, 25);
    const candidates = LABELLED_PAIRS.slice(0, 40).map((pair, index) => ({
      clusterId: `c${index}`,
      shingles: shingleSet(pair.b.title, pair.b.summary, pair.lang),
      publishedAt: at - index * 3_600_000,
      lang: pair.lang,
    }));
    const hashed = candidates.map((c) => ({ ...c, hashes: toSortedHashes(c.shingles) }));
    for (const pair of LABELLED_PAIRS.slice(0, 40)) {
      const shingles = shingleSet(pair.a.title, pair.a.summary, pair.lang);
      const story = { shingles, hashes: toSortedHashes(shingles), publishedAt: at, lang: pair.lang };
      expect(chooseClusterHashed(story, hashed)).toBe(chooseCluster(story, candidates));
    }
  });
});
