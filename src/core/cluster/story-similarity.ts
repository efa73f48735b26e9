import { isCommonStem } from './common-stems.js';
import type { StoryFeatures } from './story-features.js';
import { wordWeight } from './story-features.js';

/** Score multiplier when both titles carry numbers and none agree ("46 разів" / "69 разів"). */
export const NUMBER_CONFLICT_FACTOR = 0.4;
/** Score multiplier when the titles share a number of 10 or more: "46 разів" and "46 разів" are one report. */
export const SHARED_NUMBER_BONUS = 1.25;
/** Score multiplier when both titles name someone or somewhere and neither name occurs in the other story. */
export const NAME_CONFLICT_FACTOR = 0.6;
/** Score multiplier when both stories name calendar days and none agree ("18 листопада" / "19 ноября"). */
export const DATE_CONFLICT_FACTOR = 0.4;
/** Score multiplier for two stories of one outlet: an outlet rarely reports one event twice. */
// 0.94 keeps one outlet's bar where it was (word score 0.425) when the same-language threshold rose to 0.40.
export const SAME_OUTLET_FACTOR = 0.94;

/** Weighted shared and total word weight of two stories (title words weigh 2, common words half). */
function overlap(a: StoryFeatures, b: StoryFeatures): { shared: number; totalA: number; totalB: number } {
  const listA = weighted(a);
  const listB = weighted(b);
  let shared = 0;
  let i = 0;
  let j = 0;
  while (i < listA.hashes.length && j < listB.hashes.length) {
    const x = listA.hashes[i] as number;
    const y = listB.hashes[j] as number;
    if (x === y) {
      shared += Math.min(listA.weights[i] as number, listB.weights[j] as number);
      i += 1;
      j += 1;
    } else if (x < y) i += 1;
    else j += 1;
  }
  return { shared, totalA: listA.total, totalB: listB.total };
}

interface WeightedWords {
  hashes: Uint32Array;
  weights: Float64Array;
  total: number;
}

const cache = new WeakMap<StoryFeatures, WeightedWords>();

/** Title and lead words merged into one sorted list with weights (cached per features object). */
function weighted(features: StoryFeatures): WeightedWords {
  const cached = cache.get(features);
  if (cached) return cached;
  const { title, lead } = features;
  const hashes = new Uint32Array(title.length + lead.length);
  const weights = new Float64Array(title.length + lead.length);
  let i = 0;
  let j = 0;
  let k = 0;
  let total = 0;
  while (i < title.length || j < lead.length) {
    const fromTitle = j >= lead.length || (i < title.length && (title[i] as number) <= (lead[j] as number));
    const hash = fromTitle ? (title[i++] as number) : (lead[j++] as number);
    const weight = wordWeight(hash, fromTitle);
    hashes[k] = hash;
    weights[k] = weight;
    total += weight;
    k += 1;
  }
  const value = { hashes: hashes.subarray(0, k), weights: weights.subarray(0, k), total };
  cache.set(features, value);
  return value;
}

/** Shared names count only from this many on: one shared name ("Динамо", "Київ") is common ground, not an event. */
export const MIN_SHARED_NAMES = 2;
/** Name agreement is discounted against word agreement: names recur across events of one subject. */
export const NAME_SCORE_FACTOR = 0.5;

function sharedCount(a: Uint32Array, b: Uint32Array, skipCommon = false): number {
  let i = 0;
  let j = 0;
  let shared = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      if (!skipCommon || !isCommonStem(a[i] as number)) shared += 1;
      i += 1;
      j += 1;
    } else if ((a[i] as number) < (b[j] as number)) i += 1;
    else j += 1;
  }
  return shared;
}

const uncommon = (names: Uint32Array) => names.filter((name) => !isCommonStem(name)).length;

/**
 * Overlap of the two stories' uncommon names, 0..1, or 0 below MIN_SHARED_NAMES. Names in most headlines
 * (Зеленський, Трамп, США, Київ) do not count: two stories about Zelensky are not one event.
 */
function nameScore(a: StoryFeatures, b: StoryFeatures): number {
  const shared = sharedCount(a.names, b.names, true);
  if (shared < MIN_SHARED_NAMES) return 0;
  return shared / Math.min(uncommon(a.names), uncommon(b.names));
}

/** "У Харкові пролунали вибухи" / "У Херсоні пролунали вибухи": each title names a place the other story lacks. */
function namesConflict(a: StoryFeatures, b: StoryFeatures): boolean {
  if (a.titleNames.length === 0 || b.titleNames.length === 0) return false;
  return sharedCount(a.titleNames, b.names) === 0 && sharedCount(b.titleNames, a.names) === 0;
}

