import { Composer } from 'grammy';
import type { BotContext } from '../context.js';
import { requireAdmin } from '../guards.js';
import { replyHtml } from '../ui.js';

/** /stop pauses deliveries (settings kept); /resume restarts them. */
export function pauseFeature(): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  composer.command(['stop', 'resume'], async (ctx) => {
    if (!ctx.scope) return;
    if (!(await requireAdmin(ctx))) return;
    const paused = ctx.message?.text?.startsWith('/stop') === true;
    // A chat that talks to us again is reachable, so /resume also lifts a deactivation.
    await ctx.updateSettings((s) => ({ ...s, paused, active: paused ? s.active : true }));
    await replyHtml(ctx, ctx.t(paused ? 'stop-done' : 'resume-done'));
  });
  return composer;
}
