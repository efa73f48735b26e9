import { Composer } from 'grammy';
import { MAX_TIMES, parseSchedule, parseTimezone } from '../../core/chat/chat-settings.js';
import { escapeHtml } from '../../core/render/escape-html.js';
import type { BotContext } from '../context.js';
import { requireAdmin } from '../guards.js';
import { commandArgs, describeSchedule, replyHtml, scheduleKeyboard } from '../ui.js';

/** /schedule 08:00,20:00 | instant | off and /timezone Europe/Kyiv. */
export function scheduleFeature(): Composer<BotContext> {
  const composer = new Composer<BotContext>();

  composer.command('schedule', async (ctx) => {
    if (!ctx.scope) return;
    const input = commandArgs(ctx);
    if (input === '') {
      const current = describeSchedule(ctx, ctx.scope.settings.schedule);
      await replyHtml(
        ctx,
        `${ctx.t('schedule-current', { schedule: current })}\n\n${ctx.t('schedule-bad')}`,
        scheduleKeyboard(ctx, 's'),
      );
      return;
    }
    const parsed = parseSchedule(input);
    if (!parsed.ok) {
      await replyHtml(
        ctx,
        parsed.error === 'too-many' ? ctx.t('schedule-too-many', { max: MAX_TIMES }) : ctx.t('schedule-bad'),
      );
      return;
    }
    if (!(await requireAdmin(ctx))) return;
    const settings = await ctx.updateSettings((s) => ({ ...s, schedule: parsed.value }));
    await replyHtml(
      ctx,
      ctx.t('schedule-set', {
        schedule: describeSchedule(ctx, settings.schedule),
        timezone: escapeHtml(settings.timezone),
      }),
    );
  });

  composer.command('timezone', async (ctx) => {
    if (!ctx.scope) return;
    const input = commandArgs(ctx);
    const parsed = parseTimezone(input);
    if (!parsed.ok) {
      await replyHtml(ctx, ctx.t('timezone-bad', { current: escapeHtml(ctx.scope.settings.timezone) }));
      return;
    }
    if (!(await requireAdmin(ctx))) return;
    await ctx.updateSettings((s) => ({ ...s, timezone: parsed.value }));
    await replyHtml(ctx, ctx.t('timezone-set', { timezone: escapeHtml(parsed.value) }));
  });

  return composer;
}
