import type { Lang } from '../types.js';
import { storyTokens } from './shingles.js';
import { skeleton } from './skeleton.js';

/** Cap on names kept per story. */
const MAX_NAMES = 16;

/**
 * Skeletons of proper names: words capitalised inside a sentence (Ukrainian and Russian capitalise only
 * names there), acronyms (НБУ, ЗСУ) and Latin words (Twitter, F-16). The first word of a sentence is left out
 * unless it is an acronym, since every sentence starts capitalised. Names survive rewording and translation
 * ("Мунтян", "Свириденко", "Тернопіль"/"Тернополь") better than any other word.
 */
export function extractNames(text: string, lang: Lang): string[] {
  const names = new Set<string>();
  let sentenceStart = true;
  for (const part of text.match(/[\p{L}\p{N}'’-]+|[.!?…]/gu) ?? []) {
    if (/^[.!?…]$/u.test(part)) {
      sentenceStart = true;
      continue;
    }
    const acronym = part.length >= 2 && /^[\p{Lu}\d-]+$/u.test(part) && /\p{Lu}/u.test(part);
    const latin = /^[A-Za-z][A-Za-z\d-]*$/.test(part);
    const capitalised = /^\p{Lu}/u.test(part);
    if (acronym || latin || (capitalised && !sentenceStart)) {
      const token = storyTokens(part.replaceAll('-', ''), lang)[0];
      if (token !== undefined) names.add(skeleton(token));
      if (names.size >= MAX_NAMES) break;
    }
    sentenceStart = false;
  }
  return [...names].filter((name) => name.length >= 2);
}
