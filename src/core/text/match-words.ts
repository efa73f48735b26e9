/** Lower-cases and folds ё to е and ґ to г, so searches ignore case and these spelling variants. */
export function foldForSearch(text: string): string {
  return text
    .toLowerCase()
    .replace(/ё/g, 'е')
    .replace(/ґ/g, 'г')
    .replace(/[’ʼ`']/g, "'");
}

const WORD = /[\p{L}\p{N}']+/gu;

/** Splits a search query into folded words, ignoring punctuation. */
export function searchWords(query: string): string[] {
  return foldForSearch(query).match(WORD) ?? [];
}

/**
 * True when every query word is a prefix of some word in the text (case-insensitive), so the stem `україн`
 * finds Україна, України and Україні.
 */
export function matchesAllWords(text: string, words: readonly string[]): boolean {
  if (words.length === 0) return false;
  const textWords = foldForSearch(text).match(WORD) ?? [];
  return words.every((word) => {
    const folded = foldForSearch(word);
    return textWords.some((candidate) => candidate.startsWith(folded));
  });
}
