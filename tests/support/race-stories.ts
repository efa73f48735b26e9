import { CANDIDATES_PER_BAND } from '../../src/adapters/redis/cluster-store.js';
import { storyBands } from '../../src/core/cluster/assign-clusters.js';
import { chooseCluster } from '../../src/core/cluster/choose-cluster.js';
import type { StoryFeatures } from '../../src/core/cluster/story-features.js';
import { tagStory } from '../../src/core/ingest/tag-story.js';
import type { Lang, NormalisedStory } from '../../src/core/types.js';
import { buildTopics } from '../../src/services/build-topics.js';
import { realisticItems } from '../../tools/feed-server/realistic-feeds.js';
import { publishedMs, REAL_ITEMS } from '../fixtures/real/real-set.js';

/** Generated feeds (alternately UA and RU) and items each: every tenth item is one event carried by all six. */
const GENERATED_FEEDS = 6;
const GENERATED_ITEMS = 360;

interface Tagged {
  story: NormalisedStory;
  features: StoryFeatures;
  lang: Lang;
  bands: string[];
}

/**
 * Stories for the clustering race: the real set (tests/fixtures/real, UA and RU reports of one event from several
 * outlets) and the bench feeds' generated news (tools/feed-server/realistic-feeds.ts: each shared event told by
 * three UA and three RU outlets), `count` of them.
 *
 * Greedy one-pass clustering is order-dependent by nature, in one process too: when A~C and B~C but not A~B, C joins
 * whichever came first, and a candidate is only seen while it is among the newest of a band. Lock-free clustering
 * promises the clusters of one-at-a-time processing in commit order, so the race keeps only stories for which every
 * order gives the same clusters, and any difference is a race: every group of matching stories is a clique (all
 * pairs match), no story matches two groups, and every matching pair shares a band quiet enough
 * (at most CANDIDATES_PER_BAND + 1 members) to be seen in any order. Stories breaking that are left out.
 */
export function raceStories(count: number, now: number): { stories: NormalisedStory[]; groups: RaceGroups } {
  const classify = buildTopics({}).classify;
  const pool: Tagged[] = [...realStories(now), ...generatedStories(now)].map((story) => {
    const { story: tagged, features } = tagStory(story, classify);
    return { story, features, lang: tagged.lang, bands: storyBands(features) };
  });
  const pairs = matchingPairs(pool);
  let kept = pool;
  for (let pass = 0; pass < 20; pass += 1) {
    const next = cliquesOnly(kept, pairs);
    if (next.length === kept.length) break;
    kept = next;
  }
  // Cutting the list can only quiet bands and shrink groups, so the rule still holds for the first `count`.
  const chosen = kept.slice(0, count);
  if (chosen.length < count) throw new Error(`only ${chosen.length} race stories, wanted ${count}`);
  return { stories: chosen.map((entry) => entry.story), groups: describeGroups(chosen, pairs) };
}

export interface RaceGroups {
  /** Groups of two or more stories expected to form one cluster. */
  multi: number;
  /** Of those, groups with both UA and RU stories. */
  bilingual: number;
}

/** Whether `a` would join `b`'s cluster were `b` its only candidate (the worker's rule). */
function matches(a: Tagged, b: Tagged): boolean {
  const subject = { features: a.features, lang: a.lang, publishedAt: a.story.publishedAt };
  const candidate = { id: b.story.id, clusterId: b.story.id, features: b.features, lang: b.lang };
  return chooseCluster(subject, [{ ...candidate, publishedAt: b.story.publishedAt }]) !== undefined;
}

