import { Composer } from 'grammy';
import {
  KEYWORD_MAX,
  MAX_KEYWORDS,
  addKeyword,
  normaliseKeyword,
  removeKeyword,
} from '../../core/chat/chat-settings.js';
import { escapeHtml } from '../../core/render/escape-html.js';
import type { BotContext } from '../context.js';
import { requireAdmin } from '../guards.js';
import { commandArgs, replyHtml } from '../ui.js';

type ListName = 'follow' | 'mute';

const COMMANDS: { command: string; list: ListName; add: boolean }[] = [
  { command: 'follow', list: 'follow', add: true },
  { command: 'unfollow', list: 'follow', add: false },
  { command: 'mute', list: 'mute', add: true },
  { command: 'unmute', list: 'mute', add: false },
];

/** Keyword filters for digests: followed words pull stories in whatever their topic, muted words push them out. */
export function keywordsFeature(): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  for (const { command, list, add } of COMMANDS) {
    composer.command(command, async (ctx) => {
      if (!ctx.scope) return;
      const input = commandArgs(ctx);
      if (input === '') {
        const current = ctx.scope.settings[list];
        const shown = current.length === 0 ? ctx.t('none') : escapeHtml(current.join(', '));
        await replyHtml(ctx, ctx.t(`${command}-usage`, { current: shown }));
        return;
      }
      const keyword = normaliseKeyword(input);
      if (!keyword.ok) {
        await replyHtml(ctx, ctx.t(`keyword-${keyword.error}`, { max: KEYWORD_MAX }));
        return;
      }
      if (!(await requireAdmin(ctx))) return;
      const current = ctx.scope.settings[list];
      if (add) {
        const next = addKeyword(current, input);
        if (!next.ok) {
          await replyHtml(
            ctx,
            ctx.t(`keyword-${next.error}`, { max: next.error === 'too-many' ? MAX_KEYWORDS : KEYWORD_MAX }),
          );
          return;
        }
        await ctx.updateSettings((s) => ({ ...s, [list]: next.value }));
      } else {
        if (!current.includes(keyword.value)) {
          await replyHtml(ctx, ctx.t('keyword-not-found', { keyword: escapeHtml(keyword.value) }));
          return;
        }
        await ctx.updateSettings((s) => ({ ...s, [list]: removeKeyword(s[list], input) }));
      }
      await replyHtml(ctx, ctx.t(`${command}-done`, { keyword: escapeHtml(keyword.value) }));
    });
  }
  return composer;
}
