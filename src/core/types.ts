/** Languages a story or a chat can be in. `ua` is accepted on input as an alias of `uk`. */
export type Lang = 'uk' | 'ru';
export const LANGS: readonly Lang[] = ['uk', 'ru'];

/** What a feed declares: a fixed language, or `auto` to detect per item. */
export type FeedLang = Lang | 'auto';

export interface FeedDefinition {
  /** Stable id derived from the URL (see feedIdFor). */
  id: string;
  url: string;
  lang: FeedLang;
  name: string;
  intervalMs: number;
  /** Topics given to every item of this feed. */
  topics: string[];
  /** Importance of this outlet in digest ranking (feeds file `weight`); absent means 1. */
  weight?: number;
}

export interface TopicDefinition {
  slug: string;
  names: Record<Lang, string>;
  /** Lower-case keyword stems per language; a stem matches any word that starts with it. */
  keywords: Record<Lang, string[]>;
  /** Feed category names (any language) that map to this topic, compared case-insensitively. */
  categories: string[];
}

/** One item as it came out of the feed parser, before normalisation. Everything is untrusted text. */
export interface RawFeedItem {
  title?: string;
  link?: string;
  guid?: string;
  /** Content or description, may contain HTML. */
  summary?: string;
  /** ISO date or RFC 822 string as published. */
  published?: string;
  categories: string[];
  imageUrl?: string;
}

export interface ParsedFeed {
  title?: string;
  /** `rss` covers 0.9x, 1.0 (RDF) and 2.0. */
  format: 'rss' | 'atom';
  items: RawFeedItem[];
  /** Items the document held when more than the per-poll cap were dropped (only the newest are in `items`). */
  truncatedFrom?: number;
}

/** A normalised story before language and topic tagging (the poller produces these). */
export interface NormalisedStory {
  /** Hash of the canonical URL, or of the guid when there is no usable link. */
  id: string;
  feedId: string;
  outlet: string;
  url: string;
  title: string;
  summary: string;
  publishedAt: number;
  fetchedAt: number;
  categories: string[];
  imageUrl?: string;
  /** Language the feed declared; `auto` means detection decides. */
  declaredLang: FeedLang;
  /** Topics the feed gives to all its items. */
  feedTopics: string[];
  /** The feed's ranking weight, when it is not 1 (see FeedDefinition.weight). */
  outletWeight?: number;
}

/** A stored story: normalised, tagged with language and topics, clustered and paired. */
export interface Story extends Omit<NormalisedStory, 'declaredLang' | 'feedTopics'> {
  lang: Lang;
  topics: string[];
  /** Key shared by the UA and RU editions of one article (same outlet), when one could be derived. */
  editionKey?: string;
  /** Id of the story in the other language that is the same article, once paired. */
  otherEditionId?: string;
  /** Cluster this story belongs to (id of the cluster's first story). */
  clusterId: string;
}

export type FeedStatus = 'ok' | 'failing' | 'dead' | 'paused';

export interface FeedHealth {
  status: FeedStatus;
  /** HTTP status of the last attempt, 0 when no response arrived. */
  lastStatus: number;
  lastAttemptAt?: number;
  lastSuccessAt?: number;
  consecutiveFailures: number;
  lastError?: string;
  lastErrorCode?: string;
  etag?: string;
  lastModified?: string;
  encoding?: string;
  itemsPerDay: number;
  /** Items the last document held when it had more than the per-poll cap; absent when nothing was dropped. */
  truncatedFrom?: number;
}
