import type { Lang } from '../types.js';
import { extractDates, extractYears } from './extract-dates.js';
import { extractNames } from './extract-names.js';
import { extractNumbers } from './extract-numbers.js';
import { fnv1a32, storyTokens } from './shingles.js';
import { sharedSkeleton } from './shared-stems.js';
import { skeleton } from './skeleton.js';
import { stemRarity } from './stem-weights.js';
import { versusKey } from './versus-key.js';

/** Lead words used: leads run long and differ between outlets, so only the opening carries signal. */
const LEAD_WORDS = 24;
/** Caps that keep one story's features (and its stored record) small whatever the feed sends. */
const MAX_TITLE_CHARS = 400;
const MAX_LEAD_CHARS = 600;

/** What clustering compares: everything is language-neutral, so a UA and a RU story compare directly. */
export interface StoryFeatures {
  /** Sorted, duplicate-free FNV hashes of the title's word skeletons. */
  title: Uint32Array;
  /** Sorted, duplicate-free hashes of the lead's word skeletons that are not in the title. */
  lead: Uint32Array;
  /** Sorted, duplicate-free hashes of the proper names of title and lead (see extractNames). */
  names: Uint32Array;
  /** The names that occur in the title. */
  titleNames: Uint32Array;
  /** Numbers of the title (10 and more, years excluded), normalised: "8 647" -> "8647", "13,5" -> "13.5". */
  titleNumbers: string[];
  /** Numbers of title and lead together. */
  numbers: string[];
  /** Match scores ("3:1") of title and lead. */
  scores: string[];
  /** "A – B" fixture of a templated sports headline, both names as skeletons, sorted; empty when none. */
  versus: string;
  outlet: string;
  /** Sorted hashes of title words right after a negation ("Рада не звільнила": the skeleton of "звільнила"). */
  negated: Uint32Array;
  /** Calendar days (`month-day`) and years (`y2024`) named in title and lead (see extract-dates.ts). */
  dates: string[];
}

function hashes(words: Iterable<string>): Uint32Array {
  const set = new Set<number>();
  for (const word of words) set.add(fnv1a32(word));
  return Uint32Array.from(set).sort();
}

const NEGATED = /(?<![\p{L}])(?:не|ні)\s+([\p{L}'’]+)/giu;

/** Skeletons of the words a title negates: "не звільнила" and "звільнила" report opposite outcomes. */
function negatedSkeletons(title: string, lang: Lang): string[] {
  return [...title.matchAll(NEGATED)].flatMap((match) => wordSkeletons(match[1] ?? '', lang));
}

function wordSkeletons(text: string, lang: Lang): string[] {
  return storyTokens(text, lang)
    .filter((token) => !/^\d+$/.test(token) || /^(19|20)\d\d$/.test(token))
    .map((token) => sharedSkeleton(skeleton(token)))
    .filter((value) => value.length >= 2);
}

/** Features of one story; `lang` picks the stop words (the features themselves are language-neutral). */
export function storyFeatures(title: string, summary: string, lang: Lang, outlet: string): StoryFeatures {
  const cappedTitle = title.slice(0, MAX_TITLE_CHARS);
  const cappedLead = summary.slice(0, MAX_LEAD_CHARS);
  const titleWords = wordSkeletons(cappedTitle, lang);
  const titleSet = new Set(titleWords);
  const leadWords = wordSkeletons(cappedLead, lang)
    .slice(0, LEAD_WORDS)
    .filter((word) => !titleSet.has(word));
  const inTitle = extractNumbers(cappedTitle);
  const inLead = extractNumbers(cappedLead);
  // A number is a word too ("46 разів" in both titles is strong evidence), marked so it never equals a word.
  const titleNumberWords = inTitle.numbers.map((value) => `#${value}`);
  const leadNumberWords = inLead.numbers
    .map((value) => `#${value}`)
    .filter((word) => !titleNumberWords.includes(word));
  return {
    title: hashes([...titleWords, ...titleNumberWords]),
    lead: hashes([...leadWords, ...leadNumberWords]),
    names: hashes(extractNames(`${cappedTitle}. ${cappedLead}`, lang)),
    titleNames: hashes(extractNames(cappedTitle, lang)),
    titleNumbers: inTitle.numbers,
    numbers: [...new Set([...inTitle.numbers, ...inLead.numbers])],
    scores: [...new Set([...inTitle.scores, ...inLead.scores])],
    versus: versusKey(cappedTitle),
    outlet,
    negated: hashes(negatedSkeletons(cappedTitle, lang)),
    dates: [...extractDates(`${cappedTitle} ${cappedLead}`), ...extractYears(`${cappedTitle} ${cappedLead}`)],
  };
}

/** Weight of a word: title words count double, and a word weighs by how rare it is in headlines (stemRarity). */
export function wordWeight(hash: number, inTitle: boolean): number {
  return (inTitle ? 2 : 1) * stemRarity(hash);
}

const SEPARATOR = '|';
const LIST = ',';

/**
 * One line, `title|lead|names|titleNames|titleNumbers|numbers|scores|versus|outlet|dates|negated`, hashes in base36: what the worker stores
 * for later stories to compare with (about 6 bytes a word).
 */
export function serialiseFeatures(features: StoryFeatures): string {
  const list = (values: Iterable<number | string>) =>
    [...values].map((value) => (typeof value === 'number' ? value.toString(36) : value)).join(LIST);
  return [
    list(features.title),
    list(features.lead),
    list(features.names),
    list(features.titleNames),
    list(features.titleNumbers),
    list(features.numbers),
    list(features.scores),
    features.versus.replaceAll(SEPARATOR, ''),
    features.outlet.replaceAll(SEPARATOR, ''),
    list(features.dates),
    list(features.negated),
  ].join(SEPARATOR);
}

/** Inverse of serialiseFeatures; a malformed record gives empty features (it then matches nothing). */
export function parseFeatures(serialised: string): StoryFeatures {
  const [
    title = '',
    lead = '',
    names = '',
    titleNames = '',
    titleNumbers = '',
    numbers = '',
    scores = '',
    versus = '',
    outlet = '',
    dates = '',
    negated = '',
  ] = serialised.split(SEPARATOR);
  const words = (value: string) =>
    Uint32Array.from(
      value
        .split(LIST)
        .filter((part) => part !== '')
        .map((part) => parseInt(part, 36) >>> 0),
    ).sort();
  const strings = (value: string) => value.split(LIST).filter((part) => part !== '');
  return {
    title: words(title),
    lead: words(lead),
    names: words(names),
    titleNames: words(titleNames),
    titleNumbers: strings(titleNumbers),
    numbers: strings(numbers),
    scores: strings(scores),
    versus,
    outlet,
    dates: strings(dates),
    negated: words(negated),
  };
}

/**
 * What MinHash sees: title words and names. Lead words are left out: they dilute the signature of a short
 * title, and a UA and a RU report of one event share their names far more often than their lead words.
 */
export function featureWords(features: StoryFeatures): Set<string> {
  const words = new Set<string>();
  for (const hash of features.title) words.add(hash.toString(36));
  for (const hash of features.names) words.add(`n${hash.toString(36)}`);
  return words;
}
