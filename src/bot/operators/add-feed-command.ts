import { Composer } from 'grammy';
import { formatDuration } from '../../core/feed/duration.js';
import { parseAddFeedArgs } from '../../core/ops/operator-args.js';
import { escapeHtml } from '../../core/render/escape-html.js';
import type { AddFeedOutcome } from '../../services/feed-admin.js';
import type { BotContext } from '../context.js';
import { replyHtml } from '../ui.js';
import { argsOf } from './guard.js';
import type { OperatorDeps } from './operator-deps.js';

/** Looks a message up in the operator's language (ctx.t, or a fixed locale in tests). */
export type Translate = (key: string, variables?: Record<string, string | number>) => string;

/**
 * The reply to /addfeed in the operator's language. The reasons inside (fetcher and validation errors) stay as the
 * services word them: they are diagnostics an operator may search for.
 */
export function describeAdd(outcome: AddFeedOutcome, t: Translate): string {
  switch (outcome.kind) {
    case 'added': {
      const { feed, check } = outcome;
      return [
        t('op-addfeed-added', { name: escapeHtml(feed.name), id: feed.id }),
        escapeHtml(feed.url),
        t('op-addfeed-checked', {
          items: check.items,
          lang: check.lang,
          feedlang: feed.lang,
          encoding: escapeHtml(check.encoding || '-'),
        }),
        t('op-addfeed-polled', { interval: formatDuration(feed.intervalMs) }),
      ].join('\n');
    }
    case 'duplicate':
      return t('op-addfeed-duplicate', { name: escapeHtml(outcome.feed.name), id: outcome.feed.id });
    case 'invalid':
      return t('op-addfeed-invalid', { reason: escapeHtml(outcome.reason) });
    case 'unreachable': {
      const reason = t('op-addfeed-unreachable', {
        reason: escapeHtml(outcome.check.error ?? t('op-addfeed-unreadable')),
      });
      // An operator in Telegram cannot pass a CLI flag: name the setting that allows private addresses instead.
      return outcome.check.errorCode === 'PRIVATE_ADDRESS' ? `${reason}\n${t('op-addfeed-private')}` : reason;
    }
  }
}

/** /addfeed <url> [uk|ru|auto] [interval]: checks the feed once, like the poller would, then saves it. */
export function addFeedCommand(deps: OperatorDeps): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  composer.command('addfeed', async (ctx) => {
    const [url, ...rest] = argsOf(ctx);
    if (!url) {
      await replyHtml(ctx, ctx.t('op-addfeed-usage'));
      return;
    }
    const args = parseAddFeedArgs(rest);
    if ('unknown' in args) {
      await replyHtml(ctx, ctx.t('op-addfeed-unknown-arg', { arg: escapeHtml(args.unknown) }));
      return;
    }
    const outcome = await deps.admin.add({ url, ...args });
    ctx.log.info({ url, outcome: outcome.kind, operator: ctx.from?.id }, 'operator added feed');
    await replyHtml(
      ctx,
      describeAdd(outcome, (key, variables) => ctx.t(key, variables)),
    );
  });
  return composer;
}
