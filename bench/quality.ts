/**
 * Clustering and edition quality on the real evaluation set (tests/fixtures/real), tuning and held-out parts
 * reported separately, plus the cost per story. `npm run bench:quality`; the last line is a JSON summary.
 *
 * Pairs are scored after clustering (so chaining counts): every pair of items of one part is correctly
 * joined, wrongly joined or wrongly apart. "all pairs" treats an item without a date as possibly simultaneous
 * with every other (time cannot help); "dated pairs" scores only pairs whose two items have a date, which is
 * what ingestion sees (every feed item has one).
 */
import { performance } from 'node:perf_hooks';
import { assignClusters } from '../src/core/cluster/assign-clusters.js';
import { SAME_LANGUAGE_THRESHOLD, CROSS_LANGUAGE_THRESHOLD } from '../src/core/cluster/choose-cluster.js';
import { storyFeatures } from '../src/core/cluster/story-features.js';
import { storySimilarity } from '../src/core/cluster/story-similarity.js';
import { editionKeyFor } from '../src/core/editions/edition-key.js';
import { buildTopics } from '../src/services/build-topics.js';
import { LABELLED_PAIRS } from '../tests/fixtures/cluster/labelled-pairs.js';
import { outletTopic } from '../tests/fixtures/real/outlet-sections.js';
import { evaluateClustering } from '../tests/fixtures/real/evaluate-clustering.js';
import {
  pairwise,
  publishedMs,
  REAL_EDITION_PAIRS,
  REAL_ITEMS,
  type PairScores,
} from '../tests/fixtures/real/real-set.js';
import { median } from './support/stats.js';

const fmt = (s: PairScores) =>
  `precision ${s.precision.toFixed(3)} recall ${s.recall.toFixed(3)} (${s.truePositive} TP, ${s.falsePositive} FP, ${s.falseNegative} FN)`;
const round = (value: number) => Math.round(value * 1000) / 1000;

const summary: Record<string, unknown> = {
  thresholds: { sameLanguage: SAME_LANGUAGE_THRESHOLD, crossLanguage: CROSS_LANGUAGE_THRESHOLD },
};

for (const split of ['tuning', 'heldout'] as const) {
  const items = REAL_ITEMS.filter((item) => item.split === split);
  const result = evaluateClustering(items);
  const clusterOf = new Map(result.assignments.map((entry) => [entry.id, entry.clusterId]));
  const dated = pairwise(
    items.filter((item) => Number.isFinite(publishedMs(item))),
    clusterOf,
  );
  const events = new Set(items.map((item) => item.event)).size;
  console.log(`${split}: ${items.length} items, ${events} events`);
  console.log(`  all pairs,   within a language: ${fmt(result.within)}`);
  console.log(`  all pairs,   across languages:  ${fmt(result.across)}`);
  console.log(`  dated pairs, within a language: ${fmt(dated.within)}`);
  console.log(`  dated pairs, across languages:  ${fmt(dated.across)}`);
  summary[split] = {
    items: items.length,
    events,
    all: { within: pick(result.within), across: pick(result.across) },
    dated: { within: pick(dated.within), across: pick(dated.across) },
  };
}

function pick(s: PairScores) {
  return {
    precision: round(s.precision),
    recall: round(s.recall),
    tp: s.truePositive,
    fp: s.falsePositive,
    fn: s.falseNegative,
  };
}

// The hand-written labelled pairs of tests/fixtures/cluster, scored pair by pair at the threshold.
const labelled = LABELLED_PAIRS.map((pair) => ({
  same: pair.same,
  score: storySimilarity(
    storyFeatures(pair.a.title, pair.a.summary, pair.lang, 'a'),
    storyFeatures(pair.b.title, pair.b.summary, pair.lang, 'b'),
  ),
}));
const ltp = labelled.filter((p) => p.same && p.score >= SAME_LANGUAGE_THRESHOLD).length;
const lfp = labelled.filter((p) => !p.same && p.score >= SAME_LANGUAGE_THRESHOLD).length;
const lpos = labelled.filter((p) => p.same).length;
console.log(
  `labelled pairs: precision ${(ltp / (ltp + lfp)).toFixed(3)} recall ${(ltp / lpos).toFixed(3)} (${labelled.length} pairs)`,
);
summary['labelled'] = { precision: round(ltp / (ltp + lfp)), recall: round(ltp / lpos) };

// Edition pairing on real UA/RU editions: every UA x RU item pair with equal keys is a predicted pair.
const truth = new Set(REAL_EDITION_PAIRS.map((pair) => `${pair.uk}|${pair.ru}`));
let etp = 0;
let efp = 0;
for (const a of REAL_ITEMS.filter((item) => item.lang === 'uk')) {
  for (const b of REAL_ITEMS.filter((item) => item.lang === 'ru')) {
    const key = editionKeyFor(a.url);
    if (key === undefined || key !== editionKeyFor(b.url)) continue;
    if (truth.has(`${a.id}|${b.id}`)) etp += 1;
    else efp += 1;
  }
}
const editionPrecision = etp + efp === 0 ? 1 : etp / (etp + efp);
const editionRecall = etp / truth.size;
console.log(
  `editions: ${truth.size} real pairs, precision ${editionPrecision.toFixed(3)} recall ${editionRecall.toFixed(3)} (${etp} TP, ${efp} FP)`,
);
summary['editions'] = { pairs: truth.size, precision: round(editionPrecision), recall: round(editionRecall) };

// Topics: keyword tags (no feed category given) against the outlet's own section, per part. Learned stems
// come from the tuning part only (bench/learn-topic-stems.ts).
const { classify } = buildTopics({});
summary['topics'] = {};
for (const split of ['tuning', 'heldout'] as const) {
  const withSection = REAL_ITEMS.filter((item) => item.split === split && outletTopic(item) !== undefined);
  const hits = withSection.filter((item) =>
    classify({
      title: item.title,
      summary: item.summary,
      categories: [],
      lang: item.lang,
      feedTopics: [],
    }).includes(outletTopic(item) as string),
  ).length;
  console.log(
    `topics, ${split}: ${hits} of ${withSection.length} items get their outlet section's topic (${((100 * hits) / withSection.length).toFixed(1)} %)`,
  );
  (summary['topics'] as Record<string, unknown>)[split] = {
    items: withSection.length,
    share: round(hits / withSection.length),
  };
}

// Cost: features + LSH + clustering for a 5,200-story stream (the real set, 20 copies a few days apart so
// copies never share a window), median of 5 runs.
const COPIES = 20;
const DAY = 24 * 3600 * 1000;
const stream = Array.from({ length: COPIES }, (_, copy) =>
  REAL_ITEMS.map((item) => ({
    item,
    copy,
    at: (Number.isFinite(publishedMs(item)) ? publishedMs(item) : Date.UTC(2025, 0, 1)) + copy * 400 * DAY,
  })),
).flat();
const runs: number[] = [];
for (let run = 0; run < 5; run += 1) {
  const started = performance.now();
  assignClusters(
    stream.map(({ item, copy, at }) => ({
      id: `${item.id}-${copy}`,
      features: storyFeatures(item.title, item.summary, item.lang, item.outlet),
      publishedAt: at,
      lang: item.lang,
    })),
  );
  runs.push(((performance.now() - started) * 1000) / stream.length);
}
const usPerStory = median(runs);
console.log(
  `cost: ${usPerStory.toFixed(1)} µs per story (features, LSH, clustering; median of ${runs.length} runs over ${stream.length} stories)`,
);
summary['usPerStory'] = round(usPerStory);

console.log(JSON.stringify(summary));
