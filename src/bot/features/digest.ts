import { Composer } from 'grammy';
import type { BotContext } from '../context.js';
import { replyHtml } from '../ui.js';

/** /digest: asks the delivery worker for this chat's digest now; it picks the stories, as for scheduled ones. */
export function digestFeature(): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  composer.command('digest', async (ctx) => {
    const scope = ctx.scope;
    if (!scope) return;
    await ctx.deps.digest(scope.key);
    await replyHtml(ctx, ctx.t('digest-queued'));
  });
  return composer;
}
