import { Composer } from 'grammy';
import { formatDuration } from '../../core/feed/duration.js';
import { parseAddFeedArgs } from '../../core/ops/operator-args.js';
import { escapeHtml } from '../../core/render/escape-html.js';
import type { AddFeedOutcome } from '../../services/feed-admin.js';
import type { BotContext } from '../context.js';
import { replyHtml } from '../ui.js';
import { argsOf } from './guard.js';
import type { OperatorDeps } from './operator-deps.js';

/** The reply to /addfeed (and the wording of an OPML line), in the operators' English. */
export function describeAdd(outcome: AddFeedOutcome): string {
  switch (outcome.kind) {
    case 'added': {
      const { feed, check } = outcome;
      return [
        `✅ Added <b>${escapeHtml(feed.name)}</b> <code>${feed.id}</code>`,
        escapeHtml(feed.url),
        `items: ${check.items}, language: ${check.lang} (feed set to ${feed.lang}), encoding: ${escapeHtml(check.encoding || '-')}`,
        `polled every ${formatDuration(feed.intervalMs)}, first poll now`,
      ].join('\n');
    }
    case 'duplicate':
      return `Already listed: <b>${escapeHtml(outcome.feed.name)}</b> <code>${outcome.feed.id}</code>`;
    case 'invalid':
      return `Not added: ${escapeHtml(outcome.reason)}.`;
    case 'unreachable': {
      const reason = `❌ Not added: ${escapeHtml(outcome.check.error ?? 'the feed could not be read')}`;
      // An operator in Telegram cannot pass a CLI flag: name the setting that allows private addresses instead.
      return outcome.check.errorCode === 'PRIVATE_ADDRESS'
        ? `${reason}\nThe bot refuses private addresses unless ALLOW_PRIVATE_FEEDS=true is set (only for feeds you trust).`
        : reason;
    }
  }
}

/** /addfeed <url> [uk|ru|auto] [interval]: checks the feed once, like the poller would, then saves it. */
export function addFeedCommand(deps: OperatorDeps): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  composer.command('addfeed', async (ctx) => {
    const [url, ...rest] = argsOf(ctx);
    if (!url) {
      await replyHtml(ctx, 'Usage: /addfeed &lt;url&gt; [uk|ru|auto] [interval, e.g. 5m]');
      return;
    }
    const args = parseAddFeedArgs(rest);
    if ('unknown' in args) {
      await replyHtml(
        ctx,
        `Unknown argument "${escapeHtml(args.unknown)}": use uk, ru, auto or an interval like 10m.`,
      );
      return;
    }
    const outcome = await deps.admin.add({ url, ...args });
    ctx.log.info({ url, outcome: outcome.kind, operator: ctx.from?.id }, 'operator added feed');
    await replyHtml(ctx, describeAdd(outcome));
  });
  return composer;
}
