import { decodeHTMLStrict } from 'entities';

const XML_ENTITIES = new Set(['amp', 'lt', 'gt', 'quot', 'apos']);
// CDATA sections and comments are copied verbatim; entity repair applies to everything between them.
const VERBATIM = /(<!\[CDATA\[[\s\S]*?\]\]>|<!--[\s\S]*?-->)/;
const NAMED_ENTITY = /&([A-Za-z][A-Za-z0-9]*);/g;
const BARE_AMPERSAND = /&(?!(?:[A-Za-z][A-Za-z0-9]*|#\d+|#x[0-9A-Fa-f]+);)/g;

/**
 * Makes real-world feed text acceptable to a strict XML parser: drops a BOM and anything before the first `<`,
 * turns HTML named entities (`&laquo;`, `&nbsp;`, which XML does not define) into numeric references, and escapes
 * bare `&` (as in unescaped query strings). Unknown entity names are kept as visible text.
 */
export function prepareFeedXml(xml: string): string {
  const start = xml.indexOf('<');
  const body = start === -1 ? '' : xml.slice(start);
  return body
    .split(VERBATIM)
    .map((part, index) => (index % 2 === 1 ? part : repairEntities(part)))
    .join('');
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
const SKIPPABLE = /^(?:\s+|<\?[\s\S]*?\?>|<!--[\s\S]*?-->|<!DOCTYPE[^>[]*(?:\[[\s\S]*?\])?\s*>)/i;

/** What the document's root element says it is, read before parsing so an HTML page is named as such. */
export function feedRootOf(xml: string): FeedRoot {
  let rest = xml;
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
