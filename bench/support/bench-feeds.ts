import type { FeedStore } from '../../src/adapters/redis/feed-store.js';
import { feedIdFor } from '../../src/core/feed/feed-id.js';

/** The benchmarks' feeds, one per URL of the local feed server: uk and ru in turn, 25 outlet names, 5-minute interval. */
export async function addBenchFeeds(feeds: FeedStore, urls: readonly string[]): Promise<void> {
  for (const [index, url] of urls.entries()) {
    await feeds.add(
      {
        id: feedIdFor(url),
        url,
        lang: index % 2 === 0 ? 'uk' : 'ru',
        name: `Outlet ${index % 25}`,
        intervalMs: 300_000,
        topics: [],
        source: 'file',
      },
      Date.now(),
    );
  }
}
