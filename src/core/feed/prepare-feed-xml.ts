import { decodeHTMLStrict } from 'entities';
import { yieldToEventLoop } from './yield-to-event-loop.js';

const XML_ENTITIES = new Set(['amp', 'lt', 'gt', 'quot', 'apos']);
// Each starts only at `&` and has one quantifier over a class that cannot contain `&`, so a match attempt never
// scans past the next `&`: linear over the whole text.
const NAMED_ENTITY = /&([A-Za-z][A-Za-z0-9]*);/g;
const BARE_AMPERSAND = /&(?!(?:[A-Za-z][A-Za-z0-9]*|#\d+|#x[0-9A-Fa-f]+);)/g;

/**
 * Makes real-world feed text acceptable to a strict XML parser: drops a BOM and anything before the first `<`,
 * turns HTML named entities (`&laquo;`, `&nbsp;`, which XML does not define) into numeric references, and escapes
 * bare `&` (as in unescaped query strings). Unknown entity names are kept as visible text.
 */
export async function prepareFeedXml(xml: string): Promise<string> {
  const start = xml.indexOf('<');
  const body = start === -1 ? '' : xml.slice(start);
  const parts: string[] = [];
  let from = 0;
  // CDATA sections and comments are copied verbatim; entity repair applies to everything between them. Found with
  // indexOf, not a lazy regex: an unclosed `<![CDATA[` repeated 100,000 times made the regex quadratic.
  while (from < body.length) {
    const cdata = body.indexOf('<![CDATA[', from);
    const comment = body.indexOf('<!--', from);
    const open = cdata === -1 ? comment : comment === -1 ? cdata : Math.min(cdata, comment);
    if (open === -1) break;
    const closer = open === cdata ? ']]>' : '-->';
    const close = body.indexOf(closer, open + 4);
    await repairInSlices(wrapMarkupInText(body.slice(from, open)), parts);
    const end = close === -1 ? body.length : close + closer.length;
    parts.push(body.slice(open, end));
    from = end;
  }
  await repairInSlices(wrapMarkupInText(body.slice(from)), parts);
  return parts.join('');
}

// Text elements that outlets fill with raw HTML (`<title><b>Гусев</b>: Подаренный…</title>`, ukranews). Left as
// XML, xml2js would keep the text and the child elements apart and lose their order.
const TEXT_ELEMENTS = ['title', 'description', 'summary', 'content'];

/**
 * Wraps the content of a text element that holds markup in CDATA, so it reaches the cleaner as the HTML it is, in
 * order. Found with indexOf, one pass per element name; only wrapped elements copy text.
 */
export function wrapMarkupInText(segment: string): string {
  let text = segment;
  for (const name of TEXT_ELEMENTS) {
    if (!text.includes(`<${name}`)) continue;
    const out: string[] = [];
    let from = 0;
    // Only a wrapped element copies text; the common case (plain text) is a search and nothing else.
    for (let open = text.indexOf(`<${name}`); open !== -1;) {
      const openEnd = text.indexOf('>', open);
      const close = openEnd === -1 ? -1 : text.indexOf(`</${name}>`, openEnd);
      if (close === -1) break;
      const proper = /[\s>]/.test(text.charAt(open + name.length + 1)) && text.charAt(openEnd - 1) !== '/';
      // A segment never holds CDATA (it is cut at CDATA sections), so any `<` before the end tag is markup.
      if (proper && text.indexOf('<', openEnd + 1) < close) {
        const inner = text.slice(openEnd + 1, close);
        out.push(text.slice(from, openEnd + 1), `<![CDATA[${inner.replaceAll(']]>', ']]&gt;')}]]>`);
        from = close;
      }
      open = text.indexOf(`<${name}`, proper ? close : open + 1);
    }
    out.push(text.slice(from));
    text = out.join('');
  }
  return text;
}

/** Characters repaired between two yields to the event loop (about 5 ms of work at worst). */
const SLICE_CHARS = 65_536;

/**
 * Repairs `text` in slices, each cut just before an `&`: every pattern here starts at `&` and stops
 * before the next one, so no entity is split. An entity name longer than a slice is split, and escaped as the
 * bare `&` it is.
 */
async function repairInSlices(text: string, parts: string[]): Promise<void> {
  const to = text.length;
  let start = 0;
  while (start < to) {
    let end = Math.min(to, start + SLICE_CHARS);
    if (end < to) {
      const amp = text.lastIndexOf('&', end);
      if (amp > start) end = amp;
    }
    parts.push(repairEntities(text.slice(start, end)));
    start = end;
    if (start < to) await yieldToEventLoop();
  }
}

function repairEntities(text: string): string {
  return text.replace(BARE_AMPERSAND, '&amp;').replace(NAMED_ENTITY, (whole, name: string) => {
    if (XML_ENTITIES.has(name)) return whole;
    const decoded = decodeHTMLStrict(whole);
    // A real entity decodes to one or two code points; anything else is not an entity at all.
    const codePoints = [...decoded];
    if (decoded === whole || codePoints.length > 2) return `&amp;${name};`;
    return codePoints.map((char) => `&#${char.codePointAt(0)};`).join('');
  });
}

export type FeedRoot = 'rss' | 'rdf' | 'atom' | 'html' | 'other' | 'none';

const ROOT_ELEMENT = /^<([A-Za-z_][\w:.-]*)/;
// Anchored, tried once per step. `[^>[]*` and the bracket group cannot overlap (the old `[^>[]*\s*>` could:
// `<!DOCTYPE` and a megabyte of spaces backtracked quadratically).
const SKIPPABLE = /^(?:\s+|<\?[\s\S]*?\?>|<!--[\s\S]*?-->|<!DOCTYPE[^>[]*(?:\[[^\]]*\]\s*)?>)/i;
/** The root element is looked for in this much of the document; a feed has it in the first few hundred bytes. */
const ROOT_WINDOW_CHARS = 65_536;

/** What the document's root element says it is, read before parsing so an HTML page is named as such. */
export function feedRootOf(xml: string): FeedRoot {
  let rest = xml.slice(0, ROOT_WINDOW_CHARS);
  for (let match = SKIPPABLE.exec(rest); match; match = SKIPPABLE.exec(rest)) {
    if (/^<!DOCTYPE\s+html\b/i.test(match[0])) return 'html';
    rest = rest.slice(match[0].length);
  }
  const name = ROOT_ELEMENT.exec(rest)?.[1];
  if (!name) return 'none';
  if (name === 'rss') return 'rss';
  if (name === 'feed') return 'atom';
  if (name === 'rdf:RDF') return 'rdf';
  if (name.toLowerCase() === 'html') return 'html';
  return 'other';
}
