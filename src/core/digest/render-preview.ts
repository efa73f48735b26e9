import type { StoryView } from '../ports/story-reader.js';
import { renderDigest } from '../render/render-digest.js';
import type { Lang, TopicDefinition } from '../types.js';
import { selectDigest } from './select-digest.js';

export interface PreviewOptions {
  lang: Lang;
  /** Topics to show, in this order. */
  topics: TopicDefinition[];
  /** Also show stories tagged only `other` (when no topics were asked for). */
  includeOther: boolean;
  timezone: string;
  /** Telegram HTML exactly as the bot sends it; otherwise readable terminal text with the links spelled out. */
  html: boolean;
  now: number;
  perTopic?: number;
}

/** Separates the Telegram messages a digest is split into. */
export const MESSAGE_SEPARATOR = '\n\n— ✂ —\n\n';

/** Telegram HTML (our own renderer's output) as terminal text: links become "title <url>", tags go. */
export function htmlToTerminal(html: string): string {
  return html
    .replace(/<a href="([^"]*)">([^<]*)<\/a>/g, '$2\n  $1')
    .replace(/<[^>]*>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&');
}

/**
 * The digest a subscriber would get, through the same selection and renderer as delivery: a story appears once,
 * under the first requested topic it carries.
 */
export function renderPreview(views: readonly StoryView[], options: PreviewOptions): string {
  const slugs = options.topics.map((topic) => topic.slug);
  const digest = selectDigest(
    views.map((view) => ({ story: view.story, sources: view.sources })),
    {
      lang: options.lang,
      topics: options.includeOther ? [...slugs, 'other'] : slugs,
      follow: [],
      mute: [],
      allowOtherLang: false,
      timezone: options.timezone,
    },
    { from: 0, to: Number.MAX_SAFE_INTEGER },
    { perTopic: options.perTopic ?? 5, total: 1000 },
  );
  const messages = renderDigest(digest, {
    topics: options.topics,
    timezone: options.timezone,
    at: options.now,
  });
  return (options.html ? messages : messages.map(htmlToTerminal)).join(MESSAGE_SEPARATOR);
}
