const ELLIPSIS = '…';
const TRAILING_PUNCTUATION = /[\s,;:—–-]+$/u;

/**
 * Shortens text to at most `max` characters, cutting at a word boundary and ending with "…" (which counts
 * toward `max`). A single word longer than the budget is cut mid-word rather than dropped.
 */
export function truncateAtWord(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max <= 0) return '';
  if (max === 1) return ELLIPSIS;
  let cut = text.slice(0, max - ELLIPSIS.length);
  // Never leave half of a surrogate pair (emoji) at the end.
  if (/[\uD800-\uDBFF]$/.test(cut)) cut = cut.slice(0, -1);
  const nextIsBoundary = /\s/.test(text.charAt(cut.length));
  if (!nextIsBoundary) {
    const lastSpace = cut.search(/\s\S*$/);
    if (lastSpace > 0) cut = cut.slice(0, lastSpace);
  }
  const trimmed = cut.replace(TRAILING_PUNCTUATION, '');
  return (trimmed || cut.trimEnd()) + ELLIPSIS;
}
