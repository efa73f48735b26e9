import { Composer } from 'grammy';
import { escapeHtml } from '../../core/render/escape-html.js';
import { searchQueryWords } from '../../core/text/search-query.js';
import type { BotContext } from '../context.js';
import { commandArgs, replyHtml } from '../ui.js';
import { sendStories } from './latest.js';

const SEARCH_LIMIT = 10;

/** /search <words>: every word must match (as a prefix, so stems find inflected forms). */
export function searchFeature(): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  composer.command('search', async (ctx) => {
    const query = commandArgs(ctx);
    const words = searchQueryWords(query);
    if (words.length === 0) {
      await replyHtml(ctx, ctx.t('search-usage'));
      return;
    }
    const lang = ctx.scope?.settings.lang ?? 'uk';
    const views = await ctx.deps.stories.search(lang, words, SEARCH_LIMIT);
    if (views.length === 0) {
      await replyHtml(ctx, ctx.t('search-empty', { query: escapeHtml(query) }));
      return;
    }
    await sendStories(ctx, views, ctx.t('search-heading', { query: escapeHtml(query) }), 'search-empty');
  });
  return composer;
}
