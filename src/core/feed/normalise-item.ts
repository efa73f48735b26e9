import { htmlToText } from '../text/html-to-text.js';
import { truncateAtWord } from '../text/truncate-at-word.js';
import type { FeedDefinition, NormalisedStory, RawFeedItem } from '../types.js';
import { canonicalUrl } from './canonical-url.js';
import { parseFeedDate } from './parse-feed-date.js';
import { storyIdFor } from './story-id.js';

export interface NormaliseContext {
  feed: FeedDefinition;
  fetchedAt: number;
}

export const SUMMARY_MAX_CHARS = 400;
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

  const summaryText = htmlToText(raw.summary ?? '');
  const title = htmlToText(raw.title ?? '') || truncateAtWord(summaryText, DERIVED_TITLE_MAX_CHARS);
  if (!title) return undefined;
  // Many feeds repeat the title as the description; an identical summary adds nothing to a digest.
  const summary = summaryText === title ? '' : truncateAtWord(summaryText, SUMMARY_MAX_CHARS);

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
  const seen = new Set<string>();
  const stories: NormalisedStory[] = [];
  for (const item of items) {
    const story = normaliseItem(item, ctx);
    if (!story || seen.has(story.id)) continue;
    seen.add(story.id);
    stories.push(story);
  }
  return stories;
}

function storyKey(url: string, guid: string | undefined, feedId: string): string | undefined {
  const canonical = url ? canonicalUrl(url) : undefined;
  if (canonical) return storyIdFor(canonical);
  // A bare guid ("123456") is only unique within its feed, so it is scoped by the feed id.
  return guid ? storyIdFor(`${feedId}:${guid}`) : undefined;
}

function absoluteHttpUrl(value: string | undefined, base: string | undefined): string | undefined {
  const trimmed = value?.trim();
  if (!trimmed) return undefined;
  try {
    const url = new URL(trimmed, base);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.toString() : undefined;
  } catch {
    return undefined;
  }
}

function cleanCategories(categories: readonly string[]): string[] {
  const seen = new Set<string>();
  const cleaned: string[] = [];
  for (const category of categories) {
    const name = htmlToText(category);
    const key = name.toLocaleLowerCase();
    if (!name || seen.has(key)) continue;
    seen.add(key);
    cleaned.push(name);
  }
  return cleaned;
}
