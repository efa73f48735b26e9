import { describe, expect, it } from 'vitest';
import { assignClusters } from '../../../../src/core/cluster/assign-clusters.js';
import { storyFeatures } from '../../../../src/core/cluster/story-features.js';
import type { DigestCandidate, DigestEntry } from '../../../../src/core/digest/digest-types.js';
import { importance } from '../../../../src/core/digest/importance.js';
import { selectDigest } from '../../../../src/core/digest/select-digest.js';
import type { Story } from '../../../../src/core/types.js';
import { buildTopics } from '../../../../src/services/build-topics.js';
import { publishedMs, REAL_ITEMS } from '../../../fixtures/real/real-set.js';

const NOW = Date.parse('2025-11-20T00:00:00Z');
const HOUR = 3600_000;

function entry(sources: number, ageHours: number, outletWeight?: number): DigestEntry {
  const story = {
    id: 's',
    title: 't',
    summary: '',
    publishedAt: NOW - ageHours * HOUR,
    ...(outletWeight === undefined ? {} : { outletWeight }),
  } as Story;
  return { story, sources, otherLang: false };
}

describe('importance', () => {
  const score = (sources: number, ageHours: number, followed = false, weight?: number) =>
    importance({ entry: entry(sources, ageHours, weight), now: NOW, followed });

  it('is 2·log2(1 + outlets) + log2(weight) + recency + followed', () => {
    expect(score(1, 0)).toBeCloseTo(3, 6);
    expect(score(3, 12)).toBeCloseTo(2 * 2 + 0.5, 6);
    expect(score(1, 48)).toBeCloseTo(2, 6);
    expect(score(1, 48, true)).toBeCloseTo(3, 6);
    expect(score(1, 48, false, 2)).toBeCloseTo(3, 6);
    expect(score(1, 48, false, 0.5)).toBeCloseTo(1, 6);
  });

  it('ranks a story of four outlets a day old above a fresh single report', () => {
    expect(score(4, 23)).toBeGreaterThan(score(1, 0));
  });
});

describe('ranking real clusters', () => {
  // Real dated items of 13–19 November 2025, tagged and clustered as the worker would.
  const { classify } = buildTopics({});
  const items = REAL_ITEMS.filter((item) => {
    const at = publishedMs(item);
    return at >= Date.parse('2025-11-13T00:00:00Z') && at < NOW;
  });
  const assignments = assignClusters(
    items.map((item) => ({
      id: item.id,
      features: storyFeatures(item.title, item.summary, item.lang, item.outlet),
      publishedAt: publishedMs(item),
      lang: item.lang,
    })),
  );
  const clusterOf = new Map(assignments.map((entry) => [entry.id, entry.clusterId]));
  const outletsOf = new Map<string, Set<string>>();
  for (const item of items) {
    const cluster = clusterOf.get(item.id) as string;
    outletsOf.set(cluster, (outletsOf.get(cluster) ?? new Set()).add(item.outlet));
  }
  const candidates: DigestCandidate[] = items.map((item) => {
    const topics = classify({
      title: item.title,
      summary: item.summary,
      categories: [],
      lang: item.lang,
      feedTopics: [],
    });
    const clusterId = clusterOf.get(item.id) as string;
    const story: Story = {
      id: item.id,
      feedId: item.outlet,
      outlet: item.outlet,
      url: item.url,
      title: item.title,
      summary: item.summary,
      publishedAt: publishedMs(item),
      fetchedAt: publishedMs(item),
      categories: [],
      lang: item.lang,
      topics,
      clusterId,
    };
    return { story, sources: outletsOf.get(clusterId)?.size ?? 1 };
  });

  const digest = selectDigest(
    candidates,
    {
      lang: 'uk',
      topics: ['war', 'sport'],
      follow: [],
      mute: [],
      allowOtherLang: true,
      timezone: 'Europe/Kyiv',
    },
    { from: Date.parse('2025-11-13T00:00:00Z'), to: NOW },
    { perTopic: 5, total: 20 },
  );
  const lead = (topic: string) => digest.sections.find((section) => section.topic === topic)?.entries[0];

  it('leads War with the strike on Ternopil, the biggest cluster of the week', () => {
    const first = lead('war');
    expect(items.find((item) => item.id === first?.story.id)?.event).toBe('ternopil-strike-2025-11-19');
    const war = digest.sections.find((section) => section.topic === 'war')?.entries ?? [];
    expect(first?.sources).toBe(Math.max(...war.map((entry) => entry.sources)));
  });

  it('leads Sport with Ukraine – Iceland, bigger than the France match two days earlier', () => {
    const first = lead('sport');
    expect(items.find((item) => item.id === first?.story.id)?.event).toBe('ukraine-iceland-2-0-2025-11-16');
  });
});
