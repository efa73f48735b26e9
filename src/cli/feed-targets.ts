import { loadFeedsFile } from '../adapters/feeds-file-loader.js';
import { DEFAULT_INTERVAL_MS } from '../core/feeds/feeds-file.js';
import { feedIdFor } from '../core/feeds/feed-id.js';
import type { FeedDefinition } from '../core/types.js';

/** Turns CLI arguments (URLs or feeds files) into feed definitions; URLs get `auto` language. */
export async function resolveFeedTargets(args: string[]): Promise<FeedDefinition[]> {
  const feeds: FeedDefinition[] = [];
  for (const arg of args) {
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(arg)) {
      let name = arg;
      try {
        name = new URL(arg).hostname.replace(/^www\./, '');
      } catch {
        // The fetcher reports the bad URL per feed.
      }
      feeds.push({
        id: feedIdFor(arg),
        url: arg,
        lang: 'auto',
        name,
        intervalMs: DEFAULT_INTERVAL_MS,
        topics: [],
      });
    } else {
      feeds.push(...(await loadFeedsFile(arg)).feeds);
    }
  }
  return feeds;
}

/** Runs `task` over `items` with at most `limit` in flight, keeping the input order in the result. */
export async function mapLimit<T, R>(
  items: readonly T[],
  limit: number,
  task: (item: T) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const runners = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const index = next;
      next += 1;
      results[index] = await task(items[index] as T);
    }
  });
  await Promise.all(runners);
  return results;
}
