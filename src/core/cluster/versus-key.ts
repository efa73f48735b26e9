import { storyTokens } from './shingles.js';
import { skeleton } from './skeleton.js';

const DASHES = new Set(['-', '–', '—']);
/** Words a templated match headline may open with before the fixture ("Матч Англія – Франція"). */
const LEAD_INS = new Set(['матч', 'match']);
/** A team name is at most this many words ("Металлист 1925", "Манчестер Юнайтед"). */
const MAX_SIDE_WORDS = 3;

/** Words and single-character punctuation, in order; quotes are dropped so «Динамо» reads as Динамо. */
function titleParts(title: string): string[] {
  return title.match(/[\p{L}\p{N}'’]+|[^\s\p{L}\p{N}«»"„“”]/gu) ?? [];
}

function isNameWord(word: string): boolean {
  return /^\p{Lu}/u.test(word) || /^\d+$/.test(word);
}

/** "Шахтар (Донецьк) – Динамо (Київ)": the city in brackets is not part of the name. */
function skipParenthesis(parts: readonly string[], index: number): number {
  if (parts[index] !== '(') return index;
  const close = parts.indexOf(')', index);
  return close !== -1 && close - index <= 4 ? close + 1 : index;
}

function sideKey(words: readonly string[]): string {
  return words.map((word) => skeleton(storyTokens(word, 'ru')[0] ?? word.toLowerCase())).join(' ');
}

/**
 * The fixture of a headline that opens with "A – B" (two capitalised names around a dash), as the two sides'
 * skeletons sorted and joined: "Англия - Франция. Анонс" and "Франція – Англія" give the same key, "Англия -
 * Сенегал" another, "Динамо – Металлист 1925" another than "Динамо – Металлист". Empty when the title does
 * not open that way (a dash later in a title usually credits a source: "… – КМВА").
 */
export function versusKey(title: string): string {
  const parts = titleParts(title);
  let index = 0;
  while (index < parts.length && LEAD_INS.has((parts[index] ?? '').toLowerCase())) index += 1;
  const left: string[] = [];
  while (index < parts.length && left.length < MAX_SIDE_WORDS && isNameWord(parts[index] ?? '')) {
    left.push(parts[index] as string);
    index += 1;
  }
  index = skipParenthesis(parts, index);
  if (left.length === 0 || !DASHES.has(parts[index] ?? '')) return '';
  index += 1;
  const right: string[] = [];
  while (index < parts.length && right.length < MAX_SIDE_WORDS && isNameWord(parts[index] ?? '')) {
    right.push(parts[index] as string);
    index += 1;
  }
  index = skipParenthesis(parts, index);
  // A score right after the names belongs to the result, not to the second team's name.
  while (right.length > 1 && /^\d+$/.test(right.at(-1) ?? '') && parts[index] === ':') right.pop();
  if (right.length === 0 || !/^\p{Lu}/u.test(right[0] ?? '')) return '';
  return [sideKey(left), sideKey(right)].sort().join('/');
}
