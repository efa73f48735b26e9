/**
 * Every field of a feed item is capped before any processing, so one hostile feed costs a bounded amount of CPU,
 * memory and Redis space however large it is (the fetcher already caps the body at 5 MB).
 */
export const FEED_CAPS = {
  /** Stories kept from one poll: the newest ones; the feed's health records the rest as truncated. */
  itemsPerPoll: 300,
  /** Cleaned title length. */
  titleChars: 300,
  /** Cleaned summary length. */
  summaryChars: 400,
  categories: 20,
  categoryChars: 100,
  /** Longer URLs are dropped, not cut: a cut URL points somewhere else. */
  urlChars: 2_048,
  /** Raw (HTML) characters read from one title field: enough for 300 characters of text inside markup. */
  rawTitleChars: 4_000,
  /** Raw (HTML) characters read from one summary field: enough for 400 characters of text inside markup. */
  rawSummaryChars: 20_000,
  /** Raw characters read from one category or date. */
  rawShortChars: 400,
} as const;
