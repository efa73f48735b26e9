/**
 * Learns extra keyword stems per built-in topic from the tuning part of tests/fixtures/real: the items whose
 * outlet filed them under a section (tests/fixtures/real/outlet-sections.ts) and that the keywords miss. A stem
 * (a word start: the word without its inflection ending, as clustering cuts it; names left out) is kept for
 * topic T when it occurs in sectioned items of T from at least MIN_EVENTS different events (a topic's word, not
 * one story's), and at least MIN_PRECISION of all tuning items carrying it are about T (see topicsOf). Held-out
 * items are never read.
 * Reproducible: `node --import tsx bench/learn-topic-stems.ts` rewrites src/core/topics/learned-stems.ts.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { storyTokens } from '../src/core/cluster/shingles.js';
import { WRITTEN_TOPICS } from '../src/core/topics/builtin-topics.js';
import { classifyTopics, compileTopics } from '../src/core/topics/classify-topics.js';
import { LANGS, type Lang } from '../src/core/types.js';
import { outletTopic } from '../tests/fixtures/real/outlet-sections.js';
import { REAL_ITEMS } from '../tests/fixtures/real/real-set.js';

const MIN_EVENTS = 3;
/** And in this many sectioned items of T: two stories sharing a word by chance do not make it the topic's. */
const MIN_ITEMS = 3;
const MIN_PRECISION = 0.9;
/** Shorter word starts fire inside too many words (the matcher treats 3 letters as a whole word). */
const MIN_STEM = 5;

const tuning = REAL_ITEMS.filter((item) => item.split === 'tuning');
// The written stems only: what is learned must not depend on what was learned before.
const written = compileTopics(WRITTEN_TOPICS);
/**
 * The topics of a tuning item: its outlet's section when the URL names one, else what the written keywords
 * say. Every tuning item then votes on a stem's precision, so a word of every headline ("України") fails.
 */
const topicsOf = new Map(
  tuning.map((item) => {
    const section = outletTopic(item);
    if (section !== undefined) return [item.id, [section]];
    return [item.id, classifyTopics({ ...item, categories: [], feedTopics: [] }, written)];
  }),
);

/**
 * Words that say when or who reported, not what about: months and reporting verbs. Generic, written before
 * looking at any miss.
 */
const NOT_TOPICAL =
  /^(січн|лютог|берез|квітн|травн|червн|липн|серпн|верес|жовтн|листоп|грудн|январ|феврал|апрел|июн|июл|август|сентяб|октяб|ноябр|декабр|інформ|информ|почал|начал|відбул|состоя|прошел|заверш|сообщ|повідом|заяви|зазнач|отмет)/u;

/**
 * Word starts of a text that the topic matcher can find again (a prefix of the lower-cased word), leaving out
 * capitalised words: a name (Олександр, Шовковський) belongs to a story, not to a topic.
 */
function wordStarts(text: string, lang: Lang): Set<string> {
  const starts = new Set<string>();
  const words = text.match(/[\p{L}'’]+/gu) ?? [];
  for (const word of words) {
    if (/^\p{Lu}/u.test(word)) continue;
    for (const stem of storyTokens(word, lang)) {
      if (stem.length >= MIN_STEM && word.startsWith(stem) && !NOT_TOPICAL.test(stem)) starts.add(stem);
    }
  }
  return starts;
}

/** Whether a hand-written stem of the topic already matches this word start. */
function covered(start: string, existing: readonly string[]): boolean {
  return existing.some((stem) => start.startsWith(stem) || stem.startsWith(start));
}

/**
 * Stems of names written capitalised inside a sentence (Київ, Британія, Донецьк): a word start that begins with
 * one (київське, британський, донецький) is a place's adjective, as likely in any topic.
 */
function nameStems(lang: Lang): string[] {
  const stems = new Set<string>();
  for (const item of tuning.filter((each) => each.lang === lang)) {
    for (const match of `${item.title} ${item.summary}`.matchAll(/(?<=[\p{L}\d,:;]\s+)\p{Lu}\p{Ll}+/gu)) {
      for (const stem of storyTokens(match[0], lang)) if (stem.length >= 4) stems.add(stem);
    }
  }
  return [...stems];
}

const learned: Record<string, Record<Lang, string[]>> = {};
for (const topic of WRITTEN_TOPICS) {
  for (const lang of LANGS) {
    const inLang = tuning.filter((item) => item.lang === lang);
    const names = nameStems(lang);
    const sectionedCount = new Map<string, number>();
    const eventsWith = new Map<string, Set<string>>();
    const itemsWith = new Map<string, { topic: number; all: number }>();
    for (const item of inLang) {
      const mine = (topicsOf.get(item.id) ?? []).includes(topic.slug);
      const sectioned = outletTopic(item) === topic.slug;
      for (const start of wordStarts(`${item.title} ${item.summary}`, lang)) {
        const counts = itemsWith.get(start) ?? { topic: 0, all: 0 };
        counts.all += 1;
        if (mine) counts.topic += 1;
        // Only the outlets' sections propose stems; the keywords' own tags only vote on precision.
        if (sectioned) {
          sectionedCount.set(start, (sectionedCount.get(start) ?? 0) + 1);
          eventsWith.set(start, (eventsWith.get(start) ?? new Set()).add(item.event));
        }
        itemsWith.set(start, counts);
      }
    }
    const stems = [...eventsWith]
      .filter(([start, events]) => {
        const counts = itemsWith.get(start) as { topic: number; all: number };
        return (
          events.size >= MIN_EVENTS &&
          (sectionedCount.get(start) ?? 0) >= MIN_ITEMS &&
          counts.topic / counts.all >= MIN_PRECISION &&
          !covered(start, topic.keywords[lang]) &&
          !names.some((name) => start.startsWith(name))
        );
      })
      .map(([start]) => start)
      .sort();
    if (stems.length > 0) (learned[topic.slug] ??= { uk: [], ru: [] })[lang] = stems;
  }
}

const body = Object.entries(learned)
  .map(
    ([slug, byLang]) =>
      `  ${slug}: {\n${LANGS.map((lang) => `    ${lang}: [${byLang[lang].map((stem) => `'${stem}'`).join(', ')}],`).join('\n')}\n  },`,
  )
  .join('\n');
const source = `// Generated by bench/learn-topic-stems.ts from the tuning part of tests/fixtures/real; do not edit.
import type { Lang } from '../types.js';

/** Keyword stems per built-in topic learned from outlet sections of tuning items, added to the written ones. */
export const LEARNED_STEMS: Readonly<Record<string, Readonly<Record<Lang, readonly string[]>>>> = {
${body}
};
`;
writeFileSync(fileURLToPath(new URL('../src/core/topics/learned-stems.ts', import.meta.url)), source);
console.log(JSON.stringify(learned));
