import { Composer } from 'grammy';
import { parseLang } from '../../core/chat/chat-settings.js';
import { MAX_STEMS, parseStems } from '../../core/ops/operator-args.js';
import { escapeHtml } from '../../core/render/escape-html.js';
import type { BotContext } from '../context.js';
import { replyHtml } from '../ui.js';
import type { OperatorDeps } from './operator-deps.js';

/** /topic_keywords <topic> <uk|ru> <stems|reset>: replaces a topic's keywords for one language. */
export function topicKeywordsCommand(deps: OperatorDeps): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  composer.command('topic_keywords', async (ctx) => {
    const text = typeof ctx.match === 'string' ? ctx.match.trim() : '';
    const match = /^(\S+)\s+(\S+)\s+([\s\S]+)$/.exec(text);
    if (!match) {
      await replyHtml(ctx, ctx.t('op-keywords-usage'));
      return;
    }
    const [, slugInput = '', langInput = '', stemsInput = ''] = match;
    const slug = slugInput.toLowerCase();
    const topic = deps.topics().find((each) => each.slug === slug);
    const lang = parseLang(langInput);
    if (!topic || !lang) {
      const known = deps
        .topics()
        .map((each) => each.slug)
        .join(', ');
      await replyHtml(
        ctx,
        `${!topic ? ctx.t('op-keywords-unknown-topic', { known: escapeHtml(known) }) : ctx.t('op-keywords-bad-lang')}\n${ctx.t('op-keywords-usage')}`,
      );
      return;
    }
    if (stemsInput.trim().toLowerCase() === 'reset') {
      await deps.topicOverrides.clearKeywords(slug, lang);
      await replyHtml(ctx, ctx.t('op-keywords-reset', { topic: slug, lang }));
      return;
    }
    const parsed = parseStems(stemsInput);
    if (!('stems' in parsed)) {
      await replyHtml(
        ctx,
        `${ctx.t('op-keywords-bad-stems', { max: MAX_STEMS })}${parsed.bad !== undefined ? ` ${ctx.t('op-keywords-bad-stem', { stem: escapeHtml(parsed.bad) })}` : ''}`,
      );
      return;
    }
    const { stems } = parsed;
    await deps.topicOverrides.setKeywords(slug, lang, stems);
    ctx.log.info({ slug, lang, stems: stems.length, operator: ctx.from?.id }, 'operator set topic keywords');
    await replyHtml(
      ctx,
      `${ctx.t('op-keywords-saved', { count: stems.length, topic: slug, lang })}\n${escapeHtml(stems.join(', '))}`,
    );
  });
  return composer;
}
