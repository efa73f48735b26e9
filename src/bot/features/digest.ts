import { Composer } from 'grammy';
import type { BotContext } from '../context.js';
import { replyHtml } from '../ui.js';

/**
 * /digest: asks the delivery worker for this chat's digest now; it picks the stories, as for scheduled ones. In a
 * group it posts to everyone, so only admins may ask (members could otherwise flood the group with digests).
 */
export function digestFeature(): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  composer.command('digest', async (ctx) => {
    const scope = ctx.scope;
    if (!scope) return;
    if (!(await ctx.isChatAdmin())) {
      await replyHtml(ctx, ctx.t('digest-admin-only'));
      return;
    }
    await ctx.deps.digest(scope.key);
    await replyHtml(ctx, ctx.t('digest-queued'));
  });
  return composer;
}
