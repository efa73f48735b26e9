import type { StoryView } from '../ports/story-reader.js';
import { dateTimeFormat } from '../text/date-format.js';
import { escapeHtml } from './escape-html.js';

export interface StoryListOptions {
  /** Time zone for the publication time shown next to each story. */
  timezone: string;
  /** Localised "+N sources" label; called only when a cluster has more than one outlet. */
  sourcesLabel: (count: number) => string;
  /** Optional heading (already-safe HTML) placed before the first story. */
  heading?: string;
  /** Telegram's limit is 4096 characters per message; a margin keeps entities safe. */
  maxLength?: number;
}

const TELEGRAM_LIMIT = 4000;
const TITLE_MAX = 300;

export function safeUrl(url: string): string | undefined {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.href : undefined;
  } catch {
    return undefined;
  }
}

export function clip(text: string, max: number): string {
  const chars = [...text.replace(/\s+/g, ' ').trim()];
  return chars.length <= max ? chars.join('') : `${chars.slice(0, max - 1).join('')}…`;
}

function formatTime(at: number, timezone: string): string {
  return dateTimeFormat('uk-UA', {
    timeZone: timezone,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(at);
}

/** One line per story: linked title, outlet, local time and the number of outlets when clustered. */
export function renderStoryLine(view: StoryView, index: number, options: StoryListOptions): string {
  const { story } = view;
  const title = escapeHtml(clip(story.title, TITLE_MAX));
  const url = safeUrl(story.url);
  const link = url === undefined ? `<b>${title}</b>` : `<a href="${escapeHtml(url)}">${title}</a>`;
  const meta = [escapeHtml(clip(story.outlet, 60)), formatTime(story.publishedAt, options.timezone)];
  if (view.sources > 1) meta.push(escapeHtml(options.sourcesLabel(view.sources)));
  return `${index + 1}. ${link}\n<i>${meta.join(' · ')}</i>`;
}

/**
 * Renders stories as Telegram HTML messages. Every piece of feed text is escaped; lines are never split, so each
 * message stays valid HTML, and a new message starts when the next line would pass the length limit.
 */
export function renderStoryList(views: readonly StoryView[], options: StoryListOptions): string[] {
  const limit = options.maxLength ?? TELEGRAM_LIMIT;
  const messages: string[] = [];
  let current = options.heading ?? '';
  views.forEach((view, index) => {
    const line = renderStoryLine(view, index, options);
    const next = current === '' ? line : `${current}\n\n${line}`;
    if (next.length > limit && current !== '') {
      messages.push(current);
      current = line;
    } else {
      current = next;
    }
  });
  if (current !== '') messages.push(current);
  return messages;
}
