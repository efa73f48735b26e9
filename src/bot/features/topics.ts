import { Composer } from 'grammy';
import { escapeHtml } from '../../core/render/escape-html.js';
import type { BotContext } from '../context.js';
import { requireAdmin } from '../guards.js';
import { commandArgs, replyHtml, resolveTopic, topicList, topicsKeyboard, validTopics } from '../ui.js';

/** Splits `/subscribe war, економіка tech` into topic words; names with spaces are not used by any topic. */
function topicWords(input: string): string[] {
  return input.split(/[\s,;]+/).filter((word) => word !== '');
}

export function topicsFeature(): Composer<BotContext> {
  const composer = new Composer<BotContext>();

  composer.command('topics', async (ctx) => {
    if (!ctx.scope) return;
    await replyHtml(ctx, ctx.t('topics-title'), topicsKeyboard(ctx, ctx.scope.settings, 's'));
  });

  composer.command(['subscribe', 'unsubscribe'], async (ctx) => {
    if (!ctx.scope) return;
    const lang = ctx.scope.settings.lang;
    const words = topicWords(commandArgs(ctx));
    if (words.length === 0) {
      await replyHtml(ctx, `${ctx.t('topics-usage')}\n\n${validTopics(ctx, lang)}`);
      return;
    }
    const slugs: string[] = [];
    for (const word of words) {
      const topic = resolveTopic(word, ctx.deps.topics);
      if (!topic) {
        await replyHtml(
          ctx,
          `${ctx.t('topic-unknown', { input: escapeHtml(word) })}\n\n${validTopics(ctx, lang)}`,
        );
        return;
      }
      if (!slugs.includes(topic.slug)) slugs.push(topic.slug);
    }
    if (!(await requireAdmin(ctx))) return;
    const subscribe = ctx.message?.text?.startsWith('/subscribe') === true;
    const settings = await ctx.updateSettings((s) => ({
      ...s,
      topics: subscribe
        ? [...s.topics, ...slugs.filter((slug) => !s.topics.includes(slug))]
        : s.topics.filter((slug) => !slugs.includes(slug)),
    }));
    await replyHtml(
      ctx,
      ctx.t(subscribe ? 'subscribe-done' : 'unsubscribe-done', {
        changed: topicList(ctx, slugs, settings.lang),
        topics: topicList(ctx, settings.topics, settings.lang),
      }),
    );
  });

  return composer;
}
