import { Composer } from 'grammy';
import type { StoredFeed } from '../../adapters/redis/feed-store.js';
import { formatDuration, parseDuration } from '../../core/feed/duration.js';
import { escapeHtml } from '../../core/render/escape-html.js';
import type { BotContext } from '../context.js';
import { replyHtml } from '../ui.js';
import { argsOf } from './guard.js';
import type { OperatorDeps } from './operator-deps.js';

type FeedAction = (feed: StoredFeed, args: string[], ctx: BotContext) => Promise<string>;

/** /rmfeed, /pausefeed, /resumefeed and /interval: each names a feed by id or URL first. */
export function feedChangeCommands(deps: OperatorDeps): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  const withFeed =
    (action: FeedAction) =>
    async (ctx: BotContext): Promise<void> => {
      const [ref, ...args] = argsOf(ctx);
      const feed = ref ? await deps.admin.find(ref) : undefined;
      if (!feed) {
        await replyHtml(
          ctx,
          ref ? ctx.t('op-feed-unknown', { ref: escapeHtml(ref) }) : ctx.t('op-feed-missing'),
        );
        return;
      }
      const reply = await action(feed, args, ctx);
      ctx.log.info(
        { feedId: feed.id, command: ctx.message?.text?.split(/\s/)[0], operator: ctx.from?.id },
        'operator changed feed',
      );
      await replyHtml(ctx, reply);
    };

  composer.command(
    'rmfeed',
    withFeed(async (feed, _args, ctx) => {
      await deps.admin.remove(feed);
      return ctx.t('op-rmfeed-done', { name: escapeHtml(feed.name), id: feed.id });
    }),
  );
  composer.command(
    'pausefeed',
    withFeed(async (feed, _args, ctx) => {
      await deps.admin.pause(feed);
      return ctx.t('op-pausefeed-done', { name: escapeHtml(feed.name), id: feed.id });
    }),
  );
  composer.command(
    'resumefeed',
    withFeed(async (feed, _args, ctx) => {
      await deps.admin.resume(feed);
      return ctx.t('op-resumefeed-done', { name: escapeHtml(feed.name), id: feed.id });
    }),
  );
  composer.command(
    'interval',
    withFeed(async (feed, [value], ctx) => {
      const ms = value ? parseDuration(value) : undefined;
      const outcome = ms === undefined ? undefined : await deps.admin.setInterval(feed, ms);
      if (outcome?.kind !== 'changed') return ctx.t('op-interval-usage');
      return ctx.t('op-interval-done', {
        name: escapeHtml(outcome.feed.name),
        interval: formatDuration(outcome.feed.intervalMs),
      });
    }),
  );
  return composer;
}
