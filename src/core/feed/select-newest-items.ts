import { parseFeedDate } from './parse-feed-date.js';
import { yieldToEventLoop } from './yield-to-event-loop.js';

/** Entries whose dates are read between two yields to the event loop. */
const DATES_PER_SLICE = 2_000;

/**
 * The `max` newest entries of a feed, in document order. Feeds list newest first almost always, but not all do,
 * so with more than `max` entries each one's date is read; undated entries count as newest ("new to us"), and
 * equal dates keep document order.
 */
export async function selectNewestItems<T>(
  entries: readonly T[],
  dateOf: (entry: T) => string | undefined,
  max: number,
): Promise<T[]> {
  if (entries.length <= max) return [...entries];
  const ranked: { index: number; at: number }[] = [];
  for (let index = 0; index < entries.length; index += 1) {
    if (index > 0 && index % DATES_PER_SLICE === 0) await yieldToEventLoop();
    const at = parseFeedDate(dateOf(entries[index] as T));
    ranked.push({ index, at: at ?? Number.POSITIVE_INFINITY });
  }
  await yieldToEventLoop();
  ranked.sort((a, b) => (a.at === b.at ? a.index - b.index : b.at - a.at));
  const kept = ranked
    .slice(0, max)
    .map((entry) => entry.index)
    .sort((a, b) => a - b);
  return kept.map((index) => entries[index] as T);
}
