import { FeedsFileError } from '../../errors/feeds-file-error.js';
import type { TopicOverride } from '../feed/feeds-file.js';
import { LANGS, type Lang, type TopicDefinition } from '../types.js';
import { OTHER_TOPIC, TOPIC_OTHER_NAMES } from './builtin-topics.js';
import { CONTEXT_STEMS } from './context-stems.js';

export interface ClassifyInput {
  title: string;
  summary: string;
  categories: string[];
  lang: Lang;
  feedTopics: string[];
}

interface CompiledTopic {
  slug: string;
  /** All stems of one language in one global pattern, one capture group per stem (to count distinct hits). */
  stems: Record<Lang, RegExp | undefined>;
  /** Stems that are also figures of speech: they count only next to one of `stems` (see context-stems.ts). */
  contextStems: Record<Lang, RegExp | undefined>;
}

/** Topics prepared for matching; build once per topic list and reuse for every story. */
export interface CompiledTopics {
  readonly topics: readonly CompiledTopic[];
  /** Normalised feed category name -> slugs. */
  readonly categories: ReadonlyMap<string, readonly string[]>;
  readonly slugs: ReadonlySet<string>;
}

const SLUG = /^[a-z][a-z0-9_]{1,31}$/u;
/** Stems this short only match whole words: a 3-letter prefix (зсу, газ, суд) fires inside far too many words. */
const WHOLE_WORD_MAX = 3;
// Text is lower-cased first, so an explicit class is enough (and far cheaper than \p{L} in lookbehinds).
const LETTER = '[0-9a-z\\u00e0-\\u024f\\u0430-\\u045f\\u0491]';
// Letters, digits and apostrophes (м’ясо, об'єкт) make up a word; an apostrophe only between letters,
// so a quote mark still starts a word.
const WORD_START = `(?<!${LETTER})(?<!${LETTER}')`;
const WORD_END = `(?!${LETTER})(?!'${LETTER})`;
const WORD_TAIL = `(?:${LETTER}|'(?=${LETTER}))*`;

