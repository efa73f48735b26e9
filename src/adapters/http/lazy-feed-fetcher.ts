import type { FeedFetcher, FeedFetcherOptions } from './feed-fetcher.js';

/**
 * A feed fetcher that loads the real one (undici and its 110 modules) at its first fetch. The bot fetches a feed
 * only when an operator adds or checks one, so its start does not pay for the HTTP client the worker lives on.
 */
export function createLazyFeedFetcher(options: FeedFetcherOptions): FeedFetcher {
  let loaded: Promise<FeedFetcher> | undefined;
  const load = () =>
    (loaded ??= import('./feed-fetcher.js').then(({ createFeedFetcher }) => createFeedFetcher(options)));
  return {
    async fetch(url, validators) {
      return (await load()).fetch(url, validators);
    },
    async close() {
      if (loaded) await (await loaded).close();
    },
  };
}
