import { Composer } from 'grammy';
import { decodeCallback, type CallbackData } from '../callback-data.js';
import type { BotContext } from '../context.js';
import { requireAdmin } from '../guards.js';
import {
  SCHEDULE_PRESETS,
  editHtml,
  languageKeyboard,
  replyHtml,
  scheduleKeyboard,
  settingsKeyboard,
  settingsSummary,
  topicsKeyboard,
  describeSchedule,
} from '../ui.js';

function isKnown(ctx: BotContext, data: CallbackData): boolean {
  switch (data.action) {
    case 'lang':
      return data.arg === 'uk' || data.arg === 'ru';
    case 'top':
      return ctx.deps.topics.some((topic) => topic.slug === data.arg);
    case 'sch':
      return Object.hasOwn(SCHEDULE_PRESETS, data.arg);
    case 'set':
      return data.flow === 's' && ['lang', 'topics', 'sched'].includes(data.arg);
    case 'next':
      return (data.arg === 'sched' && data.flow === 'o') || (data.arg === 'done' && data.flow === 's');
  }
}

async function showSummary(ctx: BotContext): Promise<void> {
  const settings = ctx.scope!.settings;
  await editHtml(ctx, settingsSummary(ctx, settings), settingsKeyboard(ctx));
}

/** /settings and every settings button. Buttons carry versioned data; anything else is answered as stale. */
export function settingsFeature(): Composer<BotContext> {
  const composer = new Composer<BotContext>();

  composer.command('settings', async (ctx) => {
    if (!ctx.scope) return;
    await replyHtml(ctx, settingsSummary(ctx, ctx.scope.settings), settingsKeyboard(ctx));
  });

  composer.on('callback_query:data', async (ctx) => {
    const data = decodeCallback(ctx.callbackQuery.data);
    if (!data || !ctx.scope || !ctx.callbackQuery.message || !isKnown(ctx, data)) {
      await ctx.answerCallbackQuery({ text: ctx.t('button-stale') });
      return;
    }
    if (!(await requireAdmin(ctx))) return;
    const { arg, flow } = data;
    switch (data.action) {
      case 'lang': {
        const settings = await ctx.updateSettings((s) => ({ ...s, lang: arg === 'ru' ? 'ru' : 'uk' }));
        if (flow === 'o')
          await editHtml(ctx, ctx.t('start-choose-topics'), topicsKeyboard(ctx, settings, 'o'));
        else await showSummary(ctx);
        break;
      }
      case 'top': {
        const settings = await ctx.updateSettings((s) => ({
          ...s,
          topics: s.topics.includes(arg) ? s.topics.filter((slug) => slug !== arg) : [...s.topics, arg],
        }));
        await ctx.editMessageReplyMarkup({ reply_markup: topicsKeyboard(ctx, settings, flow) });
        break;
      }
      case 'sch': {
        const schedule = SCHEDULE_PRESETS[arg]!;
        const settings = await ctx.updateSettings((s) => ({ ...s, schedule }));
        if (flow === 'o') {
          const text = ctx.t('start-done', { schedule: describeSchedule(ctx, settings.schedule) });
          await editHtml(ctx, `${text}\n\n${settingsSummary(ctx, settings)}`);
        } else {
          await showSummary(ctx);
        }
        break;
      }
      case 'set': {
        const settings = ctx.scope.settings;
        if (arg === 'lang') await editHtml(ctx, ctx.t('start-choose-lang'), languageKeyboard(ctx, 's'));
        else if (arg === 'topics')
          await editHtml(ctx, ctx.t('start-choose-topics'), topicsKeyboard(ctx, settings, 's'));
        else await editHtml(ctx, ctx.t('start-choose-schedule'), scheduleKeyboard(ctx, 's'));
        break;
      }
      case 'next': {
        if (arg === 'sched') await editHtml(ctx, ctx.t('start-choose-schedule'), scheduleKeyboard(ctx, 'o'));
        else await showSummary(ctx);
        break;
      }
    }
    await ctx.answerCallbackQuery();
  });

  return composer;
}
