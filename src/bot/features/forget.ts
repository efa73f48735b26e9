import { Composer, InlineKeyboard } from 'grammy';
import type { AdminCache } from '../admin-cache.js';
import type { BotContext } from '../context.js';
import { requireAdmin } from '../guards.js';
import { editHtml, replyHtml } from '../ui.js';

const YES = 'fg:yes';
const NO = 'fg:no';

/**
 * /forget asks first (a button), then deletes everything kept about the chat. Nothing is saved afterwards: the
 * confirmation edits the question in place, and the next message from the chat starts from defaults.
 */
export function forgetFeature(admins: AdminCache): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  composer.command('forget', async (ctx) => {
    if (!ctx.scope) return;
    if (!(await requireAdmin(ctx))) return;
    const keyboard = new InlineKeyboard().text(ctx.t('forget-yes'), YES).text(ctx.t('forget-no'), NO);
    await replyHtml(ctx, ctx.t('forget-ask'), keyboard);
  });
  composer.callbackQuery([YES, NO], async (ctx) => {
    const chatId = ctx.chat?.id;
    if (chatId === undefined) return;
    if (!(await requireAdmin(ctx))) return;
    if (ctx.callbackQuery.data === NO) {
      await editHtml(ctx, ctx.t('forget-cancelled'));
      await ctx.answerCallbackQuery();
      return;
    }
    if (!ctx.deps.forget) {
      await ctx.answerCallbackQuery({ text: ctx.t('error-generic') });
      return;
    }
    await ctx.deps.forget(chatId);
    admins.forget(chatId);
    ctx.log.info({ chat_id: chatId }, 'chat forgotten on request');
    await editHtml(ctx, ctx.t('forget-done'));
    await ctx.answerCallbackQuery();
  });
  return composer;
}
