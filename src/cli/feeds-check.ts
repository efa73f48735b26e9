import { parseArgs } from 'node:util';
import { createFeedFetcher } from '../adapters/http/feed-fetcher.js';
import { checkFeed, type FeedCheck, type FeedCheckResult } from '../services/feed-check.js';
import { mapLimit } from '../lib/map-limit.js';
import { resolveFeedTargets } from './feed-targets.js';

export interface FeedsCheckIo {
  out: (line: string) => void;
  err: (line: string) => void;
  defaultFeedsFile: string;
  allowPrivateDefault: boolean;
}

/** The line operators script against: the check without its code, and the CLI's own hint for a private address. */
function toCliLine({ errorCode, ...result }: FeedCheck): FeedCheckResult {
  return errorCode === 'PRIVATE_ADDRESS'
    ? {
        ...result,
        error: `${result.error} (pass --allow-private, or set ALLOW_PRIVATE_FEEDS=true, only for feeds you trust)`,
      }
    : result;
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
      const result = toCliLine(await checkFeed(feed, fetcher));
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
