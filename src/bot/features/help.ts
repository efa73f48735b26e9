import { Composer } from 'grammy';
import type { BotContext } from '../context.js';
import { replyHtml } from '../ui.js';

export function helpFeature(): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  composer.command('help', (ctx) => replyHtml(ctx, ctx.t('help')));
  return composer;
}
