import type { StoryView } from '../ports/story-reader.js';
import { fallbackTexts } from '../digest/latest-fallback.js';
import { escapeHtml } from './escape-html.js';
import { clip, safeUrl } from './render-story-list.js';

/** An inline article result as plain data (the bot maps it to grammY's type; the core imports no Telegram). */
export interface InlineArticle {
  id: string;
  title: string;
  description: string;
  url?: string;
  /** The message the user sends by picking the result (Telegram HTML). */
  messageHtml: string;
}

const DESCRIPTION_MAX = 200;
const SUMMARY_MAX = 600;

/** One story as an inline result: title, summary, outlet and link, in the message and in the result list. */
export function inlineArticle(view: StoryView): InlineArticle {
  const { story } = view;
  const url = safeUrl(story.url);
  const title = clip(story.title, 250);
  const summary = clip(story.summary, SUMMARY_MAX);
  const outlet = clip(story.outlet, 60);
  const sources = view.sources > 1 ? ` · ${fallbackTexts(story.lang).sources(view.sources)}` : '';
  const heading =
    url === undefined
      ? `<b>${escapeHtml(title)}</b>`
      : `<a href="${escapeHtml(url)}"><b>${escapeHtml(title)}</b></a>`;
  const lines = [heading];
  if (summary !== '') lines.push(escapeHtml(summary));
  lines.push(`<i>${escapeHtml(outlet)}${escapeHtml(sources)}</i>`);
  return {
    // Story ids are short hashes; Telegram allows 64 bytes.
    id: story.id.slice(0, 64),
    title,
    description: clip(`${outlet}${sources} — ${summary === '' ? title : summary}`, DESCRIPTION_MAX),
    ...(url !== undefined ? { url } : {}),
    messageHtml: lines.join('\n'),
  };
}

/** Top stories of the day: the most widely reported clusters first, then the newest. */
export function topOfDay(views: readonly StoryView[], limit: number): StoryView[] {
  return [...views]
    .sort((a, b) => b.sources - a.sources || b.story.publishedAt - a.story.publishedAt)
    .slice(0, limit);
}
