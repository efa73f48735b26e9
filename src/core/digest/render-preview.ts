import type { StoryView } from '../ports/story-reader.js';
import { escapeHtml } from '../render/escape-html.js';
import type { Lang, TopicDefinition } from '../types.js';

export interface PreviewOptions {
  lang: Lang;
  /** Topics to show, in this order. */
  topics: TopicDefinition[];
  otherName: string;
  timezone: string;
  html: boolean;
  perTopic?: number;
}

const SOURCES_LABEL: Record<Lang, (n: number) => string> = {
  uk: (n) => `+${n - 1} джерел`,
  ru: (n) => `+${n - 1} источников`,
};

/**
 * Renders a digest preview grouped by topic: a readable terminal list, or Telegram HTML with all feed text escaped.
 * A story appears under the first requested topic it carries, so a multi-topic story is shown once.
 */
export function renderPreview(views: readonly StoryView[], options: PreviewOptions): string {
  const perTopic = options.perTopic ?? 5;
  const shown = new Set<string>();
  const sections: string[] = [];
  const time = new Intl.DateTimeFormat(options.lang === 'uk' ? 'uk-UA' : 'ru-RU', {
    timeZone: options.timezone,
    day: '2-digit',
    month: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  });
  const groups = [
    ...options.topics.map((topic) => ({ slug: topic.slug, name: topic.names[options.lang] })),
    { slug: 'other', name: options.otherName },
  ];
  for (const group of groups) {
    const entries = views
      .filter((view) => !shown.has(view.story.id) && view.story.topics.includes(group.slug))
      .slice(0, perTopic);
    if (entries.length === 0) continue;
    for (const entry of entries) shown.add(entry.story.id);
    const lines = entries.map((view) => {
      const { story } = view;
      const sources = view.sources > 1 ? ` · ${SOURCES_LABEL[options.lang](view.sources)}` : '';
      const meta = `${story.outlet} · ${time.format(story.publishedAt)}${sources}`;
      return options.html
        ? `• <a href="${escapeHtml(story.url)}">${escapeHtml(story.title)}</a>\n<i>${escapeHtml(meta)}</i>`
        : `  • ${story.title}\n    ${meta}\n    ${story.url}`;
    });
    const heading = options.html ? `<b>${escapeHtml(group.name)}</b>` : `== ${group.name} ==`;
    sections.push([heading, ...lines].join('\n'));
  }
  return sections.join('\n\n');
}
