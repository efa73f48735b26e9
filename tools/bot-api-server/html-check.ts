import type { MessageEntity } from 'grammy/types';
import { ApiFailure } from './api-failure.js';

export interface ParsedText {
  text: string;
  entities: MessageEntity[];
}

interface OpenTag {
  name: string;
  offset: number;
  entity: MessageEntity | undefined;
}

const SIMPLE: Record<string, MessageEntity['type']> = {
  b: 'bold',
  strong: 'bold',
  i: 'italic',
  em: 'italic',
  u: 'underline',
  ins: 'underline',
  s: 'strikethrough',
  strike: 'strikethrough',
  del: 'strikethrough',
  'tg-spoiler': 'spoiler',
  code: 'code',
};

const NAMED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"' };

const fail = (what: string): never => {
  throw new ApiFailure(400, `Bad Request: can't parse entities: ${what}`);
};

const byteOffset = (html: string, index: number): number => Buffer.byteLength(html.slice(0, index), 'utf8');

/** Decodes the four named entities Telegram knows plus numeric ones; anything else stays literal, as Telegram does. */
export function decodeEntities(raw: string): string {
  return raw.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (whole, body: string) => {
    if (body.startsWith('#x') || body.startsWith('#X'))
      return safeCodePoint(parseInt(body.slice(2), 16), whole);
    if (body.startsWith('#')) return safeCodePoint(parseInt(body.slice(1), 10), whole);
    return NAMED[body.toLowerCase()] ?? whole;
  });
}

const safeCodePoint = (cp: number, whole: string): string =>
  Number.isFinite(cp) && cp > 0 && cp <= 0x10ffff ? String.fromCodePoint(cp) : whole;

function parseAttributes(html: string, raw: string, at: number): Record<string, string> {
  const attrs: Record<string, string> = {};
  const re = /\s*([a-z-]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+)))?/giy;
  let pos = 0;
  while (pos < raw.length) {
    re.lastIndex = pos;
    const m = re.exec(raw);
    if (!m || m[0].length === 0) {
      if (raw.slice(pos).trim() === '' || raw.slice(pos).trim() === '/') break;
      fail(
        `Expected equal sign in declaration of an attribute of a start tag at byte offset ${byteOffset(html, at)}`,
      );
      return attrs;
    }
    const name = (m[1] ?? '').toLowerCase();
    attrs[name] = decodeEntities(m[2] ?? m[3] ?? m[4] ?? '');
    pos = re.lastIndex;
  }
  return attrs;
}

function entityFor(
  name: string,
  attrs: Record<string, string>,
  html: string,
  at: number,
): MessageEntity | undefined {
  const simple = SIMPLE[name];
  if (simple) return { type: simple, offset: 0, length: 0 } as MessageEntity;
  switch (name) {
    case 'a':
      return attrs.href ? { type: 'text_link', offset: 0, length: 0, url: attrs.href } : undefined;
    case 'pre':
      return { type: 'pre', offset: 0, length: 0 };
    case 'blockquote':
      return { type: 'expandable' in attrs ? 'expandable_blockquote' : 'blockquote', offset: 0, length: 0 };
    case 'span':
      if (attrs.class !== 'tg-spoiler')
        fail(`Tag "span" must have class "tg-spoiler" at byte offset ${byteOffset(html, at)}`);
      return { type: 'spoiler', offset: 0, length: 0 };
    case 'tg-emoji':
      if (!attrs['emoji-id'])
        fail(`Custom emoji identifier must be specified at byte offset ${byteOffset(html, at)}`);
      return { type: 'custom_emoji', offset: 0, length: 0, custom_emoji_id: attrs['emoji-id'] ?? '' };
    default:
      return fail(`Unsupported start tag "${name}" at byte offset ${byteOffset(html, at)}`);
  }
}

/**
 * Parses Telegram's HTML subset the way the Bot API does, closely enough to reject what it would reject:
 * unknown tags, unbalanced tags and stray `<`. Offsets are UTF-16 units, as in the API.
 */
export function parseTelegramHtml(html: string): ParsedText {
  let out = '';
  const entities: MessageEntity[] = [];
  const stack: OpenTag[] = [];
  let i = 0;
  while (i < html.length) {
    const lt = html.indexOf('<', i);
    const chunkEnd = lt === -1 ? html.length : lt;
    if (chunkEnd > i) out += decodeEntities(html.slice(i, chunkEnd));
    if (lt === -1) break;
    const gt = html.indexOf('>', lt);
    if (gt === -1) fail(`Can't find end of the tag at byte offset ${byteOffset(html, lt)}`);
    const inner = html.slice(lt + 1, gt);
    if (inner.startsWith('/')) {
      const name = inner.slice(1).trim().toLowerCase();
      const open = stack.pop();
      if (!open) fail(`Unexpected end tag at byte offset ${byteOffset(html, lt)}`);
      else if (open.name !== name) {
        fail(`Can't find end tag corresponding to start tag "${open.name}"`);
      } else if (open.entity && out.length > open.offset) {
        open.entity.offset = open.offset;
        open.entity.length = out.length - open.offset;
        entities.push(open.entity);
      }
    } else {
      const m = /^([a-z][a-z0-9-]*)([\s\S]*)$/i.exec(inner);
      if (!m) fail(`Unsupported start tag "${inner}" at byte offset ${byteOffset(html, lt)}`);
      const name = (m?.[1] ?? '').toLowerCase();
      const attrs = parseAttributes(html, m?.[2] ?? '', lt);
      let entity = entityFor(name, attrs, html, lt);
      const pre = stack[stack.length - 1];
      if (name === 'code' && pre?.name === 'pre' && pre.entity?.type === 'pre') {
        // <pre><code class="language-x"> is one pre entity carrying the language, not pre + code.
        if (attrs.class?.startsWith('language-')) pre.entity.language = attrs.class.slice(9);
        entity = undefined;
      }
      stack.push({ name, offset: out.length, entity });
    }
    i = gt + 1;
  }
  const unclosed = stack.pop();
  if (unclosed) fail(`Can't find end tag corresponding to start tag "${unclosed.name}"`);
  // Telegram lists entities by start offset, outer before inner.
  entities.sort((a, b) => a.offset - b.offset || b.length - a.length);
  return { text: out, entities };
}
