import type { StoredFeed } from '../../adapters/redis/feed-store.js';
import { mapLimit } from '../../lib/map-limit.js';
import { feedIdFor } from '../../core/feed/feed-id.js';
import { parseOpml } from '../../core/ops/opml.js';
import { OpmlError } from '../../errors/opml-error.js';
import type { BotContext } from '../context.js';
import { downloadDocument } from './download-file.js';
import type { OperatorDeps } from './operator-deps.js';

export type OpmlImportSummary =
  | { kind: 'refused'; reason: string }
  | {
      kind: 'imported';
      added: StoredFeed[];
      duplicates: number;
      failed: { url: string; reason: string }[];
      invalid: { url: string; reason: string }[];
    };

/** Downloads the OPML the operator sent, checks each new feed like /addfeed does, and saves the good ones. */
export async function importOpml(ctx: BotContext, deps: OperatorDeps): Promise<OpmlImportSummary> {
  let text: string;
  try {
    text = (await downloadDocument(ctx)).toString('utf8');
  } catch (error) {
    ctx.log.warn({ err: error }, 'opml download failed');
    return { kind: 'refused', reason: (error as Error).message };
  }
  let reading;
  try {
    reading = parseOpml(text);
  } catch (error) {
    if (error instanceof OpmlError) return { kind: 'refused', reason: error.message };
    throw error;
  }
  const known = new Set((await deps.feeds.list()).map((feed) => feed.id));
  const fresh = reading.feeds.filter((feed) => !known.has(feedIdFor(feed.url)));
  const outcomes = await mapLimit(fresh, 6, (feed) =>
    deps.admin.add({
      url: feed.url,
      ...(feed.lang ? { lang: feed.lang } : {}),
      ...(feed.title ? { name: feed.title } : {}),
    }),
  );
  const summary: OpmlImportSummary = {
    kind: 'imported',
    added: [],
    duplicates: reading.feeds.length - fresh.length,
    failed: [],
    invalid: reading.invalid,
  };
  outcomes.forEach((outcome, index) => {
    const url = fresh[index]?.url ?? '';
    if (outcome.kind === 'added') summary.added.push(outcome.feed);
    else if (outcome.kind === 'duplicate') summary.duplicates += 1;
    else if (outcome.kind === 'invalid') summary.failed.push({ url, reason: outcome.reason });
    else summary.failed.push({ url, reason: outcome.check.error ?? 'unreadable' });
  });
  ctx.log.info(
    {
      added: summary.added.length,
      duplicates: summary.duplicates,
      failed: summary.failed.length,
      operator: ctx.from?.id,
    },
    'operator imported opml',
  );
  return summary;
}
