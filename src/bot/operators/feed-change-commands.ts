import { Composer } from 'grammy';
import type { StoredFeed } from '../../adapters/redis/feed-store.js';
import { formatDuration, parseDuration } from '../../core/feed/duration.js';
import { escapeHtml } from '../../core/render/escape-html.js';
import type { BotContext } from '../context.js';
import { replyHtml } from '../ui.js';
import { argsOf } from './guard.js';
import type { OperatorDeps } from './operator-deps.js';

type FeedAction = (feed: StoredFeed, args: string[]) => Promise<string>;

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
          ref ? `No feed <code>${escapeHtml(ref)}</code>; see /feeds.` : 'Give a feed id; see /feeds.',
        );
        return;
      }
      const reply = await action(feed, args);
      ctx.log.info(
        { feedId: feed.id, command: ctx.message?.text?.split(/\s/)[0], operator: ctx.from?.id },
        'operator changed feed',
      );
      await replyHtml(ctx, reply);
    };

  composer.command(
    'rmfeed',
    withFeed(async (feed) => {
      await deps.admin.remove(feed);
      return `🗑 Removed <b>${escapeHtml(feed.name)}</b> <code>${feed.id}</code>. The feeds file will not bring it back.`;
    }),
  );
  composer.command(
    'pausefeed',
    withFeed(async (feed) => {
      await deps.admin.pause(feed);
      return `⏸ Paused <b>${escapeHtml(feed.name)}</b> <code>${feed.id}</code>. /resumefeed ${feed.id} to poll it again.`;
    }),
  );
  composer.command(
    'resumefeed',
    withFeed(async (feed) => {
      await deps.admin.resume(feed);
      return `▶️ Resumed <b>${escapeHtml(feed.name)}</b> <code>${feed.id}</code>; it is polled at the next sweep.`;
    }),
  );
  composer.command(
    'interval',
    withFeed(async (feed, [value]) => {
      const ms = value ? parseDuration(value) : undefined;
      const outcome = ms === undefined ? undefined : await deps.admin.setInterval(feed, ms);
      if (outcome?.kind !== 'changed') return 'Usage: /interval &lt;id&gt; &lt;1m…24h, e.g. 5m&gt;';
      return `⏱ <b>${escapeHtml(outcome.feed.name)}</b> is now polled every ${formatDuration(outcome.feed.intervalMs)}.`;
    }),
  );
  return composer;
}
