import { parseArgs } from 'node:util';
import { createFeedFetcher } from '../adapters/http/feed-fetcher.js';
import { loadFeedsFile } from '../adapters/feeds-file-loader.js';
import { clusterInMemory } from '../core/digest/cluster-in-memory.js';
import { renderPreview } from '../core/digest/render-preview.js';
import { parseDuration } from '../core/feed/duration.js';
import { tagStory, type TaggedStory } from '../core/ingest/tag-story.js';
import { parseLangInput } from '../core/lang/detect-language.js';
import { findTopic } from '../core/topics/classify-topics.js';
import type { FeedDefinition, TopicDefinition } from '../core/types.js';
import { UsageError } from '../errors/usage-error.js';
import { readFeed } from '../services/read-feed.js';
import { buildTopics } from '../services/build-topics.js';
import { mapLimit } from '../lib/map-limit.js';
import { resolveFeedTargets } from './feed-targets.js';

export interface PreviewIo {
  out: (line: string) => void;
  err: (line: string) => void;
  defaultFeedsFile: string;
  allowPrivateDefault: boolean;
  timezone: string;
  now: () => number;
}

/**
 * `newsdigest preview --lang uk|ru [--topics a,b] [--since 24h] [--html] [--allow-private] [--feeds FILE | URL ...]`:
 * fetches the feeds once and prints the digest a subscriber would get. Needs no token and no Redis.
 */
export async function runPreview(argv: string[], io: PreviewIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      lang: { type: 'string' },
      topics: { type: 'string' },
      since: { type: 'string', default: '24h' },
      feeds: { type: 'string' },
      html: { type: 'boolean', default: false },
      'allow-private': { type: 'boolean', default: false },
    },
  });
  const lang = values.lang === undefined ? undefined : parseLangInput(values.lang);
  if (!lang) throw new UsageError('--lang must be uk or ru (ua is accepted for uk)');
  const sinceMs = parseDuration(values.since);
  if (sinceMs === undefined) throw new UsageError('--since must be a duration such as 12h or 2d');

  const feedsFile = values.feeds ?? (positionals.length === 0 ? io.defaultFeedsFile : undefined);
  const file = feedsFile ? await loadFeedsFile(feedsFile) : undefined;
  const { topics: allTopics, classify } = buildTopics(file?.topics ?? {});
  const wanted = selectTopics(values.topics, allTopics, lang);
  const feeds: FeedDefinition[] = [...(file?.feeds ?? []), ...(await resolveFeedTargets(positionals))];

  const fetcher = createFeedFetcher({ allowPrivate: values['allow-private'] || io.allowPrivateDefault });
  const tagged: TaggedStory[] = [];
  try {
    await mapLimit(feeds, 8, async (feed) => {
      try {
        const reading = await readFeed(fetcher, feed, {}, io.now);
        if (reading.kind === 'items') {
          for (const item of reading.stories) tagged.push(tagStory(item, classify));
        }
      } catch (error) {
        io.err(`skipped ${feed.url}: ${(error as Error).message}`);
      }
    });
  } finally {
    await fetcher.close();
  }

  const since = io.now() - sinceMs;
  const wantedSlugs = new Set(wanted.map((topic) => topic.slug));
  const matching = tagged.filter(
    ({ story }) =>
      story.lang === lang &&
      story.publishedAt >= since &&
      story.topics.some(
        (topic) => wantedSlugs.has(topic) || (values.topics === undefined && topic === 'other'),
      ),
  );
  const views = clusterInMemory(matching);
  if (views.length === 0) {
    io.out(lang === 'uk' ? 'Нових новин за цей період немає.' : 'Новых новостей за этот период нет.');
    return 0;
  }
  io.out(
    renderPreview(views, {
      lang,
      topics: wanted,
      includeOther: values.topics === undefined,
      timezone: io.timezone,
      html: values.html,
      now: io.now(),
    }),
  );
  return 0;
}

function selectTopics(
  input: string | undefined,
  topics: TopicDefinition[],
  lang: 'uk' | 'ru',
): TopicDefinition[] {
  if (input === undefined) return topics;
  const selected: TopicDefinition[] = [];
  for (const part of input
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const slug = findTopic(part, topics, lang);
    const topic = topics.find((t) => t.slug === slug);
    if (!topic) {
      throw new UsageError(`unknown topic "${part}"; valid topics: ${topics.map((t) => t.slug).join(', ')}`);
    }
    selected.push(topic);
  }
  return selected;
}
