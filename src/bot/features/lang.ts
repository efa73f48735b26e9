import { Composer } from 'grammy';
import { parseLang } from '../../core/chat/chat-settings.js';
import type { BotContext } from '../context.js';
import { requireAdmin } from '../guards.js';
import { commandArgs, languageKeyboard, replyHtml } from '../ui.js';

/** /lang uk|ru (ua accepted): switches both the news edition and the interface. */
export function langFeature(): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  composer.command('lang', async (ctx) => {
    if (!ctx.scope) return;
    const input = commandArgs(ctx);
    if (input === '') {
      await replyHtml(ctx, ctx.t('start-choose-lang'), languageKeyboard(ctx, 's'));
      return;
    }
    const lang = parseLang(input);
    if (!lang) {
      await replyHtml(ctx, ctx.t('lang-usage'));
      return;
    }
    if (!(await requireAdmin(ctx))) return;
    await ctx.updateSettings((s) => ({ ...s, lang }));
    await replyHtml(ctx, ctx.t('lang-set', { lang: ctx.t(`lang-name-${lang}`) }));
  });
  // Stories that exist only in the other language are left out of digests unless the chat asks for them.
  composer.command('otherlang', async (ctx) => {
    if (!ctx.scope) return;
    const input = commandArgs(ctx).toLowerCase();
    const allow = ['on', 'yes', 'так', 'да', '1'].includes(input)
      ? true
      : ['off', 'no', 'ні', 'нет', '0'].includes(input)
        ? false
        : undefined;
    if (allow === undefined) {
      await replyHtml(ctx, ctx.t('otherlang-usage'));
      return;
    }
    if (!(await requireAdmin(ctx))) return;
    await ctx.updateSettings((s) => ({ ...s, allowOtherLang: allow }));
    await replyHtml(ctx, ctx.t(allow ? 'otherlang-on' : 'otherlang-off'));
  });
  return composer;
}
