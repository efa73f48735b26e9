import { fallbackTexts } from '../digest/latest-fallback.js';
import type { Lang, Story } from '../types.js';
import { escapeHtml } from './escape-html.js';
import { clip, safeUrl } from './render-story-list.js';

const LABEL: Record<Lang, string> = { uk: 'Терміново', ru: 'Срочно' };
const SUMMARY_MAX = 280;

/** One short breaking-news message: label and outlet count, the linked title, a clipped summary, the outlet. */
export function renderBreaking(story: Story, outlets: number): string {
  const title = escapeHtml(clip(story.title, 300));
  const url = safeUrl(story.url);
  const link = url === undefined ? `<b>${title}</b>` : `<a href="${escapeHtml(url)}"><b>${title}</b></a>`;
  const lines = [
    `⚡ <b>${LABEL[story.lang]}</b> · ${escapeHtml(fallbackTexts(story.lang).sources(outlets))}`,
    link,
  ];
  const summary = clip(story.summary, SUMMARY_MAX);
  if (summary !== '') lines.push(escapeHtml(summary));
  lines.push(`<i>${escapeHtml(clip(story.outlet, 60))}</i>`);
  return lines.join('\n');
}
