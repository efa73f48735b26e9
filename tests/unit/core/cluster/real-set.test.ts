import { describe, expect, it } from 'vitest';
import { fnv1a32 } from '../../../../src/core/cluster/shingles.js';
import { editionKeyFor } from '../../../../src/core/editions/edition-key.js';
import { evaluateClustering } from '../../../fixtures/real/evaluate-clustering.js';
import { pairwise, publishedMs, REAL_EDITION_PAIRS, REAL_ITEMS } from '../../../fixtures/real/real-set.js';

const part = (split: 'tuning' | 'heldout') => REAL_ITEMS.filter((item) => item.split === split);

/** Clusters one part and scores the pairs of items that both have a date (what ingestion sees). */
function datedScores(split: 'tuning' | 'heldout') {
  const items = part(split);
  const result = evaluateClustering(items);
  const clusterOf = new Map(result.assignments.map((entry) => [entry.id, entry.clusterId]));
  return {
    all: result,
    dated: pairwise(
      items.filter((item) => Number.isFinite(publishedMs(item))),
      clusterOf,
    ),
  };
}

describe('the real evaluation set', () => {
  it('keeps its split: by event, FNV-1a of the event id, 60/40', () => {
    for (const item of REAL_ITEMS) {
      expect(item.split).toBe(fnv1a32(item.event) % 100 < 60 ? 'tuning' : 'heldout');
    }
  });

  it('takes nothing from the reserved archive and has unique ids and URLs', () => {
    expect(REAL_ITEMS.some((item) => item.url.toLowerCase().includes('new-dev0'))).toBe(false);
    expect(new Set(REAL_ITEMS.map((item) => item.id)).size).toBe(REAL_ITEMS.length);
    expect(new Set(REAL_ITEMS.map((item) => item.url)).size).toBe(REAL_ITEMS.length);
  });
});

// Floors at the values bench/quality.ts printed on the 897-item set with the rule of issue 11's similarity
// work (rarity weights, evidence, dates, negation, UA/RU word table); a change that lowers them fails.
describe('clustering on the tuning part', () => {
  const { all, dated } = datedScores('tuning');

  // Targets (precision 0.97 / 0.95, recall 0.85) are not met; README "Clustering on real news" says why.
  it('keeps the precision reached on dated pairs, within and across languages', () => {
    expect(dated.within.precision).toBeGreaterThanOrEqual(0.95);
    expect(dated.across.precision).toBeGreaterThanOrEqual(0.89);
  });

  it('keeps the recall reached', () => {
    expect(dated.within.recall).toBeGreaterThanOrEqual(0.68);
    expect(dated.across.recall).toBeGreaterThanOrEqual(0.68);
    expect(all.within.recall).toBeGreaterThanOrEqual(0.75);
  });
});

describe('clustering on the held-out part (never tuned on)', () => {
  it('keeps the precision it reached untuned on dated pairs', () => {
    const { dated } = datedScores('heldout');
    expect(dated.within.precision).toBeGreaterThanOrEqual(0.91);
    expect(dated.across.precision).toBeGreaterThanOrEqual(0.88);
  });
});

describe('edition keys on real UA/RU editions', () => {
  const byId = new Map(REAL_ITEMS.map((item) => [item.id, item]));

  it('pair no two different articles (precision 1.0)', () => {
    const truth = new Set(REAL_EDITION_PAIRS.map((pair) => `${pair.uk}|${pair.ru}`));
    for (const a of REAL_ITEMS.filter((item) => item.lang === 'uk')) {
      for (const b of REAL_ITEMS.filter((item) => item.lang === 'ru')) {
        const key = editionKeyFor(a.url);
        if (key !== undefined && key === editionKeyFor(b.url))
          expect(truth.has(`${a.id}|${b.id}`)).toBe(true);
      }
    }
  });

  it('pair every edition that shares an article id or a slug (20 of the 28 real pairs)', () => {
    const paired = REAL_EDITION_PAIRS.filter((pair) => {
      const key = editionKeyFor(byId.get(pair.uk)?.url ?? '');
      return key !== undefined && key === editionKeyFor(byId.get(pair.ru)?.url ?? '');
    });
    expect(paired.length).toBeGreaterThanOrEqual(20);
  });
});
