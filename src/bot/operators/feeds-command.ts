import { Composer, InlineKeyboard } from 'grammy';
import { renderFeedsPage } from '../../core/ops/feeds-page.js';
import type { BotContext } from '../context.js';
import { editHtml, replyHtml } from '../ui.js';
import { isOperator, isPrivateChat, logRefusal } from './guard.js';
import type { OperatorDeps } from './operator-deps.js';

const FEEDS_BUTTON = /^ops:feeds:(\d{1,4})$/;

async function showFeeds(ctx: BotContext, deps: OperatorDeps, page: number, edit: boolean): Promise<void> {
  const feeds = await deps.feeds.list();
  const rows = await Promise.all(
    feeds.map(async (feed) => ({ feed, health: await deps.feeds.getHealth(feed.id) })),
  );
  const view = renderFeedsPage(rows, page, ctx.deps.now());
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
    if (!isOperator(ctx, deps) || !isPrivateChat(ctx)) {
      logRefusal(ctx, 'feeds button');
      await ctx.answerCallbackQuery({ text: 'Operators only.', show_alert: true });
      return;
    }
    await ctx.answerCallbackQuery();
    await showFeeds(ctx, deps, Number(ctx.match[1]), true);
  });
  return composer;
}
