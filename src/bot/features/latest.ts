import { Composer } from 'grammy';
import type { StoryView } from '../../core/ports/story-reader.js';
import { escapeHtml } from '../../core/render/escape-html.js';
import { renderStoryList } from '../../core/render/render-story-list.js';
import type { TopicDefinition } from '../../core/types.js';
import type { BotContext } from '../context.js';
import { quietTopicNote } from './quiet-topic-note.js';
import { commandArgs, replyHtml, resolveTopic, validTopics } from '../ui.js';

export const DEFAULT_LATEST = 5;
export const MAX_LATEST = 20;

/** Sends stories as one or more HTML messages, or the empty notice. */
export async function sendStories(
  ctx: BotContext,
  views: StoryView[],
  heading: string,
  emptyKey: string,
): Promise<void> {
  if (views.length === 0) {
    await replyHtml(ctx, ctx.t(emptyKey));
    return;
  }
  const messages = renderStoryList(views, {
    timezone: ctx.scope?.settings.timezone ?? ctx.deps.config.defaultTimezone,
    sourcesLabel: (count) => ctx.t('sources-count', { count }),
    heading: `<b>${heading}</b>`,
  });
  for (const message of messages) await replyHtml(ctx, message);
}

function parseCount(word: string): number | undefined {
  if (!/^\d{1,4}$/.test(word)) return undefined;
  return Math.min(Math.max(Number(word), 1), MAX_LATEST);
}

/** /latest [topic] [n] and one command per topic (/politics [n]); open to every member of a group. */
export function latestFeature(topics: readonly TopicDefinition[]): Composer<BotContext> {
  const composer = new Composer<BotContext>();

  const show = async (ctx: BotContext, topic: TopicDefinition | undefined, count: number): Promise<void> => {
    const lang = ctx.scope?.settings.lang ?? 'uk';
    const views = await ctx.deps.stories.latest({
      lang,
      limit: count,
      ...(topic ? { topic: topic.slug } : {}),
    });
    const heading = topic
      ? ctx.t('latest-heading', { topic: escapeHtml(topic.names[lang]) })
      : ctx.t('latest-heading-all');
    const quiet = topic ? await quietTopicNote(ctx, lang, topic, views) : undefined;
    if (quiet) await replyHtml(ctx, quiet);
    if (quiet && views.length === 0) return;
    await sendStories(ctx, views, heading, 'latest-empty');
  };

  composer.command('latest', async (ctx) => {
    const lang = ctx.scope?.settings.lang ?? 'uk';
    let topic: TopicDefinition | undefined;
    let count = DEFAULT_LATEST;
    for (const word of commandArgs(ctx)
      .split(/\s+/)
      .filter((w) => w !== '')) {
      const n = parseCount(word);
      if (n !== undefined) {
        count = n;
        continue;
      }
      topic = resolveTopic(word, ctx.deps.topics);
      if (!topic) {
        await replyHtml(
          ctx,
          `${ctx.t('topic-unknown', { input: escapeHtml(word) })}\n\n${validTopics(ctx, lang)}`,
        );
        return;
      }
    }
    await show(ctx, topic, count);
  });

  for (const topic of topics) {
    composer.command(topic.slug, async (ctx) => {
      const word = commandArgs(ctx).split(/\s+/)[0] ?? '';
      await show(ctx, topic, parseCount(word) ?? DEFAULT_LATEST);
    });
  }
  return composer;
}
