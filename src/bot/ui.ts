import { InlineKeyboard } from 'grammy';
import { isNotModified } from '../adapters/telegram/send-outcome.js';
import type { ChatSettings, Schedule } from '../core/chat/chat-settings.js';
import { escapeHtml } from '../core/render/escape-html.js';
import type { Lang, TopicDefinition } from '../core/types.js';
import { encodeCallback, type Flow } from './callback-data.js';
import type { BotContext } from './context.js';

export const MAX_ARGUMENT_LENGTH = 200;

/** Schedule presets offered as buttons; typed schedules go through /schedule. */
export const SCHEDULE_PRESETS: Record<string, Schedule> = {
  once: { kind: 'times', times: ['09:00'] },
  twice: { kind: 'times', times: ['09:00', '19:00'] },
  thrice: { kind: 'times', times: ['08:00', '13:00', '20:00'] },
  instant: { kind: 'instant' },
  off: { kind: 'off' },
};

/** Replies in Telegram HTML without link previews; grammY keeps forum replies in the same thread. */
export async function replyHtml(ctx: BotContext, text: string, keyboard?: InlineKeyboard): Promise<void> {
  await ctx.reply(text, {
    parse_mode: 'HTML',
    link_preview_options: { is_disabled: true },
    ...(keyboard ? { reply_markup: keyboard } : {}),
  });
}

/** Edits the message a button belongs to; "message is not modified" is expected when nothing changed. */
export async function editHtml(ctx: BotContext, text: string, keyboard?: InlineKeyboard): Promise<void> {
  try {
    await ctx.editMessageText(text, {
      parse_mode: 'HTML',
      link_preview_options: { is_disabled: true },
      ...(keyboard ? { reply_markup: keyboard } : {}),
    });
  } catch (error) {
    if (isNotModified(error)) return;
    throw error;
  }
}

/** The text after the command, trimmed. */
export function commandArgs(ctx: BotContext): string {
  return typeof ctx.match === 'string' ? ctx.match.trim() : '';
}

export function topicName(topic: TopicDefinition, lang: Lang): string {
  return topic.names[lang];
}

/** Resolves a slug or a localised name in either language, case-insensitively. */
export function resolveTopic(input: string, topics: readonly TopicDefinition[]): TopicDefinition | undefined {
  const value = input.trim().toLowerCase().replace(/^\//, '');
  return topics.find(
    (topic) =>
      topic.slug === value ||
      topic.names.uk.toLowerCase() === value ||
      topic.names.ru.toLowerCase() === value,
  );
}

export function topicList(ctx: BotContext, slugs: readonly string[], lang: Lang): string {
  const names = slugs.map(
    (slug) => ctx.deps.topics.find((topic) => topic.slug === slug)?.names[lang] ?? slug,
  );
  return names.length === 0 ? ctx.t('none') : escapeHtml(names.join(', '));
}

export function validTopics(ctx: BotContext, lang: Lang): string {
  return ctx.deps.topics.map((topic) => `/${topic.slug} — ${escapeHtml(topic.names[lang])}`).join('\n');
}

export function describeSchedule(ctx: BotContext, schedule: Schedule): string {
  if (schedule.kind === 'instant') return ctx.t('schedule-desc-instant');
  if (schedule.kind === 'off') return ctx.t('schedule-desc-off');
  return ctx.t('schedule-desc-times', { times: schedule.times.join(', ') });
}

export function describeStatus(ctx: BotContext, settings: ChatSettings): string {
  if (!settings.active) return ctx.t('status-inactive');
  return settings.paused ? ctx.t('status-paused') : ctx.t('status-active');
}

export function settingsSummary(ctx: BotContext, settings: ChatSettings): string {
  const list = (items: string[]) => (items.length === 0 ? ctx.t('none') : escapeHtml(items.join(', ')));
  return ctx.t('settings-summary', {
    lang: ctx.t(`lang-name-${settings.lang}`),
    topics: topicList(ctx, settings.topics, settings.lang),
    schedule: describeSchedule(ctx, settings.schedule),
    timezone: escapeHtml(settings.timezone),
    follow: list(settings.follow),
    mute: list(settings.mute),
    status: describeStatus(ctx, settings),
  });
}

export function languageKeyboard(ctx: BotContext, flow: Flow): InlineKeyboard {
  return new InlineKeyboard()
    .text(ctx.t('lang-name-uk'), encodeCallback('lang', 'uk', flow))
    .text(ctx.t('lang-name-ru'), encodeCallback('lang', 'ru', flow));
}

export function topicsKeyboard(ctx: BotContext, settings: ChatSettings, flow: Flow): InlineKeyboard {
  const keyboard = new InlineKeyboard();
  ctx.deps.topics.forEach((topic, index) => {
    const mark = settings.topics.includes(topic.slug) ? '✅' : '▫️';
    keyboard.text(`${mark} ${topic.names[settings.lang]}`, encodeCallback('top', topic.slug, flow));
    if (index % 2 === 1) keyboard.row();
  });
  keyboard.row();
  return flow === 'o'
    ? keyboard.text(ctx.t('btn-next'), encodeCallback('next', 'sched', 'o'))
    : keyboard.text(ctx.t('btn-done'), encodeCallback('next', 'done', 's'));
}

export function scheduleKeyboard(ctx: BotContext, flow: Flow): InlineKeyboard {
  const keyboard = new InlineKeyboard();
  for (const preset of Object.keys(SCHEDULE_PRESETS)) {
    keyboard.text(ctx.t(`btn-sched-${preset}`), encodeCallback('sch', preset, flow)).row();
  }
  return keyboard;
}

export function settingsKeyboard(ctx: BotContext): InlineKeyboard {
  return new InlineKeyboard()
    .text(ctx.t('btn-lang'), encodeCallback('set', 'lang', 's'))
    .text(ctx.t('btn-topics'), encodeCallback('set', 'topics', 's'))
    .row()
    .text(ctx.t('btn-schedule'), encodeCallback('set', 'sched', 's'))
    .text(
      ctx.t(ctx.scope?.settings.breaking === true ? 'btn-breaking-on' : 'btn-breaking-off'),
      BREAKING_TOGGLE,
    );
}

/** The /settings button that turns breaking news on or off (handled by the breaking feature). */
export const BREAKING_TOGGLE = 'brk:toggle';
