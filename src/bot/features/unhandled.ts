import { Composer } from 'grammy';
import type { BotContext } from '../context.js';
import { replyHtml } from '../ui.js';

/** Goes last: an unknown command gets a short help. In groups only commands addressed to this bot are answered. */
export function unhandledFeature(): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  composer.on('message:text', async (ctx) => {
    const text = ctx.message.text;
    if (ctx.chat.type !== 'private') {
      const command = /^\/\w+@(\w+)/.exec(text);
      if (command?.[1]?.toLowerCase() !== ctx.me.username.toLowerCase()) return;
    }
    await replyHtml(ctx, ctx.t('help-short'));
  });
  composer.on('callback_query', (ctx) => ctx.answerCallbackQuery({ text: ctx.t('button-stale') }));
  return composer;
}
