import { Composer } from 'grammy';
import { parseLang } from '../../core/chat/chat-settings.js';
import { MAX_STEMS, parseStems } from '../../core/ops/operator-args.js';
import { escapeHtml } from '../../core/render/escape-html.js';
import type { BotContext } from '../context.js';
import { replyHtml } from '../ui.js';
import type { OperatorDeps } from './operator-deps.js';

const USAGE =
  'Usage: /topic_keywords &lt;topic&gt; &lt;uk|ru&gt; &lt;stem, stem, ...&gt; (or "reset" to go back to the defaults)';

/** /topic_keywords <topic> <uk|ru> <stems|reset>: replaces a topic's keywords for one language. */
export function topicKeywordsCommand(deps: OperatorDeps): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  composer.command('topic_keywords', async (ctx) => {
    const text = typeof ctx.match === 'string' ? ctx.match.trim() : '';
    const match = /^(\S+)\s+(\S+)\s+([\s\S]+)$/.exec(text);
    if (!match) {
      await replyHtml(ctx, USAGE);
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
        `${!topic ? `Unknown topic; known: ${escapeHtml(known)}.` : 'The language is uk or ru.'}\n${USAGE}`,
      );
      return;
    }
    if (stemsInput.trim().toLowerCase() === 'reset') {
      await deps.topicOverrides.clearKeywords(slug, lang);
      await replyHtml(ctx, `Keywords of <b>${slug}</b> (${lang}) reset; workers pick it up within 30 s.`);
      return;
    }
    const parsed = parseStems(stemsInput);
    if (!('stems' in parsed)) {
      await replyHtml(
        ctx,
        `Give 1–${MAX_STEMS} stems of 2–60 characters, separated by commas.${parsed.bad !== undefined ? ` Bad: "${escapeHtml(parsed.bad)}".` : ''}`,
      );
      return;
    }
    const { stems } = parsed;
    await deps.topicOverrides.setKeywords(slug, lang, stems);
    ctx.log.info({ slug, lang, stems: stems.length, operator: ctx.from?.id }, 'operator set topic keywords');
    await replyHtml(
      ctx,
      `Saved ${stems.length} stems for <b>${slug}</b> (${lang}); workers pick them up within 30 s.\n${escapeHtml(stems.join(', '))}`,
    );
  });
  return composer;
}
