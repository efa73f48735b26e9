import { truncateAtWord } from './truncate-at-word.js';

/** A sentence end this far into the budget is worth keeping whole; nearer the start, cut at a word instead. */
const MIN_SENTENCE_SHARE = 0.5;
const SENTENCE_END = new Set(['.', '!', '?', '…']);
const CLOSERS = new Set(['»', '"', '”', ')', '’']);

/**
 * Shortens text to at most `max` characters. Prefers to end after the last whole sentence that fits (no "…", the
 * reader gets complete sentences); when that would drop more than half the budget, cuts at a word with "…".
 * One backward scan over at most `max` characters.
 */
export function trimAtSentence(text: string, max: number): string {
  if (text.length <= max) return text;
  for (let end = max - 1; end >= Math.floor(max * MIN_SENTENCE_SHARE); end -= 1) {
    let stop = end;
    while (stop > 0 && CLOSERS.has(text.charAt(stop))) stop -= 1;
    const char = text.charAt(stop);
    // "…" right before more text, "5.5", "т.ч." need a following space to count as an end.
    if (SENTENCE_END.has(char) && /\s/.test(text.charAt(end + 1)) && !isAbbreviation(text, stop)) {
      return text.slice(0, end + 1);
    }
  }
  return truncateAtWord(text, max);
}

const ABBREVIATIONS = new Set(['вул', 'пров', 'просп', 'буд', 'див', 'напр', 'обл', 'г', 'ул', 'пер', 'см']);

/** "т. ч.", "ім. Шевченка", "вул. Хрещатик": a dot after one or two lower-case letters or a known short form. */
function isAbbreviation(text: string, dot: number): boolean {
  if (text.charAt(dot) !== '.') return false;
  let start = dot;
  while (start > 0 && dot - start < 6 && /\p{Ll}/u.test(text.charAt(start - 1))) start -= 1;
  const word = text.slice(start, dot);
  if (word === '' || (start > 0 && !/[\s(«".]/.test(text.charAt(start - 1)))) return false;
  return word.length <= 2 || ABBREVIATIONS.has(word);
}
