import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { OpmlError } from '../../errors/opml-error.js';
import { formatDuration } from '../feed/duration.js';
import type { FeedDefinition, FeedLang } from '../types.js';

/** One feed listed in an OPML document. */
export interface OpmlFeed {
  url: string;
  title?: string;
  lang?: FeedLang;
}

export interface OpmlReading {
  feeds: OpmlFeed[];
  /** Outlines that named a feed we cannot use, with the reason. */
  invalid: { url: string; reason: string }[];
}

/** More than this is almost certainly not a curated news list; refuse rather than poll hundreds of feeds. */
export const MAX_OPML_FEEDS = 500;

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '',
  isArray: (name) => name === 'outline',
  // Entities in titles are decoded; DOCTYPE entity declarations are not expanded.
  processEntities: true,
});

type Outline = Record<string, unknown> & { outline?: Outline[] };

function langOf(value: unknown): FeedLang | undefined {
  if (typeof value !== 'string') return undefined;
  const lang = value.trim().toLowerCase().slice(0, 2);
  if (lang === 'uk' || lang === 'ua') return 'uk';
  if (lang === 'ru') return 'ru';
  return undefined;
}

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

function collect(outlines: Outline[] | undefined, into: Outline[]): void {
  for (const outline of outlines ?? []) {
    if (typeof outline.xmlUrl === 'string') into.push(outline);
    collect(outline.outline, into);
  }
}

/** Reads the feed outlines (nested folders included) of an OPML 1.0/2.0 document. Duplicate URLs are listed once. */
export function parseOpml(text: string): OpmlReading {
  if (XMLValidator.validate(text) !== true)
    throw new OpmlError('MALFORMED_XML', 'the file is not well-formed XML');
  const doc = parser.parse(text) as { opml?: { body?: { outline?: Outline[] } } };
  if (!doc.opml || typeof doc.opml !== 'object')
    throw new OpmlError('NOT_OPML', 'the file has no <opml> root');
  const outlines: Outline[] = [];
  collect(doc.opml.body?.outline, outlines);
  if (outlines.length > MAX_OPML_FEEDS) {
    throw new OpmlError(
      'TOO_MANY',
      `the file lists ${outlines.length} feeds; at most ${MAX_OPML_FEEDS} at once`,
    );
  }
  const reading: OpmlReading = { feeds: [], invalid: [] };
  const seen = new Set<string>();
  for (const outline of outlines) {
    const url = String(outline.xmlUrl).trim();
    if (!isHttpUrl(url)) {
      reading.invalid.push({ url, reason: 'not an http(s) URL' });
      continue;
    }
    if (seen.has(url)) continue;
    seen.add(url);
    const title = [outline.title, outline.text].find((value) => typeof value === 'string' && value.trim());
    const lang = langOf(outline.language) ?? langOf(outline.lang);
    reading.feeds.push({
      url,
      ...(typeof title === 'string' ? { title: title.trim().slice(0, 80) } : {}),
      ...(lang ? { lang } : {}),
    });
  }
  return reading;
}

function escapeXml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

/** OPML 2.0 with one outline per feed; `language` and `interval` round-trip through our own import. */
export function buildOpml(feeds: readonly FeedDefinition[], title: string, now: number): string {
  const lines = feeds.map((feed) => {
    const attrs = [
      `type="rss"`,
      `text="${escapeXml(feed.name)}"`,
      `title="${escapeXml(feed.name)}"`,
      `xmlUrl="${escapeXml(feed.url)}"`,
      ...(feed.lang === 'auto' ? [] : [`language="${feed.lang}"`]),
      `interval="${formatDuration(feed.intervalMs)}"`,
    ];
    return `    <outline ${attrs.join(' ')}/>`;
  });
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<opml version="2.0">',
    '  <head>',
    `    <title>${escapeXml(title)}</title>`,
    `    <dateCreated>${new Date(now).toUTCString()}</dateCreated>`,
    '  </head>',
    '  <body>',
    ...lines,
    '  </body>',
    '</opml>',
    '',
  ].join('\n');
}