/** Per story, the earlier stories sharing a band with it that match it (computed once). */
function matchingPairs(entries: readonly Tagged[]): Map<Tagged, { other: Tagged }[]> {
  const byBand = new Map<string, Tagged[]>();
  const result = new Map<Tagged, { other: Tagged }[]>();
  for (const entry of entries) {
    const found: { other: Tagged }[] = [];
    for (const other of new Set(entry.bands.flatMap((band) => byBand.get(band) ?? []))) {
      // storySimilarity is symmetric, and so is the threshold of a language pair: one direction decides.
      if (matches(entry, other)) found.push({ other });
    }
    result.set(entry, found);
    for (const band of entry.bands) {
      const members = byBand.get(band);
      if (members) members.push(entry);
      else byBand.set(band, [entry]);
    }
  }
  return result;
}

/** Keeps stories in pool order while the rule above holds for them and those kept before. */
function cliquesOnly(entries: readonly Tagged[], pairs: Map<Tagged, { other: Tagged }[]>): Tagged[] {
  const bandSize = new Map<string, number>();
  for (const entry of entries)
    for (const band of entry.bands) bandSize.set(band, (bandSize.get(band) ?? 0) + 1);
  const groupOf = new Map<Tagged, Set<Tagged>>();
  const kept: Tagged[] = [];
  for (const entry of entries) {
    const matched = new Set<Tagged>();
    let ok = true;
    for (const { other } of pairs.get(entry) ?? []) {
      if (!groupOf.has(other)) continue;
      const quiet = entry.bands.some(
        (band) => other.bands.includes(band) && (bandSize.get(band) ?? 0) <= CANDIDATES_PER_BAND + 1,
      );
      if (!quiet) ok = false;
      matched.add(other);
    }
    const touched = new Set([...matched].map((other) => groupOf.get(other) as Set<Tagged>));
    const [group] = touched;
    if (!ok || touched.size > 1 || (group !== undefined && group.size !== matched.size)) continue;
    const joined = group ?? new Set<Tagged>();
    joined.add(entry);
    groupOf.set(entry, joined);
    kept.push(entry);
  }
  return kept;
}

/** Groups of two or more kept stories (the expected clusters), and how many have both languages. */
function describeGroups(entries: readonly Tagged[], pairs: Map<Tagged, { other: Tagged }[]>): RaceGroups {
  const members = new Set(entries);
  const groupOf = new Map<Tagged, Tagged[]>();
  for (const entry of entries) {
    const other = (pairs.get(entry) ?? []).find((pair) => members.has(pair.other))?.other;
    const group = (other && groupOf.get(other)) ?? [];
    group.push(entry);
    groupOf.set(entry, group);
  }
  const multi = [...new Set(groupOf.values())].filter((group) => group.length > 1);
  return {
    multi: multi.length,
    bilingual: multi.filter((group) => new Set(group.map((entry) => entry.lang)).size > 1).length,
  };
}

function realStories(now: number): NormalisedStory[] {
  return REAL_ITEMS.map((item, index) => ({
    id: `real-${item.id}`,
    feedId: `real-${item.outlet}`,
    outlet: item.outlet,
    url: item.url,
    title: item.title,
    summary: item.summary,
    // Undated items get spread-out recent times, so only real dates separate events.
    publishedAt: Number.isFinite(publishedMs(item)) ? publishedMs(item) : now - index * 60_000,
    fetchedAt: now,
    categories: [],
    declaredLang: item.lang,
    feedTopics: [],
  }));
}

function generatedStories(now: number): NormalisedStory[] {
  const stories: NormalisedStory[] = [];
  for (let feedNo = 0; feedNo < GENERATED_FEEDS; feedNo += 1) {
    const { lang, items } = realisticItems(feedNo, GENERATED_ITEMS, now);
    for (const item of items) {
      stories.push({
        id: `gen-${item.guid}`,
        feedId: `gen-${feedNo}`,
        outlet: `Outlet ${feedNo}`,
        url: item.link,
        title: item.title,
        summary: item.description.replace(/<\/?p>/g, ''),
        publishedAt: item.pubDate.getTime(),
        fetchedAt: now,
        categories: [],
        declaredLang: lang,
        feedTopics: [],
      });
    }
  }
  return stories;
}
