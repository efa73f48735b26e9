import { describe, expect, it } from 'vitest';
import { shingleSet } from '../../../../src/core/cluster/shingles.js';
import {
  CLUSTER_THRESHOLD,
  lshBands,
  minHashSignature,
  similarity,
} from '../../../../src/core/cluster/similarity.js';
import { LABELLED_PAIRS } from '../../../fixtures/cluster/labelled-pairs.js';

const scored = LABELLED_PAIRS.map((pair) => {
  const a = shingleSet(pair.a.title, pair.a.summary, pair.lang);
  const b = shingleSet(pair.b.title, pair.b.summary, pair.lang);
  const bandsOfA = new Set(lshBands(minHashSignature(a)));
  return {
    pair,
    score: similarity(a, b),
    sharesBand: lshBands(minHashSignature(b)).some((band) => bandsOfA.has(band)),
  };
});

describe('labelled pairs', () => {
  it('hold enough same-news and different-news pairs in both languages', () => {
    const positives = LABELLED_PAIRS.filter((pair) => pair.same);
    const negatives = LABELLED_PAIRS.filter((pair) => !pair.same);
    expect(positives.length).toBeGreaterThanOrEqual(50);
    expect(negatives.length).toBeGreaterThanOrEqual(70);
    for (const lang of ['uk', 'ru'] as const) {
      expect(positives.filter((pair) => pair.lang === lang).length).toBeGreaterThanOrEqual(20);
      expect(negatives.filter((pair) => pair.lang === lang).length).toBeGreaterThanOrEqual(30);
    }
  });
});

describe('CLUSTER_THRESHOLD', () => {
  it('separates same news from different news: precision >= 0.95, recall >= 0.8', () => {
    const truePositives = scored.filter((item) => item.pair.same && item.score >= CLUSTER_THRESHOLD).length;
    const falsePositives = scored.filter((item) => !item.pair.same && item.score >= CLUSTER_THRESHOLD).length;
    const positives = scored.filter((item) => item.pair.same).length;
    const precision = truePositives / (truePositives + falsePositives);
    const recall = truePositives / positives;
    const f1 = (2 * precision * recall) / (precision + recall);
    console.log(
      `clustering at ${CLUSTER_THRESHOLD}: precision ${precision.toFixed(3)}, recall ${recall.toFixed(3)}, ` +
        `F1 ${f1.toFixed(3)} (${truePositives} TP, ${falsePositives} FP, ${positives - truePositives} FN ` +
        `of ${scored.length} pairs)`,
    );
    expect(precision).toBeGreaterThanOrEqual(0.95);
    expect(recall).toBeGreaterThanOrEqual(0.8);
  });

  it('is where F1 peaks among nearby thresholds with precision >= 0.95', () => {
    const f1At = (threshold: number): number => {
      const tp = scored.filter((item) => item.pair.same && item.score >= threshold).length;
      const fp = scored.filter((item) => !item.pair.same && item.score >= threshold).length;
      const fn = scored.filter((item) => item.pair.same && item.score < threshold).length;
      if (tp === 0 || tp / (tp + fp) < 0.95) return 0;
      return (2 * tp) / (2 * tp + fp + fn);
    };
    const best = Math.max(...[0.3, 0.32, 0.34, 0.36, 0.38, 0.4, 0.42, 0.45, 0.5].map(f1At));
    expect(f1At(CLUSTER_THRESHOLD)).toBe(best);
  });
});

describe('MinHash LSH', () => {
  it('puts >= 90% of the matching same-news pairs in a shared band', () => {
    const matched = scored.filter((item) => item.pair.same && item.score >= CLUSTER_THRESHOLD);
    const found = matched.filter((item) => item.sharesBand).length;
    console.log(
      `LSH: ${found} of ${matched.length} matching pairs share a band (${(found / matched.length).toFixed(3)})`,
    );
    expect(found / matched.length).toBeGreaterThanOrEqual(0.9);
  });

  it('keeps most different-news pairs out of each other’s buckets', () => {
    const negatives = scored.filter((item) => !item.pair.same);
    const collisions = negatives.filter((item) => item.sharesBand).length;
    console.log(`LSH: ${collisions} of ${negatives.length} different-news pairs share a band`);
    expect(collisions / negatives.length).toBeLessThan(0.5);
  });
});