/**
 * Two-stage rule: a reworded report of one event shares few words but keeps its rare names ("Ермака",
 * "Тверской", "Сікан"). Each shared uncommon name raises the word score by this share, once the words agree at
 * least ENTITY_MIN_WORDS (a shared name alone is common ground, not an event). Tuned on the tuning part.
 */
export const ENTITY_BOOST = 0.5;
export const ENTITY_MIN_WORDS = 0.1;

/**
 * Absolute evidence: a reworded report shares few words with another outlet's, so its Jaccard stays low, yet
 * the few it shares are rare ("Пригожин", "Тверская", "19-й пакет"). Shared weight w (title words double, each by
 * its rarity) gives w / (w + EVIDENCE_SCALE): two rare title words and a rare lead word reach about 0.33, five
 * about 0.5. Tuned on the tuning part; conflicts (numbers, dates, names) apply after.
 */
export const EVIDENCE_SCALE = 10;

/** Score multiplier when one title negates what the other states ("Рада не звільнила" / "Рада звільнила"). */
export const NEGATION_CONFLICT_FACTOR = 0.4;

/** A word `a`'s title negates stands in `b`'s title without a negation. */
function negationConflict(a: StoryFeatures, b: StoryFeatures): boolean {
  for (const word of a.negated) {
    if (b.title.includes(word) && !b.negated.includes(word)) return true;
  }
  return false;
}

/** Both name days (or years) and none is the same. Allocation-free: it runs for every compared pair. */
function datesConflict(a: readonly string[], b: readonly string[], years: boolean): boolean {
  let aHas = false;
  let bHas = false;
  for (const value of b) if (value.startsWith('y') === years) bHas = true;
  if (!bHas) return false;
  for (const value of a) {
    if (value.startsWith('y') !== years) continue;
    aHas = true;
    if (b.includes(value)) return false;
  }
  return aHas;
}

const intersects = (a: readonly string[], b: readonly string[]) => a.some((value) => b.includes(value));

/**
 * How likely two stories report the same event, 0..1: weighted Jaccard of their words, vetoed by a different
 * fixture or match score, lowered when the titles' numbers disagree or the outlet is the same.
 */
export function storySimilarity(a: StoryFeatures, b: StoryFeatures, sameLanguage = true): number {
  if (a.versus !== '' && b.versus !== '' && a.versus !== b.versus) return 0;
  if (a.scores.length > 0 && b.scores.length > 0 && !intersects(a.scores, b.scores)) return 0;
  const { shared, totalA, totalB } = overlap(a, b);
  const union = totalA + totalB - shared;
  if (union <= 0) return 0;
  const words = shared / union;
  // One outlet's UA and RU stories are usually its two editions of one article, not two stories.
  const sameOutlet = sameLanguage && a.outlet !== '' && a.outlet === b.outlet;
  // Names only vouch for one event when independent outlets name them: one outlet's stories from one interview
  // or series share their names (and boilerplate leads) without being one event.
  let score = sameOutlet ? words : Math.max(words, NAME_SCORE_FACTOR * nameScore(a, b));
  if (!sameOutlet) score = Math.max(score, shared / (shared + EVIDENCE_SCALE));
  const bothNumbered = a.titleNumbers.length > 0 && b.titleNumbers.length > 0;
  const numbersConflict =
    bothNumbered && !intersects(a.titleNumbers, b.titleNumbers) && !intersects(a.numbers, b.numbers);
  // A place shared by two daily reports with different counts is the template, not the event: no boost then.
  const rare = numbersConflict || sameOutlet ? 0 : sharedCount(a.names, b.names, true);
  if (rare > 0 && words >= ENTITY_MIN_WORDS)
    score = Math.max(score, Math.min(1, words * (1 + ENTITY_BOOST * rare)));
  if (bothNumbered && intersects(a.titleNumbers, b.titleNumbers))
    score = Math.min(1, score * SHARED_NUMBER_BONUS);
  else if (numbersConflict) score *= NUMBER_CONFLICT_FACTOR;
  if (namesConflict(a, b)) score *= NAME_CONFLICT_FACTOR;
  if (negationConflict(a, b) || negationConflict(b, a)) score *= NEGATION_CONFLICT_FACTOR;
  if (datesConflict(a.dates, b.dates, false) || datesConflict(a.dates, b.dates, true))
    score *= DATE_CONFLICT_FACTOR;
  if (sameOutlet) score *= SAME_OUTLET_FACTOR;
  return score;
}
