import { Composer } from 'grammy';
import type { ChatSettings } from '../../core/chat/chat-settings.js';
import type { StoryReader, StoryView } from '../../core/ports/story-reader.js';
import { matchesAllWords } from '../../core/text/match-words.js';
import type { BotContext } from '../context.js';
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

export function digestFeature(): Composer<BotContext> {
  const composer = new Composer<BotContext>();
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
