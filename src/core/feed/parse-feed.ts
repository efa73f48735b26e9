import { decodeHTMLAttribute } from 'entities';
import Parser from 'rss-parser';
import { FeedParseError } from '../../errors/feed-parse-error.js';
import { htmlToText } from '../text/html-to-text.js';
import type { ParsedFeed, RawFeedItem } from '../types.js';
import { feedRootOf, prepareFeedXml } from './prepare-feed-xml.js';

type XmlRecord = Record<string, unknown>;
type ItemBuilder = (this: unknown, entry: XmlRecord, ...rest: unknown[]) => XmlRecord;

// Fields rss-parser does not map (or maps lossily) are copied raw under `nd*` names and read below.
const CUSTOM_ITEM_FIELDS: [string, string, { keepArray: boolean }][] = [
  ['link', 'ndLinks', { keepArray: true }],
  ['category', 'ndCategories', { keepArray: true }],
  ['dc:subject', 'ndSubjects', { keepArray: true }],
  ['enclosure', 'ndEnclosures', { keepArray: true }],
  ['media:content', 'ndMediaContent', { keepArray: true }],
  ['media:thumbnail', 'ndMediaThumbnail', { keepArray: true }],
  ['media:group', 'ndMediaGroup', { keepArray: true }],
  ['yandex:full-text', 'ndFullText', { keepArray: true }],
  ['published', 'ndPublished', { keepArray: true }],
  ['updated', 'ndUpdated', { keepArray: true }],
];

