import type { FeedFetcher, FeedValidators } from '../adapters/http/feed-fetcher.js';
import { decodeFeedBodyInSlices } from '../core/feed/decode-feed-body.js';
import { normaliseFeedItemsInSlices } from '../core/feed/normalise-item.js';
import { parseFeed } from '../core/feed/parse-feed.js';
import type { FeedDefinition, NormalisedStory, ParsedFeed } from '../core/types.js';

export type FeedReading =
  | {
      kind: 'items';
      httpStatus: number;
      finalUrl: string;
      encoding: string;
      format: ParsedFeed['format'];
      stories: NormalisedStory[];
      /** Items the document held when more than the per-poll cap were dropped. */
      truncatedFrom?: number;
      etag?: string;
      lastModified?: string;
      ms: number;
    }
  | { kind: 'not-modified'; httpStatus: 304; etag?: string; lastModified?: string; ms: number };

/**
 * Fetches one feed (conditional GET), decodes it by its charset, parses and normalises its items.
 * Throws FeedFetchError or FeedParseError; the caller decides what a failure means for the feed's health.
 */
export async function readFeed(
  fetcher: FeedFetcher,
  feed: FeedDefinition,
  validators: FeedValidators,
  now: () => number,
): Promise<FeedReading> {
  const outcome = await fetcher.fetch(feed.url, validators);
  if (outcome.kind === 'not-modified') {
    return {
      kind: 'not-modified',
      httpStatus: 304,
      etag: outcome.etag,
      lastModified: outcome.lastModified,
      ms: outcome.ms,
    };
  }
  const { text, encoding } = await decodeFeedBodyInSlices(outcome.body, outcome.contentType);
  const parsed = await parseFeed(text);
  const stories = await normaliseFeedItemsInSlices(parsed.items, { feed, fetchedAt: now() });
  return {
    kind: 'items',
    httpStatus: outcome.httpStatus,
    finalUrl: outcome.finalUrl,
    encoding,
    format: parsed.format,
    stories,
    ...(parsed.truncatedFrom === undefined ? {} : { truncatedFrom: parsed.truncatedFrom }),
    etag: outcome.etag,
    lastModified: outcome.lastModified,
    ms: outcome.ms,
  };
}
