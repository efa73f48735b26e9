import { Composer } from 'grammy';
import type { ChatSettings } from '../../core/chat/chat-settings.js';
import type { StoryReader, StoryView } from '../../core/ports/story-reader.js';
import { matchesAllWords } from '../../core/text/match-words.js';
import type { Lang } from '../../core/types.js';
import type { BotContext, BotDeps } from '../context.js';
import { replyHtml } from '../ui.js';
import { sendStories } from './latest.js';

const PER_TOPIC = 5;
const DIGEST_SIZE = 10;

/**
 * Stand-in until the delivery worker provides digests: newest stories of the chat's topics plus followed keywords,
 * muted keywords removed, one entry per cluster.
 */
export async function previewDigest(stories: StoryReader, settings: ChatSettings): Promise<StoryView[]> {
  const { lang } = settings;
  const batches = await Promise.all([
    ...settings.topics.map((topic) => stories.latest({ lang, topic, limit: PER_TOPIC })),
    ...settings.follow.map((keyword) => stories.search(lang, keyword.split(/\s+/), PER_TOPIC)),
  ]);
  const byCluster = new Map<string, StoryView>();
  for (const view of batches.flat()) {
    const text = `${view.story.title} ${view.story.summary}`;
    if (settings.mute.some((keyword) => matchesAllWords(text, keyword.split(/\s+/)))) continue;
    if (!byCluster.has(view.story.clusterId)) byCluster.set(view.story.clusterId, view);
  }
  return [...byCluster.values()]
    .sort((a, b) => b.story.publishedAt - a.story.publishedAt)
    .slice(0, DIGEST_SIZE);
}

/** Optional extra dependencies for operator broadcasts, passed along with the bot's deps. */
export interface BroadcastDeps {
  operatorIds?: readonly number[];
  broadcast?: (texts: Partial<Record<Lang, string>>, by: number) => Promise<string>;
}

/**
 * `/broadcast text`, or per language `/broadcast uk: текст | ru: текст` (each chat gets its language, or the only
 * one given). Undefined when the text is empty.
 */
export function parseBroadcast(input: string): Partial<Record<Lang, string>> | undefined {
  const text = input.trim();
  if (text === '') return undefined;
  const parts = text.split(/\s*\|\s*(?=(?:uk|ua|ru)\s*:)/i);
  const tagged: Partial<Record<Lang, string>> = {};
  for (const part of parts) {
    const match = /^(uk|ua|ru)\s*:\s*([\s\S]*)$/i.exec(part.trim());
    if (!match) return { uk: text, ru: text };
    const lang: Lang = match[1]!.toLowerCase() === 'ru' ? 'ru' : 'uk';
    if (match[2]!.trim() !== '') tagged[lang] = match[2]!.trim();
  }
  return Object.keys(tagged).length > 0 ? tagged : undefined;
}

export function digestFeature(): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  composer.command('broadcast', async (ctx, next) => {
    const deps = ctx.deps as BotDeps & BroadcastDeps;
    const from = ctx.from?.id;
    if (!deps.broadcast || from === undefined || !deps.operatorIds?.includes(from)) {
      ctx.log.warn({ user_id: from }, 'broadcast refused: not an operator');
      await next();
      return;
    }
    // Only the text after the command: ctx.match keeps line breaks, which commandArgs would too.
    const texts = parseBroadcast(typeof ctx.match === 'string' ? ctx.match : '');
    if (!texts) {
      await ctx.reply('/broadcast <text>  |  /broadcast uk: <текст> | ru: <текст>');
      return;
    }
    const id = await deps.broadcast(texts, from);
    ctx.log.info({ user_id: from, broadcast: id, langs: Object.keys(texts) }, 'broadcast queued');
    await ctx.reply(`Broadcast ${id} queued (${Object.keys(texts).join(', ')}).`);
  });
  composer.command('digest', async (ctx) => {
    const scope = ctx.scope;
    if (!scope) return;
    if (ctx.deps.digest) {
      await ctx.deps.digest(scope.key);
      await replyHtml(ctx, ctx.t('digest-queued'));
      return;
    }
    const views = await previewDigest(ctx.deps.stories, scope.settings);
    await sendStories(ctx, views, ctx.t('digest-heading'), 'digest-empty');
  });
  return composer;
}
