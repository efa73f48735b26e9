import { parse as parseYaml, YAMLParseError } from 'yaml';
import { z } from 'zod';
import { FeedsFileError } from '../../errors/feeds-file-error.js';
import { CREDENTIALS_REFUSED, hasCredentials, redactCredentials } from '../feed/url-credentials.js';
import type { FeedDefinition, Lang, TopicDefinition } from '../types.js';
import { parseDuration } from './duration.js';
import { feedIdFor } from './feed-id.js';

export const DEFAULT_INTERVAL_MS = 5 * 60_000;
export const MIN_INTERVAL_MS = 60_000;

const feedLang = z.preprocess(
  (value) => (typeof value === 'string' ? value.trim().toLowerCase() : value),
  z.enum(['uk', 'ua', 'ru', 'auto'], { message: 'must be uk, ru or auto (ua is accepted for uk)' }),
);

const httpUrl = z
  .string({ message: 'is required and must be a URL' })
  .trim()
  .refine(
    (value) => {
      try {
        const url = new URL(value);
        return url.protocol === 'http:' || url.protocol === 'https:';
      } catch {
        return false;
      }
    },
    { message: 'must be an http:// or https:// URL' },
  )
  .refine((value) => !hasCredentials(value), { message: CREDENTIALS_REFUSED });

const interval = z
  .string()
  .trim()
  .refine((value) => parseDuration(value) !== undefined, { message: 'must be a duration like 90s, 5m or 1h' })
  .refine((value) => (parseDuration(value) ?? 0) >= MIN_INTERVAL_MS, { message: 'must be at least 1m' });

const slug = z
  .string()
  .regex(/^[a-z][a-z0-9_]{1,31}$/, 'topic slugs are lower-case latin letters, digits and _');

const feedEntry = z
  .object({
    url: httpUrl,
    lang: feedLang.default('auto'),
    name: z.string().trim().min(1).max(80).optional(),
    interval: interval.optional(),
    topics: z.array(slug).default([]),
    /** Digest ranking weight of this outlet: 2 doubles its pull, 0.5 halves it (see README, Ranking). */
    weight: z.number().positive().max(10).optional(),
  })
  .strict();

const perLang = <T extends z.ZodTypeAny>(inner: T) =>
  z.object({ uk: inner.optional(), ua: inner.optional(), ru: inner.optional() }).strict();

const topicEntry = z
  .object({
    names: perLang(z.string().trim().min(1).max(40)).optional(),
    keywords: perLang(z.array(z.string().trim().min(2).max(60))).optional(),
    categories: z.array(z.string().trim().min(1)).optional(),
  })
  .strict();

const feedsFileSchema = z
  .object({
    // Empty is allowed: operators can add every feed later with /addfeed (the app starts with a warning).
    feeds: z.array(feedEntry),
    topics: z.record(z.string(), topicEntry).optional(),
  })
  .strict();

/** A topic override from the feeds file: whatever is given replaces that part of the built-in topic. */
export interface TopicOverride {
  names?: Partial<Record<Lang, string>>;
  keywords?: Partial<Record<Lang, string[]>>;
  categories?: string[];
}

export interface FeedsFile {
  feeds: FeedDefinition[];
  topics: Record<string, TopicOverride>;
}

function describePath(path: readonly PropertyKey[], raw: unknown): string {
  const [first, index, ...rest] = path;
  if (first === 'feeds' && typeof index === 'number') {
    const entry = Array.isArray((raw as { feeds?: unknown })?.feeds)
      ? ((raw as { feeds: unknown[] }).feeds[index] as { url?: unknown } | undefined)
      : undefined;
    const label =
      typeof entry?.url === 'string'
        ? `feed #${index + 1} (${redactCredentials(entry.url)})`
        : `feed #${index + 1}`;
    return rest.length > 0 ? `${label} key "${rest.join('.')}"` : label;
  }
  if (first === 'topics' && index !== undefined) {
    return rest.length > 0 ? `topic "${String(index)}" key "${rest.join('.')}"` : `topic "${String(index)}"`;
  }
  return path.length > 0 ? `key "${path.map(String).join('.')}"` : 'file';
}

function pickLang<T>(value: { uk?: T; ua?: T; ru?: T } | undefined): Partial<Record<Lang, T>> | undefined {
  if (!value) return undefined;
  const out: Partial<Record<Lang, T>> = {};
  const uk = value.uk ?? value.ua;
  if (uk !== undefined) out.uk = uk;
  if (value.ru !== undefined) out.ru = value.ru;
  return out;
}

/** Parses and validates a feeds file's YAML text. Errors name the feed (by position and URL) and the key. */
export function parseFeedsFile(text: string, fileName = 'feeds.yaml'): FeedsFile {
  let raw: unknown;
  try {
    raw = parseYaml(text);
  } catch (error) {
    const where = error instanceof YAMLParseError && error.linePos ? `line ${error.linePos[0].line}` : 'file';
    throw new FeedsFileError(
      fileName,
      where,
      `is not valid YAML (${(error as Error).message.split('\n')[0]})`,
    );
  }
  const result = feedsFileSchema.safeParse(raw);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new FeedsFileError(fileName, describePath(issue?.path ?? [], raw), issue?.message ?? 'is invalid');
  }
  const seen = new Map<string, number>();
  const feeds = result.data.feeds.map((entry, index): FeedDefinition => {
    const url = entry.url;
    const earlier = seen.get(url);
    if (earlier !== undefined) {
      throw new FeedsFileError(fileName, `feed #${index + 1} (${url})`, `duplicates feed #${earlier + 1}`);
    }
    seen.set(url, index);
    return {
      id: feedIdFor(url),
      url,
      lang: entry.lang === 'ua' ? 'uk' : entry.lang,
      name: entry.name ?? new URL(url).hostname.replace(/^www\./, ''),
      intervalMs: entry.interval
        ? (parseDuration(entry.interval) ?? DEFAULT_INTERVAL_MS)
        : DEFAULT_INTERVAL_MS,
      topics: entry.topics,
      ...(entry.weight !== undefined && entry.weight !== 1 ? { weight: entry.weight } : {}),
    };
  });
  const topics: Record<string, TopicOverride> = {};
  for (const [name, topic] of Object.entries(result.data.topics ?? {})) {
    const slugCheck = slug.safeParse(name);
    if (!slugCheck.success) {
      throw new FeedsFileError(fileName, `topic "${name}"`, slugCheck.error.issues[0]?.message ?? 'bad slug');
    }
    const override: TopicOverride = {};
    const names = pickLang(topic.names);
    const keywords = pickLang(topic.keywords);
    if (names) override.names = names;
    if (keywords) override.keywords = keywords;
    if (topic.categories) override.categories = topic.categories;
    topics[name] = override;
  }
  return { feeds, topics };
}

export type { TopicDefinition };