function normaliseText(text: string): string {
  return text.toLowerCase().replace(/[’ʼ`]/gu, "'");
}

// "Выборы-2020", "Вибори 2019": an outlet's category for one campaign is still its elections category.
const TRAILING_YEAR = /[\s\-–—]*\d{4}$/u;

function normaliseCategory(name: string): string {
  return normaliseText(name).trim().replace(/\s+/gu, ' ').replace(TRAILING_YEAR, '');
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&');
}

function stemSource(stem: string): string | undefined {
  const words = normaliseText(stem).trim().split(/\s+/u).filter(Boolean);
  const [first] = words;
  if (first === undefined) return undefined;
  if (words.length === 1 && first.length <= WHOLE_WORD_MAX) return escapeRegExp(first) + WORD_END;
  return words.map(escapeRegExp).join(`${WORD_TAIL}\\s+`);
}

function compileStems(stems: readonly string[]): RegExp | undefined {
  const sources = [...new Set(stems)].map(stemSource).filter((source) => source !== undefined);
  if (sources.length === 0) return undefined;
  return new RegExp(`${WORD_START}(?:${sources.map((source) => `(${source})`).join('|')})`, 'gu');
}

export function compileTopics(topics: readonly TopicDefinition[]): CompiledTopics {
  const categories = new Map<string, string[]>();
  for (const topic of topics) {
    for (const name of topic.categories) {
      const key = normaliseCategory(name);
      const slugs = categories.get(key) ?? [];
      if (!slugs.includes(topic.slug)) slugs.push(topic.slug);
      categories.set(key, slugs);
    }
  }
  return {
    topics: topics.map((topic) => {
      const split = (lang: Lang) => {
        const figurative = new Set(CONTEXT_STEMS[topic.slug]?.[lang] ?? []);
        const stems = topic.keywords[lang];
        return {
          plain: compileStems(stems.filter((stem) => !figurative.has(stem))),
          context: compileStems(stems.filter((stem) => figurative.has(stem))),
        };
      };
      const uk = split('uk');
      const ru = split('ru');
      return {
        slug: topic.slug,
        stems: { uk: uk.plain, ru: ru.plain },
        contextStems: { uk: uk.context, ru: ru.context },
      };
    }),
    categories,
    slugs: new Set(topics.map((topic) => topic.slug)),
  };
}

// Callers usually pass the same array for every story; compile it once.
const compiledCache = new WeakMap<readonly TopicDefinition[], CompiledTopics>();

function compiledFor(topics: readonly TopicDefinition[] | CompiledTopics): CompiledTopics {
  if (!Array.isArray(topics)) return topics as CompiledTopics;
  const list = topics as readonly TopicDefinition[];
  let compiled = compiledCache.get(list);
  if (!compiled) {
    compiled = compileTopics(list);
    compiledCache.set(list, compiled);
  }
  return compiled;
}

/**
 * A title hit is enough; the summary is noisier, so it needs two different stems. A context stem (a word that is
 * also a figure of speech) counts as one of those hits only when a plain stem of the topic is in the story too.
 */
function keywordsMatch(topic: CompiledTopic, lang: Lang, title: string, summary: string): boolean {
  const plain = topic.stems[lang];
  if (!plain) return false;
  if (found(plain, title)) return true;
  const seen = new Set<number>();
  for (const match of summary.matchAll(plain)) {
    seen.add(match.findIndex((group, index) => index > 0 && group !== undefined));
    if (seen.size >= 2) return true;
  }
  if (seen.size === 0) return false;
  // One plain stem in the summary gives the context in which "вибух" or "атакував" means what it says.
  const context = topic.contextStems[lang];
  if (!context) return false;
  return found(context, title) || found(context, summary);
}

function found(pattern: RegExp, text: string): boolean {
  pattern.lastIndex = 0;
  return pattern.test(text);
}

/**
 * Multi-label topic tagging: feed topics, feed categories and keyword stems. `['other']` when none apply. When one
 * of the outlet's own categories names a topic, the outlet has said what the story is about and keywords are not
 * consulted: a "Шоу-бізнес" story that mentions "вибух" stays out of War.
 */
export function classifyTopics(
  input: ClassifyInput,
  topics: readonly TopicDefinition[] | CompiledTopics,
): string[] {
  const compiled = compiledFor(topics);
  const chosen = new Set<string>(input.feedTopics.filter((slug) => compiled.slugs.has(slug)));
  let categorised = false;
  for (const category of input.categories) {
    for (const slug of compiled.categories.get(normaliseCategory(category)) ?? []) {
      chosen.add(slug);
      categorised = true;
    }
  }
  const title = normaliseText(input.title);
  const summary = normaliseText(input.summary);
  for (const topic of compiled.topics) {
    if (categorised || chosen.has(topic.slug)) continue;
    if (keywordsMatch(topic, input.lang, title, summary)) chosen.add(topic.slug);
  }
  const ordered = compiled.topics.map((topic) => topic.slug).filter((slug) => chosen.has(slug));
  return ordered.length > 0 ? ordered : [OTHER_TOPIC];
}

/**
 * Applies the feeds file's `topics:` section. For a built-in slug, whatever the override gives replaces
 * that part (names and keywords per language); an unknown slug adds a topic.
 */
export function mergeTopics(
  builtin: readonly TopicDefinition[],
  overrides: Readonly<Record<string, TopicOverride>>,
): TopicDefinition[] {
  const merged = builtin.map((topic) => ({ ...topic }));
  for (const [slug, override] of Object.entries(overrides)) {
    if (!SLUG.test(slug) || slug === OTHER_TOPIC) {
      throw new FeedsFileError('feeds file', `topic "${slug}"`, 'is not a valid topic slug (a-z, 0-9, _)');
    }
    const index = merged.findIndex((topic) => topic.slug === slug);
    const base: TopicDefinition = merged[index] ?? {
      slug,
      names: { uk: slug, ru: slug },
      keywords: { uk: [], ru: [] },
      categories: [],
    };
    const next: TopicDefinition = {
      slug,
      names: { ...base.names, ...override.names },
      keywords: { ...base.keywords, ...override.keywords },
      categories: override.categories ?? base.categories,
    };
    if (index >= 0) merged[index] = next;
    else merged.push(next);
  }
  return merged;
}

/** Resolves what a user typed (slug or a localised name, any case) to a slug; `lang`'s names are tried first. */
export function findTopic(
  input: string,
  topics: readonly TopicDefinition[],
  lang?: Lang,
): string | undefined {
  const wanted = normaliseCategory(input);
  if (wanted === '') return undefined;
  if (wanted === OTHER_TOPIC || LANGS.some((each) => normaliseCategory(TOPIC_OTHER_NAMES[each]) === wanted)) {
    return OTHER_TOPIC;
  }
  const bySlug = topics.find((topic) => topic.slug === wanted);
  if (bySlug) return bySlug.slug;
  const order = lang ? [lang, ...LANGS.filter((each) => each !== lang)] : LANGS;
  for (const each of order) {
    const byName = topics.find((topic) => normaliseCategory(topic.names[each]) === wanted);
    if (byName) return byName.slug;
  }
  return undefined;
}
