import { parseArgs } from 'node:util';
import { createFeedFetcher } from '../adapters/http/feed-fetcher.js';
import { detectLanguage, summariseFeedLanguage } from '../core/lang/detect-language.js';
import type { FeedDefinition, Lang } from '../core/types.js';
import { FeedFetchError } from '../errors/feed-fetch-error.js';
import { FeedParseError } from '../errors/feed-parse-error.js';
import { readFeed } from '../ingest/read-feed.js';
import { mapLimit, resolveFeedTargets } from './feed-targets.js';

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

export interface FeedsCheckIo {
  out: (line: string) => void;
  err: (line: string) => void;
  defaultFeedsFile: string;
  allowPrivateDefault: boolean;
}

export async function checkFeed(
  feed: FeedDefinition,
  fetcher: ReturnType<typeof createFeedFetcher>,
): Promise<FeedCheckResult> {
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
      ...(reading.stories.length === 0 ? { error: 'EMPTY: the feed has no items' } : {}),
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
      error: known
        ? `${error.code}: ${error.message}${hintFor(error)}`
        : `INTERNAL: ${(error as Error).message}`,
    };
  }
}

function hintFor(error: FeedFetchError | FeedParseError): string {
  return error instanceof FeedFetchError && error.code === 'PRIVATE_ADDRESS'
    ? ' (pass --allow-private, or set ALLOW_PRIVATE_FEEDS=true, only for feeds you trust)'
    : '';
}

/** `newsdigest feeds check [--json] [--allow-private] <url | feeds-file> ...`: exit 0 when every feed is ok. */
export async function runFeedsCheck(argv: string[], io: FeedsCheckIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      json: { type: 'boolean', default: false },
      'allow-private': { type: 'boolean', default: false },
    },
  });
  const feeds = await resolveFeedTargets(positionals.length > 0 ? positionals : [io.defaultFeedsFile]);
  const fetcher = createFeedFetcher({ allowPrivate: values['allow-private'] || io.allowPrivateDefault });
  let done = 0;
  try {
    const results = await mapLimit(feeds, 8, async (feed) => {
      const result = await checkFeed(feed, fetcher);
      done += 1;
      if (values.json) io.out(JSON.stringify(result));
      else io.err(`[${done}/${feeds.length}] ${result.ok ? 'ok  ' : 'FAIL'} ${feed.url}`);
      return result;
    });
    if (!values.json) io.out(formatTable(results));
    return results.every((result) => result.ok) ? 0 : 1;
  } finally {
    await fetcher.close();
  }
}

function formatTable(results: FeedCheckResult[]): string {
  const header = ['status', 'items', 'lang', 'encoding', 'ms', 'url / error'];
  const rows = results.map((r) => [
    r.ok ? `ok ${r.status}` : `FAIL ${r.status || '-'}`,
    String(r.items),
    r.lang,
    r.encoding || '-',
    String(r.ms),
    r.error ? `${r.url}\n      ${r.error}` : r.url,
  ]);
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => (row[column] ?? '').split('\n')[0]?.length ?? 0)),
  );
  const line = (cells: string[]) =>
    cells
      .map((cell, column) => (column === cells.length - 1 ? cell : cell.padEnd(widths[column] ?? 0)))
      .join('  ');
  const okCount = results.filter((r) => r.ok).length;
  return [line(header), ...rows.map(line), '', `${okCount} of ${results.length} feeds ok`].join('\n');
}
