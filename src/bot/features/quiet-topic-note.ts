import type { StoryView } from '../../core/ports/story-reader.js';
import { escapeHtml } from '../../core/render/escape-html.js';
import { quietReport } from '../../core/topics/quiet-topics.js';
import type { Lang, TopicDefinition } from '../../core/types.js';
import type { BotContext } from '../context.js';

/**
 * When `topic` is quiet (its newest story is old, or it has none), a line saying for how long, and the nearest
 * topics that do have news as commands to tap; undefined when the topic is lively. Only a quiet answer pays for
 * the per-topic look-ups.
 */
export async function quietTopicNote(
  ctx: BotContext,
  lang: Lang,
  topic: TopicDefinition,
  views: readonly StoryView[],
): Promise<string | undefined> {
  const now = ctx.deps.now();
  const own = views[0]?.story.publishedAt;
  if (quietReport(topic.slug, new Map([[topic.slug, own]]), now) === undefined) return undefined;
  const newest = new Map<string, number | undefined>();
  const heads = await Promise.all(
    ctx.deps.topics.map((t) => ctx.deps.stories.latest({ lang, topic: t.slug, limit: 1 })),
  );
  ctx.deps.topics.forEach((t, index) => newest.set(t.slug, heads[index]?.[0]?.story.publishedAt));
  newest.set(topic.slug, own);
  const report = quietReport(topic.slug, newest, now);
  if (!report) return undefined;
  const name = escapeHtml(topic.names[lang]);
  const lines = [
    report.quietForMs === undefined
      ? ctx.t('topic-quiet-none', { topic: name })
      : report.quietForMs < 48 * 3_600_000
        ? ctx.t('topic-quiet-hours', { topic: name, hours: Math.floor(report.quietForMs / 3_600_000) })
        : ctx.t('topic-quiet-days', { topic: name, days: Math.floor(report.quietForMs / 86_400_000) }),
  ];
  if (report.nearest.length > 0) {
    const commands = report.nearest.map((slug) => {
      const other = ctx.deps.topics.find((t) => t.slug === slug);
      return `/${slug}${other ? ` (${escapeHtml(other.names[lang])})` : ''}`;
    });
    lines.push(ctx.t('topic-nearest', { topics: commands.join(', ') }));
  }
  return lines.join('\n');
}
