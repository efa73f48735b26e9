import { htmlToText } from '../text/html-to-text.js';
import { trimAtSentence } from '../text/trim-at-sentence.js';
import { truncateAtWord } from '../text/truncate-at-word.js';
import type { FeedDefinition, NormalisedStory, RawFeedItem } from '../types.js';
import { canonicalUrl } from './canonical-url.js';
import { FEED_CAPS } from './feed-caps.js';
import { parseFeedDate } from './parse-feed-date.js';
import { storyIdFor } from './story-id.js';
import { yieldToEventLoop } from './yield-to-event-loop.js';

export interface NormaliseContext {
  feed: FeedDefinition;
  fetchedAt: number;
}

export const SUMMARY_MAX_CHARS = FEED_CAPS.summaryChars;
export const TITLE_MAX_CHARS = FEED_CAPS.titleChars;
/** A title made from the summary, for items that have none, is cut to this. */
export const DERIVED_TITLE_MAX_CHARS = 120;

/**
 * Turns one raw feed item into a story, or undefined when it has nothing to show (no title and no summary text)
 * or nothing to identify it by (no link and no guid).
 */
export function normaliseItem(raw: RawFeedItem, ctx: NormaliseContext): NormalisedStory | undefined {
  const { feed, fetchedAt } = ctx;
  const url = absoluteHttpUrl(raw.link, feed.url) ?? absoluteHttpUrl(raw.guid, undefined) ?? '';
  const guid = raw.guid?.trim();
  const id = storyKey(url, guid, feed.id);
  if (!id) return undefined;

  // Raw fields are capped by the parser; the cleaned text is capped here, at a sentence or word boundary.
  const summaryText = htmlToText(raw.summary ?? '', FEED_CAPS.rawSummaryChars);
  const title =
    truncateAtWord(htmlToText(raw.title ?? '', FEED_CAPS.rawTitleChars), TITLE_MAX_CHARS) ||
    truncateAtWord(summaryText, DERIVED_TITLE_MAX_CHARS);
  if (!title) return undefined;
  // Many feeds repeat the title as the description; an identical summary adds nothing to a digest.
  const summary = summaryText === title ? '' : trimAtSentence(summaryText, SUMMARY_MAX_CHARS);

  const published = parseFeedDate(raw.published);
  const story: NormalisedStory = {
    id,
    feedId: feed.id,
    outlet: feed.name,
    url,
    title,
    summary,
    // A missing date means "new to us"; a future one is a wrong clock or a scheduled post, not news from ahead.
    publishedAt: published === undefined ? fetchedAt : Math.min(published, fetchedAt),
    fetchedAt,
    categories: cleanCategories(raw.categories),
    declaredLang: feed.lang,
    feedTopics: [...feed.topics],
  };
  const imageUrl = absoluteHttpUrl(raw.imageUrl, url || feed.url);
  if (imageUrl) story.imageUrl = imageUrl;
  if (feed.weight !== undefined && feed.weight !== 1) story.outletWeight = feed.weight;
  return story;
}

/** Normalises a feed document's items, keeping the first of any that share an id (repeated guids or links). */
export function normaliseFeedItems(items: readonly RawFeedItem[], ctx: NormaliseContext): NormalisedStory[] {
  const keep = firstOfEachId();
  return items.map((item) => normaliseItem(item, ctx)).filter(keep);
}

/** Items cleaned between two yields to the event loop: 20 items of 20,000 characters of markup take ~15 ms. */
const ITEMS_PER_SLICE = 20;

/** normaliseFeedItems with a yield to the event loop every few items, for the poller. */
export async function normaliseFeedItemsInSlices(
  items: readonly RawFeedItem[],
  ctx: NormaliseContext,
): Promise<NormalisedStory[]> {
  const keep = firstOfEachId();
  const stories: NormalisedStory[] = [];
  for (const [index, item] of items.entries()) {
    if (index > 0 && index % ITEMS_PER_SLICE === 0) await yieldToEventLoop();
    const story = normaliseItem(item, ctx);
    if (keep(story)) stories.push(story);
  }
  return stories;
}

function firstOfEachId(): (story: NormalisedStory | undefined) => story is NormalisedStory {
  const seen = new Set<string>();
  return (story): story is NormalisedStory => {
    if (!story || seen.has(story.id)) return false;
    seen.add(story.id);
    return true;
  };
}

function storyKey(url: string, guid: string | undefined, feedId: string): string | undefined {
  const canonical = url ? canonicalUrl(url) : undefined;
  if (canonical) return storyIdFor(canonical);
  // A bare guid ("123456") is only unique within its feed, so it is scoped by the feed id.
  return guid ? storyIdFor(`${feedId}:${guid}`) : undefined;
}

function absoluteHttpUrl(value: string | undefined, base: string | undefined): string | undefined {
  const trimmed = value?.trim();
  if (!trimmed || trimmed.length > FEED_CAPS.urlChars) return undefined;
  try {
    const url = new URL(trimmed, base);
    const href = url.toString();
    // Dropped, not cut, when too long (resolving can lengthen it): a cut URL points somewhere else.
    if (href.length > FEED_CAPS.urlChars) return undefined;
    // Credentials in a story link would be shown to every reader.
    if (url.username || url.password) return undefined;
    return url.protocol === 'http:' || url.protocol === 'https:' ? href : undefined;
  } catch {
    return undefined;
  }
}

function cleanCategories(categories: readonly string[]): string[] {
  const seen = new Set<string>();
  const cleaned: string[] = [];
  for (const category of categories) {
    if (cleaned.length >= FEED_CAPS.categories) break;
    const name = truncateAtWord(htmlToText(category, FEED_CAPS.rawShortChars), FEED_CAPS.categoryChars);
    const key = name.toLocaleLowerCase();
    if (!name || seen.has(key)) continue;
    seen.add(key);
    cleaned.push(name);
  }
  return cleaned;
}
