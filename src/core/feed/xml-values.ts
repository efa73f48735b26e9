import type { XmlRecord } from './parse-xml.js';

/**
 * Readers for xml2js values: an element is a string, `{ _: text, $: attributes, child: [...] }`, or an array of
 * those (every child is an array). Each reads a bounded amount and never recurses, whatever the nesting.
 */

/** Trimmed text of a value (a string, `{ _: text }`, or the first of an array), at most `max` characters. */
export function textOf(value: unknown, max: number): string | undefined {
  let current = value;
  for (let depth = 0; depth < 4 && Array.isArray(current); depth += 1) current = current[0];
  if (current && typeof current === 'object' && '_' in current) current = (current as XmlRecord)._;
  if (typeof current !== 'string') return undefined;
  return current.slice(0, max).trim() || undefined;
}

export function attrsOf(value: unknown): Record<string, string> {
  if (value && typeof value === 'object' && '$' in value && value.$ && typeof value.$ === 'object') {
    return value.$ as Record<string, string>;
  }
  return {};
}

export function listOf(value: unknown): unknown[] {
  return Array.isArray(value) ? value : value === undefined ? [] : [value];
}

interface Frame {
  name?: string;
  node: unknown;
}

/**
 * Markup of a field as HTML text, at most `max` characters: the text of a plain element, or for inline XHTML
 * (`<content type="xhtml">`, unescaped HTML in a description) its children serialised back, text escaped.
 * xml2js loses the order of text and children inside one element; text comes first, which is good enough for a
 * summary. An explicit stack, so a million nested elements cannot overflow the call stack.
 */
export function markupOf(value: unknown, max: number): string | undefined {
  const root: unknown = Array.isArray(value) ? value[0] : value;
  if (!root || typeof root !== 'object' || !Object.keys(root).some((key) => key !== '$' && key !== '_')) {
    return textOf(root, max);
  }
  const out: string[] = [];
  let length = 0;
  const stack: (string | Frame)[] = [{ node: root }];
  while (stack.length > 0 && length < max) {
    const top = stack.pop() as string | Frame;
    if (typeof top === 'string') {
      out.push(top);
      length += top.length;
      continue;
    }
    const { name, node } = top;
    if (typeof node === 'string') {
      stack.push(escapeText(node));
      continue;
    }
    if (!node || typeof node !== 'object') continue;
    const record = node as XmlRecord;
    const later: (string | Frame)[] = [];
    if (name) later.push(`<${name}${attributesHtml(attrsOf(record))}>`);
    if (typeof record._ === 'string') later.push(escapeText(record._));
    for (const [key, child] of Object.entries(record)) {
      if (key === '$' || key === '_') continue;
      for (const each of listOf(child)) later.push({ name: key, node: each });
    }
    if (name) later.push(`</${name}>`);
    for (let i = later.length - 1; i >= 0; i -= 1) stack.push(later[i] as string | Frame);
  }
  const html = out.join('').slice(0, max).trim();
  return html || undefined;
}

function escapeText(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}

function attributesHtml(attrs: Record<string, string>): string {
  let html = '';
  for (const [key, value] of Object.entries(attrs)) {
    html += ` ${key}="${String(value).replaceAll('&', '&amp;').replaceAll('"', '&quot;')}"`;
  }
  return html;
}
