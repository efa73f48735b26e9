import { matchesAllWords, searchWords } from '../text/match-words.js';
import { importance } from './importance.js';
import {
  FOLLOWED_SECTION,
  type Digest,
  type DigestCandidate,
  type DigestEntry,
  type DigestInputs,
  type DigestLimits,
  type DigestWindow,
} from './digest-types.js';

const matchesAny = (text: string, keywords: readonly string[]): boolean =>
  keywords.some((keyword) => matchesAllWords(text, searchWords(keyword)));

/** Most important first (see importance.ts), then newer, then by id so equal inputs order equally. */
function byImportance(ranked: { entry: DigestEntry; score: number }[]): DigestEntry[] {
  return ranked
    .sort(
      (a, b) =>
        b.score - a.score ||
        b.entry.story.publishedAt - a.entry.story.publishedAt ||
        (a.entry.story.id < b.entry.story.id ? -1 : a.entry.story.id > b.entry.story.id ? 1 : 0),
    )
    .map(({ entry }) => entry);
}

/**
 * Chooses a chat's digest from candidate stories: the reader's edition of paired stories, other-language-only
 * stories only when allowed (marked), topic or followed-keyword matches minus muted ones, one entry per cluster,
 * ranked by importance (cluster size, outlet weight, recency, followed keywords), grouped by topic in the chat's order, capped per topic and in total.
 */
export function selectDigest(
  candidates: readonly DigestCandidate[],
  inputs: DigestInputs,
  window: DigestWindow,
  limits: DigestLimits,
): Digest {
  const topicSet = new Set(inputs.topics);
  const byCluster = new Map<string, DigestEntry>();
  for (const candidate of candidates) {
    let story = candidate.story;
    let otherLang = false;
    if (story.lang !== inputs.lang) {
      if (candidate.otherEdition?.lang === inputs.lang) story = candidate.otherEdition;
      else if (inputs.allowOtherLang) otherLang = true;
      else continue;
    }
    const at = candidate.ingestedAt ?? candidate.story.publishedAt;
    if (at < window.from || at >= window.to) continue;
    const text = `${story.title} ${story.summary}`;
    const onTopic = story.topics.some((topic) => topicSet.has(topic));
    if (!onTopic && !matchesAny(text, inputs.follow)) continue;
    if (matchesAny(text, inputs.mute)) continue;
    const current = byCluster.get(story.clusterId);
    // A reader-language story stands for its cluster before an other-language one; then the newest.
    const better =
      !current ||
      (current.otherLang && !otherLang) ||
      (current.otherLang === otherLang && story.publishedAt > current.story.publishedAt);
    const sources = Math.max(candidate.sources, current?.sources ?? 1);
    byCluster.set(story.clusterId, better ? { story, sources, otherLang } : { ...current, sources });
  }
  const entries = byImportance(
    [...byCluster.values()].map((entry) => ({
      entry,
      score: importance({
        entry,
        now: window.to,
        followed: matchesAny(`${entry.story.title} ${entry.story.summary}`, inputs.follow),
      }),
    })),
  );

  const sections = new Map<string, DigestEntry[]>();
  for (const slug of [...inputs.topics, FOLLOWED_SECTION]) sections.set(slug, []);
  let total = 0;
  for (const entry of entries) {
    if (total >= limits.total) break;
    const slug = inputs.topics.find((topic) => entry.story.topics.includes(topic)) ?? FOLLOWED_SECTION;
    const section = sections.get(slug);
    if (!section || section.length >= limits.perTopic) continue;
    section.push(entry);
    total += 1;
  }
  return {
    lang: inputs.lang,
    sections: [...sections]
      .filter(([, list]) => list.length > 0)
      .map(([topic, list]) => ({ topic, entries: list })),
  };
}

export function digestSize(digest: Digest): number {
  return digest.sections.reduce((sum, section) => sum + section.entries.length, 0);
}
