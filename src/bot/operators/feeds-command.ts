import { Composer, InlineKeyboard } from 'grammy';
import { renderFeedsPage, type FeedsPageLabels } from '../../core/ops/feeds-page.js';
import type { BotContext } from '../context.js';
import { editHtml, replyHtml } from '../ui.js';
import { isOperator, isPrivateChat, logRefusal, useOperatorLocale } from './guard.js';
import type { OperatorDeps } from './operator-deps.js';

const FEEDS_BUTTON = /^ops:feeds:(\d{1,4})$/;

function feedsLabels(ctx: BotContext): FeedsPageLabels {
  return {
    empty: ctx.t('op-feeds-empty'),
    heading: (total, counts, page, pages) => ctx.t('op-feeds-heading', { total, counts, page, pages }),
    status: (status) => ctx.t(`op-feed-status-${status}`),
    every: (interval) => ctx.t('op-feeds-every', { interval }),
    lastOk: (ago) => ctx.t('op-feeds-last-ok', { ago }),
    failures: (failures) => ctx.t('op-feeds-failures', { failures }),
    itemsPerDay: (items) => ctx.t('op-feeds-items', { items }),
    truncated: (items) => ctx.t('op-feeds-truncated', { items }),
    never: ctx.t('op-ago-never'),
    justNow: ctx.t('op-ago-now'),
    minutesAgo: (minutes) => ctx.t('op-ago-minutes', { minutes }),
    hoursAgo: (hours) => ctx.t('op-ago-hours', { hours }),
    daysAgo: (days) => ctx.t('op-ago-days', { days }),
  };
}

async function showFeeds(ctx: BotContext, deps: OperatorDeps, page: number, edit: boolean): Promise<void> {
  const feeds = await deps.feeds.list();
  const rows = await Promise.all(
    feeds.map(async (feed) => ({ feed, health: await deps.feeds.getHealth(feed.id) })),
  );
  const view = renderFeedsPage(rows, page, ctx.deps.now(), feedsLabels(ctx));
  const keyboard = new InlineKeyboard();
  if (view.page > 0) keyboard.text('◀️', `ops:feeds:${view.page - 1}`);
  keyboard.text(`🔄 ${view.page + 1}/${view.pages}`, `ops:feeds:${view.page}`);
  if (view.page < view.pages - 1) keyboard.text('▶️', `ops:feeds:${view.page + 1}`);
  if (edit) await editHtml(ctx, view.text, keyboard);
  else await replyHtml(ctx, view.text, keyboard);
}

/** /feeds: one page of feeds with their health, and the page buttons (which check the operator again). */
export function feedsCommand(deps: OperatorDeps): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  composer.command('feeds', (ctx) => showFeeds(ctx, deps, 0, false));
  composer.callbackQuery(FEEDS_BUTTON, async (ctx) => {
    useOperatorLocale(ctx);
    if (!isOperator(ctx, deps) || !isPrivateChat(ctx)) {
      logRefusal(ctx, 'feeds button');
      await ctx.answerCallbackQuery({ text: ctx.t('op-only-button'), show_alert: true });
      return;
    }
    await ctx.answerCallbackQuery();
    await showFeeds(ctx, deps, Number(ctx.match[1]), true);
  });
  return composer;
}
