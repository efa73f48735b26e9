import { describe, expect, it } from 'vitest';
import { storyBands } from '../../../../src/core/cluster/assign-clusters.js';
import { SAME_LANGUAGE_THRESHOLD } from '../../../../src/core/cluster/choose-cluster.js';
import { storyFeatures } from '../../../../src/core/cluster/story-features.js';
import { storySimilarity } from '../../../../src/core/cluster/story-similarity.js';
import { LABELLED_PAIRS } from '../../../fixtures/cluster/labelled-pairs.js';

// Two outlets per pair, as in a real cluster (one outlet's two stories are discounted).
const scored = LABELLED_PAIRS.map((pair) => {
  const a = storyFeatures(pair.a.title, pair.a.summary, pair.lang, 'outlet-a');
  const b = storyFeatures(pair.b.title, pair.b.summary, pair.lang, 'outlet-b');
  const bandsOfA = new Set(storyBands(a));
  return { pair, score: storySimilarity(a, b), sharesBand: storyBands(b).some((band) => bandsOfA.has(band)) };
});

const counts = (threshold: number) => {
  const tp = scored.filter((item) => item.pair.same && item.score >= threshold).length;
  const fp = scored.filter((item) => !item.pair.same && item.score >= threshold).length;
  const positives = scored.filter((item) => item.pair.same).length;
  return { tp, fp, fn: positives - tp, precision: tp / (tp + fp), recall: tp / positives };
};

describe('labelled pairs', () => {
  it('hold enough same-news and different-news pairs in both languages', () => {
    const positives = LABELLED_PAIRS.filter((pair) => pair.same);
    const negatives = LABELLED_PAIRS.filter((pair) => !pair.same);
    expect(positives.length).toBeGreaterThanOrEqual(50);
    expect(negatives.length).toBeGreaterThanOrEqual(70);
  });
});

describe('SAME_LANGUAGE_THRESHOLD on the labelled pairs', () => {
  it('separates same news from different news: precision >= 0.97, recall >= 0.85', () => {
    const { tp, fp, fn, precision, recall } = counts(SAME_LANGUAGE_THRESHOLD);
    console.log(
      `labelled pairs at ${SAME_LANGUAGE_THRESHOLD}: precision ${precision.toFixed(3)}, recall ${recall.toFixed(3)} ` +
        `(${tp} TP, ${fp} FP, ${fn} FN of ${scored.length} pairs)`,
    );
    expect(precision).toBeGreaterThanOrEqual(0.97);
    expect(recall).toBeGreaterThanOrEqual(0.85);
  });

  it('would lose precision below the 0.97 target one step lower (the threshold is not arbitrary)', () => {
    expect(counts(SAME_LANGUAGE_THRESHOLD - 0.05).precision).toBeLessThan(0.97);
  });
});

describe('MinHash LSH', () => {
  it('puts >= 95% of the matching same-news pairs in a shared band', () => {
    const matched = scored.filter((item) => item.pair.same && item.score >= SAME_LANGUAGE_THRESHOLD);
    const found = matched.filter((item) => item.sharesBand).length;
    expect(found / matched.length).toBeGreaterThanOrEqual(0.95);
  });
});
