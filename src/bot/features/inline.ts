import { Composer } from 'grammy';
import type { InlineQueryResultArticle } from 'grammy/types';
import { langFromTelegram } from '../../core/chat/chat-settings.js';
import { inlineArticle, topOfDay, type InlineArticle } from '../../core/render/render-inline.js';
import { searchQueryWords } from '../../core/text/search-query.js';
import type { Lang } from '../../core/types.js';
import type { BotContext } from '../context.js';

const RESULTS = 20;
const DAY_MS = 86_400_000;
/** Telegram caches answers this long; our own cache holds the same, so a burst of typing costs one search. */
export const INLINE_CACHE_SECONDS = 60;
const CACHE_MAX = 500;

interface Cached {
  until: number;
  results: InlineArticle[];
}

/**
 * Inline mode: `@bot words` in any chat offers matching recent stories (the /search matching, in the user's
 * language from their settings or their Telegram language), an empty query the top stories of the day.
 */
export function inlineFeature(): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  const cache = new Map<string, Cached>();

  composer.on('inline_query', async (ctx) => {
    const now = ctx.deps.now();
    const from = ctx.inlineQuery.from;
    const stored = await ctx.deps.chats.get({ chatId: from.id });
    const lang: Lang = stored?.lang ?? langFromTelegram(from.language_code);
    const words = searchQueryWords(ctx.inlineQuery.query);
    const key = `${lang}|${words.join(' ')}`;
    let hit = cache.get(key);
    if (!hit || hit.until <= now) {
      const views =
        words.length === 0
          ? topOfDay(
              // The index counts from when a story was stored; the day counts from when it was published.
              (await ctx.deps.stories.latest({ lang, limit: RESULTS * 3, since: now - DAY_MS })).filter(
                (view) => view.story.publishedAt >= now - DAY_MS,
              ),
              RESULTS,
            )
          : await ctx.deps.stories.search(lang, words, RESULTS);
      if (cache.size >= CACHE_MAX) cache.clear();
      hit = { until: now + INLINE_CACHE_SECONDS * 1000, results: views.map(inlineArticle) };
      cache.set(key, hit);
    }
    const results: InlineQueryResultArticle[] = hit.results.map((article) => ({
      type: 'article',
      id: article.id,
      title: article.title,
      description: article.description,
      ...(article.url !== undefined ? { url: article.url } : {}),
      input_message_content: {
        message_text: article.messageHtml,
        parse_mode: 'HTML',
        link_preview_options: { is_disabled: true },
      },
    }));
    // Personal: the language comes from the user's own settings.
    await ctx.answerInlineQuery(results, { cache_time: INLINE_CACHE_SECONDS, is_personal: true });
  });
  return composer;
}
