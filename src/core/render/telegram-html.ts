import { escapeHtml } from './escape-html.js';

/** Telegram's limits per text message: UTF-16 units of the parsed text, and entities (formatting spans). */
export const MAX_MESSAGE_UTF16 = 4096;
export const MAX_MESSAGE_ENTITIES = 100;

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
// eslint-disable-next-line no-control-regex -- feed text with control characters is exactly what we clean here
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;

/** A word boundary this far into the budget is where a long text is cut; nearer the start, mid-word. */
const WORD_CUT_SHARE = 0.7;

/** Feed text as one clean line: whitespace collapsed, controls and broken surrogates gone, at most `max` characters. */
export function cleanText(text: string, max: number): string {
  const chars = [...text.replace(LONE_SURROGATE, '\uFFFD').replace(CONTROL, '').replace(/\s+/g, ' ').trim()];
  if (chars.length <= max) return chars.join('');
  // Cut at the last word boundary when one is near the end, so a reader never sees half a word before the "…".
  const cut = chars.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  const kept = space >= Math.floor(cut.length * WORD_CUT_SHARE) ? cut.slice(0, space) : cut;
  return `${kept.join('').trimEnd()}…`;
}

/** An http(s) URL safe to put in an href, or undefined. */
export function safeUrl(url: string, maxLength = 2048): string | undefined {
  try {
    const parsed = new URL(url.trim());
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return undefined;
    return parsed.href.length <= maxLength ? parsed.href : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Telegram HTML built together with the text Telegram will see after parsing it, so length and entity counts are
 * exact without a parser. Every piece of text goes through escapeHtml; only this class writes tags.
 */
export class HtmlBlock {
  html = '';
  text = '';
  entities = 0;

  plain(value: string): this {
    this.html += escapeHtml(value);
    this.text += value;
    return this;
  }

  tag(name: 'b' | 'i', value: string): this {
    if (value === '') return this;
    this.html += `<${name}>${escapeHtml(value)}</${name}>`;
    this.text += value;
    this.entities += 1;
    return this;
  }

  link(url: string, value: string): this {
    if (value === '') return this;
    this.html += `<a href="${escapeHtml(url)}">${escapeHtml(value)}</a>`;
    this.text += value;
    this.entities += 1;
    return this;
  }
}

/** Turns our own HTML back into the text Telegram would show, for the plain-text fallback. */
export function htmlToPlain(html: string): string {
  return html
    .replace(/<[^>]*>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&');
}
