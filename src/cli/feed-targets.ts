import { loadFeedsFile } from '../adapters/feeds-file-loader.js';
import { DEFAULT_INTERVAL_MS } from '../core/feed/feeds-file.js';
import { feedIdFor } from '../core/feed/feed-id.js';
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
