import { FeedParseError } from '../../errors/feed-parse-error.js';
import { firstImageSrc } from '../text/first-image-src.js';
import { htmlToText } from '../text/html-to-text.js';
import type { ParsedFeed, RawFeedItem } from '../types.js';
import { FEED_CAPS } from './feed-caps.js';
import { parseXml, XmlTooDeepError, type XmlRecord } from './parse-xml.js';
import { feedRootOf, prepareFeedXml } from './prepare-feed-xml.js';
import { selectNewestItems } from './select-newest-items.js';
import { yieldToEventLoop } from './yield-to-event-loop.js';
import { attrsOf, listOf, markupOf, textOf } from './xml-values.js';

/** A description shorter than this ("Читати далі") loses to the full content. */
const MIN_USEFUL_DESCRIPTION = 30;
/** Raw characters looked at to decide whether a field has text, or to find its first image: both come early. */
const PROBE_CHARS = 4_000;
const IMAGE_EXTENSION = /\.(?:jpe?g|png|webp|gif|avif)(?:$|[?#])/i;
/** Items turned into raw items between two yields to the event loop. */
const ITEMS_PER_SLICE = 50;
const { rawTitleChars, rawSummaryChars, rawShortChars, urlChars } = FEED_CAPS;

/**
 * Parses RSS 0.9x/1.0/2.0 or Atom text into raw items: at most the 300 newest, each field capped. Tolerates what
 * Ukrainian feeds really send (junk before the root, HTML entities, default namespaces, padded CDATA, inline
 * XHTML). Linear in the input and yields to the event loop between slices. Rejects only with a FeedParseError.
 */
export async function parseFeed(xml: string): Promise<ParsedFeed> {
  const text = xml.charCodeAt(0) === 0xfeff ? xml.slice(1) : xml;
  // A search for the first non-space, not trim(): trim copies a 5 MB body.
  if (!/\S/.test(text)) throw new FeedParseError('EMPTY', 'feed body is empty');
  const prepared = await prepareFeedXml(text);
  const root = feedRootOf(prepared);
  if (root === 'html' || root === 'other' || root === 'none') {
    throw new FeedParseError('NOT_A_FEED', `document is not RSS or Atom (root: ${root})`);
  }
  await yieldToEventLoop();
  let doc: XmlRecord | null;
  try {
    doc = await parseXml(prepared);
  } catch (error) {
    if (error instanceof XmlTooDeepError)
      throw new FeedParseError('TOO_DEEP', error.message, { cause: error });
    throw new FeedParseError('MALFORMED_XML', 'feed XML could not be parsed', { cause: error });
  }
  const located = doc ? locate(doc) : undefined;
  if (!located) throw new FeedParseError('MALFORMED_XML', 'feed XML has no channel or feed element');
  const format = root === 'atom' ? 'atom' : 'rss';
  const entries = located.entries.filter((entry): entry is XmlRecord => !!entry && typeof entry === 'object');
  const newest = await selectNewestItems(entries, (entry) => dateOf(entry, format), FEED_CAPS.itemsPerPoll);
  const items: RawFeedItem[] = [];
  for (const entry of newest) {
    if (items.length > 0 && items.length % ITEMS_PER_SLICE === 0) await yieldToEventLoop();
    items.push(toRawItem(entry, format));
  }
  const parsed: ParsedFeed = { format, items };
  const title = textOf(located.head.title, rawTitleChars);
  if (title) parsed.title = htmlToText(title).slice(0, FEED_CAPS.titleChars);
  if (entries.length > newest.length) parsed.truncatedFrom = entries.length;
  return parsed;
}

/** The channel (or Atom feed) element and its item elements, whatever the dialect. */
function locate(doc: XmlRecord): { head: XmlRecord; entries: unknown[] } | undefined {
  const record = (value: unknown): XmlRecord | undefined =>
    value && typeof value === 'object' && !Array.isArray(value) ? (value as XmlRecord) : undefined;
  const atom = record(doc.feed);
  if (atom) return { head: atom, entries: listOf(atom.entry) };
  const rdf = record(doc['rdf:RDF']);
  if (rdf) {
    const channel = record(listOf(rdf.channel)[0]) ?? {};
    return { head: channel, entries: listOf(rdf.item ?? channel.item) };
  }
  const rss = record(doc.rss);
  const channel = rss && record(listOf(rss.channel)[0]);
  if (channel) return { head: channel, entries: listOf(channel.item ?? rss.item) };
  return undefined;
}

function dateOf(entry: XmlRecord, format: ParsedFeed['format']): string | undefined {
  const fields =
    format === 'atom'
      ? [entry.published, entry.updated, entry.issued, entry.modified]
      : [entry.published, entry.pubDate, entry['dc:date'], entry.updated];
  for (const field of fields) {
    const value = textOf(field, rawShortChars);
    if (value) return value;
  }
  return undefined;
}

function toRawItem(item: XmlRecord, format: ParsedFeed['format']): RawFeedItem {
  const raw: RawFeedItem = { categories: categoriesOf(item) };
  const title = markupOf(item.title, rawTitleChars);
  const link = linkOf(item);
  const guid =
    capUrl(textOf(format === 'atom' ? item.id : item.guid, urlChars + 1)) ??
    capUrl(attrsOf(item)['rdf:about']?.trim());
  const summary = summaryOf(item, format);
  const published = dateOf(item, format);
  const imageUrl = imageOf(item);
  if (title) raw.title = title;
  if (link) raw.link = link;
  if (guid) raw.guid = guid;
  if (summary) raw.summary = summary;
  if (published) raw.published = published;
  if (imageUrl) raw.imageUrl = imageUrl;
  return raw;
}

/** A URL longer than the cap is dropped, not cut: a cut URL points somewhere else. */
function capUrl(url: string | undefined): string | undefined {
  return url && url.length <= urlChars ? url : undefined;
}

function linkOf(item: XmlRecord): string | undefined {
  const links = listOf(item.link);
  const atomLinks = links.filter((link) => attrsOf(link).href);
  const alternate =
    atomLinks.find((link) => (attrsOf(link).rel ?? 'alternate') === 'alternate') ??
    atomLinks.find((link) => !['self', 'enclosure', 'edit', 'replies'].includes(attrsOf(link).rel ?? ''));
  if (alternate) return capUrl(attrsOf(alternate).href?.trim());
  for (const link of links) {
    const text = capUrl(textOf(link, urlChars + 1));
    if (text) return text;
  }
  return undefined;
}

/**
 * The best field present: the description (Atom: summary) unless it is a stub, then `content:encoded` (Atom:
 * content), `yandex:full-text`, `media:description`; else whatever stub there was.
 */
function summaryOf(item: XmlRecord, format: ParsedFeed['format']): string | undefined {
  const description = markupOf(format === 'atom' ? item.summary : item.description, rawSummaryChars);
  const mediaGroup = listOf(item['media:group'])[0];
  const fuller = [
    format === 'atom' ? item.content : item['content:encoded'],
    item['yandex:full-text'],
    item['media:description'],
    mediaGroup && typeof mediaGroup === 'object' ? (mediaGroup as XmlRecord)['media:description'] : undefined,
  ];
  if (description && htmlToText(description, PROBE_CHARS).length >= MIN_USEFUL_DESCRIPTION)
    return description;
  for (const field of fuller) {
    const markup = markupOf(field, rawSummaryChars);
    if (markup && htmlToText(markup, PROBE_CHARS) !== '') return markup;
  }
  return description;
}

function categoriesOf(item: XmlRecord): string[] {
  const names: string[] = [];
  // Twice the cap: some repeat or clean to nothing, and normalising keeps at most 20.
  for (const category of [...listOf(item.category), ...listOf(item['dc:subject'])]) {
    if (names.length >= FEED_CAPS.categories * 2) break;
    const attrs = attrsOf(category);
    const name =
      textOf(category, rawShortChars) ??
      attrs.label?.slice(0, rawShortChars).trim() ??
      attrs.term?.slice(0, rawShortChars).trim();
    if (name) names.push(name);
  }
  return names;
}

function imageOf(item: XmlRecord): string | undefined {
  const isImage = (url: string | undefined, type: string | undefined, medium?: string) =>
    !!url &&
    url.length <= urlChars &&
    (type?.startsWith('image/') ||
      medium === 'image' ||
      (!/^(?:audio|video)\//.test(type ?? '') && medium !== 'video' && IMAGE_EXTENSION.test(url)));
  for (const enclosure of listOf(item.enclosure)) {
    const { url, type } = attrsOf(enclosure);
    if (isImage(url, type)) return url?.trim();
  }
  const groups = listOf(item['media:group']).flatMap((group) =>
    group && typeof group === 'object' ? listOf((group as XmlRecord)['media:content']) : [],
  );
  for (const media of [...listOf(item['media:content']), ...groups]) {
    const { url, type, medium } = attrsOf(media);
    if (isImage(url, type, medium)) return url?.trim();
  }
  for (const thumbnail of listOf(item['media:thumbnail'])) {
    const url = capUrl(attrsOf(thumbnail).url?.trim());
    if (url) return url;
  }
  for (const link of listOf(item.link)) {
    const { rel, type, href } = attrsOf(link);
    if (rel === 'enclosure' && isImage(href, type)) return href?.trim();
  }
  for (const field of [item['content:encoded'], item.content, item.description, item.summary]) {
    const src = capUrl(firstImageSrc(markupOf(field, PROBE_CHARS) ?? ''));
    if (src) return src;
  }
  return undefined;
}
