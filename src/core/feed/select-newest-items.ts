import { parseFeedDate } from './parse-feed-date.js';
import { yieldToEventLoop } from './yield-to-event-loop.js';

/** Entries whose dates are read between two yields to the event loop. */
const DATES_PER_SLICE = 2_000;

interface Ranked {
  index: number;
  at: number;
}

/** True when `a` is older than `b` (earlier date, or same date and later in the document). */
const older = (a: Ranked, b: Ranked) => (a.at === b.at ? a.index > b.index : a.at < b.at);

/**
 * The `max` newest entries of a feed, in document order. Feeds list newest first almost always, but not all do,
 * so with more than `max` entries each one's date is read; undated entries count as newest ("new to us"), and
 * equal dates keep document order. A min-heap of `max` entries: O(n log max), sliced, never one long sort.
 */
export async function selectNewestItems<T>(
  entries: readonly T[],
  dateOf: (entry: T) => string | undefined,
  max: number,
): Promise<T[]> {
  if (entries.length <= max) return [...entries];
  const heap: Ranked[] = [];
  for (let index = 0; index < entries.length; index += 1) {
    if (index > 0 && index % DATES_PER_SLICE === 0) await yieldToEventLoop();
    const ranked = { index, at: parseFeedDate(dateOf(entries[index] as T)) ?? Number.POSITIVE_INFINITY };
    if (heap.length < max) push(heap, ranked);
    else if (older(heap[0] as Ranked, ranked)) replaceTop(heap, ranked);
  }
  return heap
    .map((entry) => entry.index)
    .sort((a, b) => a - b)
    .map((index) => entries[index] as T);
}

function push(heap: Ranked[], item: Ranked): void {
  heap.push(item);
  let at = heap.length - 1;
  while (at > 0) {
    const parent = (at - 1) >> 1;
    if (!older(heap[at] as Ranked, heap[parent] as Ranked)) break;
    [heap[at], heap[parent]] = [heap[parent] as Ranked, heap[at] as Ranked];
    at = parent;
  }
}

function replaceTop(heap: Ranked[], item: Ranked): void {
  heap[0] = item;
  let at = 0;
  for (;;) {
    const left = at * 2 + 1;
    const right = left + 1;
    let oldest = at;
    if (left < heap.length && older(heap[left] as Ranked, heap[oldest] as Ranked)) oldest = left;
    if (right < heap.length && older(heap[right] as Ranked, heap[oldest] as Ranked)) oldest = right;
    if (oldest === at) return;
    [heap[at], heap[oldest]] = [heap[oldest] as Ranked, heap[at] as Ranked];
    at = oldest;
  }
}
