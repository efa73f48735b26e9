import { Composer } from 'grammy';
import type { BotContext } from '../context.js';
import { requireAdmin } from '../guards.js';
import { languageKeyboard, replyHtml, settingsKeyboard, settingsSummary } from '../ui.js';

/** Onboarding: language -> topics -> schedule. A second /start shows the settings and never resets them. */
export function startFeature(): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  composer.command('start', async (ctx) => {
    const scope = ctx.scope;
    if (!scope) return;
    if (scope.stored) {
      await replyHtml(
        ctx,
        `${ctx.t('start-again')}\n\n${settingsSummary(ctx, scope.settings)}`,
        settingsKeyboard(ctx),
      );
      return;
    }
    if (!(await requireAdmin(ctx))) return;
    // Stored now, with defaults, so a subscriber who stops halfway still gets the default digest.
    await ctx.updateSettings((settings) => settings);
    await replyHtml(
      ctx,
      `${ctx.t('start-welcome')}\n\n${ctx.t('start-choose-lang')}`,
      languageKeyboard(ctx, 'o'),
    );
  });
  return composer;
}
