import { Composer } from 'grammy';
import { parseQuietHours } from '../../core/breaking/quiet-hours.js';
import type { BotContext } from '../context.js';
import { requireAdmin } from '../guards.js';
import {
  BREAKING_TOGGLE,
  commandArgs,
  editHtml,
  replyHtml,
  settingsKeyboard,
  settingsSummary,
} from '../ui.js';

/** /breaking on|off, its /settings button, and /quiet HH:MM-HH:MM|off (quiet hours for breaking and instant). */
export function breakingFeature(): Composer<BotContext> {
  const composer = new Composer<BotContext>();

  composer.command('breaking', async (ctx) => {
    if (!ctx.scope) return;
    const arg = commandArgs(ctx).toLowerCase();
    if (arg !== 'on' && arg !== 'off') {
      const current = ctx.scope.settings.breaking === true ? 'on' : 'off';
      await replyHtml(ctx, ctx.t('breaking-usage', { current }));
      return;
    }
    if (!(await requireAdmin(ctx))) return;
    await ctx.updateSettings((s) => ({ ...s, breaking: arg === 'on' }));
    await replyHtml(ctx, ctx.t(arg === 'on' ? 'breaking-on' : 'breaking-off'));
  });

  composer.callbackQuery(BREAKING_TOGGLE, async (ctx) => {
    if (!ctx.scope) return;
    if (!(await requireAdmin(ctx))) return;
    const next = await ctx.updateSettings((s) => ({ ...s, breaking: s.breaking !== true }));
    await editHtml(ctx, settingsSummary(ctx, next), settingsKeyboard(ctx));
    await ctx.answerCallbackQuery({ text: ctx.t(next.breaking ? 'breaking-on' : 'breaking-off') });
  });

  composer.command('quiet', async (ctx) => {
    if (!ctx.scope) return;
    const arg = commandArgs(ctx);
    const current = ctx.scope.settings.quiet;
    const currentText = current ? `${current.from}-${current.to}` : ctx.t('none');
    if (arg === '') {
      await replyHtml(ctx, ctx.t('quiet-usage', { current: currentText }));
      return;
    }
    const off = arg.toLowerCase() === 'off';
    const quiet = off ? undefined : parseQuietHours(arg);
    if (!off && !quiet) {
      await replyHtml(ctx, ctx.t('quiet-usage', { current: currentText }));
      return;
    }
    if (!(await requireAdmin(ctx))) return;
    await ctx.updateSettings(({ quiet: _old, ...rest }) => (quiet ? { ...rest, quiet } : rest));
    await replyHtml(
      ctx,
      quiet
        ? ctx.t('quiet-set', { from: quiet.from, to: quiet.to, timezone: ctx.scope.settings.timezone })
        : ctx.t('quiet-off'),
    );
  });
  return composer;
}
