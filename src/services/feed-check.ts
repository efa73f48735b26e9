import type { FeedFetcher } from '../adapters/http/feed-fetcher.js';
import { detectLanguage, summariseFeedLanguage } from '../core/lang/detect-language.js';
import type { FeedDefinition, Lang } from '../core/types.js';
import { FeedFetchError, type FeedFetchErrorCode } from '../errors/feed-fetch-error.js';
import { FeedParseError } from '../errors/feed-parse-error.js';
import { readFeed } from './read-feed.js';

/** One line of `feeds check --json`; the field names are a contract operators script against. */
export interface FeedCheckResult {
  url: string;
  ok: boolean;
  status: number;
  items: number;
  lang: 'uk' | 'ru' | 'mixed' | 'unknown';
  encoding: string;
  ms: number;
  error?: string;
}

/** A check as the services see it: the CLI line plus the error's code, so each front end can word its own hint. */
export interface FeedCheck extends FeedCheckResult {
  errorCode?: FeedFetchErrorCode | FeedParseError['code'] | 'EMPTY' | 'INTERNAL';
}

/** Fetches and parses one feed once, with the given fetcher's guards, and summarises what it found. */
export async function checkFeed(feed: FeedDefinition, fetcher: FeedFetcher): Promise<FeedCheck> {
  const started = Date.now();
  try {
    const reading = await readFeed(fetcher, feed, {}, Date.now);
    if (reading.kind === 'not-modified') {
      return {
        url: feed.url,
        ok: true,
        status: 304,
        items: 0,
        lang: 'unknown',
        encoding: '',
        ms: reading.ms,
      };
    }
    const langs = reading.stories
      .map((story) => detectLanguage(`${story.title}. ${story.summary}`)?.lang)
      .filter((lang): lang is Lang => lang !== undefined);
    return {
      url: feed.url,
      ok: reading.stories.length > 0,
      status: reading.httpStatus,
      items: reading.stories.length,
      lang: summariseFeedLanguage(langs),
      encoding: reading.encoding,
      ms: Date.now() - started,
      ...(reading.stories.length === 0
        ? { error: 'EMPTY: the feed has no items', errorCode: 'EMPTY' as const }
        : {}),
    };
  } catch (error) {
    const known = error instanceof FeedFetchError || error instanceof FeedParseError;
    return {
      url: feed.url,
      ok: false,
      status:
        error instanceof FeedFetchError ? (error.httpStatus ?? 0) : error instanceof FeedParseError ? 200 : 0,
      items: 0,
      lang: 'unknown',
      encoding: '',
      ms: Date.now() - started,
      error: known ? `${error.code}: ${error.message}` : `INTERNAL: ${(error as Error).message}`,
      errorCode: known ? error.code : 'INTERNAL',
    };
  }
}