/** A description shorter than this ("Читати далі") loses to the full content. */
const MIN_USEFUL_DESCRIPTION = 30;
const IMAGE_EXTENSION = /\.(?:jpe?g|png|webp|gif|avif)(?:$|[?#])/i;
const IMG_SRC = /<img\b[^>]*?\bsrc\s*=\s*["']?([^"'\s>]+)/i;

/**
 * Parses RSS 0.9x/1.0/2.0 or Atom text into raw items. Tolerates what Ukrainian feeds really send (junk before
 * the root, HTML entities, default namespaces, padded CDATA). Rejects only with a FeedParseError.
 */
export async function parseFeed(xml: string): Promise<ParsedFeed> {
  const text = xml.replace(/^\uFEFF/, '');
  if (text.trim() === '') throw new FeedParseError('EMPTY', 'feed body is empty');
  const prepared = prepareFeedXml(text);
  const root = feedRootOf(prepared);
  if (root === 'html' || root === 'other' || root === 'none') {
    throw new FeedParseError('NOT_A_FEED', `document is not RSS or Atom (root: ${root})`);
  }
  let output: XmlRecord;
  try {
    output = (await createParser().parseString(prepared)) as unknown as XmlRecord;
  } catch (error) {
    throw new FeedParseError('MALFORMED_XML', 'feed XML could not be parsed', { cause: error });
  }
  const rawItems = Array.isArray(output.items) ? (output.items as XmlRecord[]) : [];
  const format = root === 'atom' ? 'atom' : 'rss';
  const parsed: ParsedFeed = { format, items: rawItems.map((item) => toRawItem(item, format)) };
  const title = textOf(output.title);
  if (title) parsed.title = title;
  return parsed;
}

function createParser(): Parser {
  // A fresh parser per call: xml2js parsers keep listeners and state between parses.
  const parser = new Parser({ defaultRSS: 2, customFields: { item: CUSTOM_ITEM_FIELDS } });
  const builders = parser as unknown as Record<string, ItemBuilder | undefined>;
  for (const name of ['parseItemAtom', 'parseItemRss']) {
    const original = builders[name];
    if (!original) continue;
    builders[name] = function (entry, ...rest) {
      try {
        return original.call(this, entry, ...rest);
      } catch {
        // rss-parser throws on an unparseable Atom date or an attribute-less Atom <link>; without this guard one
        // bad entry would lose the whole feed. The raw values are still handed on for our own tolerant reading.
        const { published, updated, link, ...safe } = entry;
        try {
          return {
            ...original.call(this, safe, ...rest),
            ndPublished: published,
            ndUpdated: updated,
            ndLinks: link,
          };
        } catch {
          return {};
        }
      }
    };
  }
  return parser;
}

function toRawItem(item: XmlRecord, format: ParsedFeed['format']): RawFeedItem {
  const raw: RawFeedItem = { categories: categoriesOf(item) };
  const title = textOf(item.title);
  const link = linkOf(item);
  const guid = textOf(format === 'atom' ? item.id : item.guid) ?? textOf(item['rdf:about']);
  const summary = summaryOf(item, format);
  const published =
    textOf(item.ndPublished) ??
    textOf(item.pubDate) ??
    textOf(item['dc:date']) ??
    textOf(item.ndUpdated) ??
    textOf(item.isoDate);
  const imageUrl = imageOf(item);
  if (title) raw.title = title;
  if (link) raw.link = link;
  if (guid) raw.guid = guid;
  if (summary) raw.summary = summary;
  if (published) raw.published = published;
  if (imageUrl) raw.imageUrl = imageUrl;
  return raw;
}

/** Trimmed text of an xml2js value: a string, `{ _: text }`, or the first of an array of those. */
function textOf(value: unknown): string | undefined {
  if (Array.isArray(value)) return textOf(value[0]);
  if (typeof value === 'string') return value.trim() || undefined;
  if (value && typeof value === 'object' && '_' in value) return textOf(value._);
  return undefined;
}

function attrsOf(value: unknown): Record<string, string> {
  if (value && typeof value === 'object' && '$' in value && value.$ && typeof value.$ === 'object') {
    return value.$ as Record<string, string>;
  }
  return {};
}

function listOf(value: unknown): unknown[] {
  return Array.isArray(value) ? value : value === undefined ? [] : [value];
}

function linkOf(item: XmlRecord): string | undefined {
  const links = listOf(item.ndLinks);
  const atomLinks = links.filter((link) => attrsOf(link).href);
  const alternate =
    atomLinks.find((link) => (attrsOf(link).rel ?? 'alternate') === 'alternate') ??
    atomLinks.find((link) => !['self', 'enclosure', 'edit', 'replies'].includes(attrsOf(link).rel ?? ''));
  if (alternate) return attrsOf(alternate).href?.trim() || undefined;
  for (const link of links) {
    const text = textOf(link);
    if (text) return text;
  }
  return textOf(item.link);
}

function summaryOf(item: XmlRecord, format: ParsedFeed['format']): string | undefined {
  // rss-parser puts an RSS <description> in `content`; in Atom `content` is the full text and `summary` the lead.
  const descriptions = format === 'atom' ? [item.summary] : [item.content, item.summary];
  const fullTexts = [item['content:encoded'], format === 'atom' ? item.content : undefined, item.ndFullText];
  const present = (values: unknown[]) => values.map(textOf).filter((text): text is string => !!text);
  const description = present(descriptions);
  const useful = description.find((text) => htmlToText(text).length >= MIN_USEFUL_DESCRIPTION);
  return useful ?? present(fullTexts).find((text) => htmlToText(text) !== '') ?? description[0];
}

function categoriesOf(item: XmlRecord): string[] {
  const names: string[] = [];
  for (const category of [...listOf(item.ndCategories), ...listOf(item.ndSubjects)]) {
    const attrs = attrsOf(category);
    const name = textOf(category) ?? attrs.term?.trim() ?? attrs.label?.trim();
    if (name) names.push(name);
  }
  return names;
}

function imageOf(item: XmlRecord): string | undefined {
  const isImage = (url: string | undefined, type: string | undefined, medium?: string) =>
    !!url &&
    (type?.startsWith('image/') ||
      medium === 'image' ||
      (!/^(?:audio|video)\//.test(type ?? '') && medium !== 'video' && IMAGE_EXTENSION.test(url)));
  for (const enclosure of listOf(item.ndEnclosures)) {
    const { url, type } = attrsOf(enclosure);
    if (isImage(url, type)) return url?.trim();
  }
  const groups = listOf(item.ndMediaGroup).flatMap((group) =>
    group && typeof group === 'object' ? listOf((group as XmlRecord)['media:content']) : [],
  );
  for (const media of [...listOf(item.ndMediaContent), ...groups]) {
    const { url, type, medium } = attrsOf(media);
    if (isImage(url, type, medium)) return url?.trim();
  }
  for (const thumbnail of listOf(item.ndMediaThumbnail)) {
    const url = attrsOf(thumbnail).url?.trim();
    if (url) return url;
  }
  for (const link of listOf(item.ndLinks)) {
    const { rel, type, href } = attrsOf(link);
    if (rel === 'enclosure' && isImage(href, type)) return href?.trim();
  }
  for (const html of [item['content:encoded'], item.content, item.summary]) {
    const src = IMG_SRC.exec(textOf(html) ?? '')?.[1];
    if (src) return decodeHTMLAttribute(src);
  }
  return undefined;
}
