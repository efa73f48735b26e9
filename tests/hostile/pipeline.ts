/** The whole path a fetched body takes, bytes → decode → parse → normalise → tag → render, as the worker runs it. */
import { Parser } from 'htmlparser2';
import { clusterInMemory } from '../../src/core/digest/cluster-in-memory.js';
import { selectDigest } from '../../src/core/digest/select-digest.js';
import { decodeFeedBody } from '../../src/core/feed/decode-feed-body.js';
import { normaliseFeedItems } from '../../src/core/feed/normalise-item.js';
import { parseFeed } from '../../src/core/feed/parse-feed.js';
import { tagStory } from '../../src/core/ingest/tag-story.js';
import { renderDigest } from '../../src/core/render/render-digest.js';
import { htmlToPlain, MAX_MESSAGE_ENTITIES, MAX_MESSAGE_UTF16 } from '../../src/core/render/telegram-html.js';
import type { FeedDefinition, Lang, Story } from '../../src/core/types.js';
import { buildTopics } from '../../src/services/build-topics.js';

export const PIPELINE_FEED: FeedDefinition = {
  id: 'hostile',
  url: 'https://example.com/rss',
  lang: 'auto',
  name: 'Hostile',
  intervalMs: 300_000,
  topics: [],
};
export const PIPELINE_NOW = Date.parse('2026-11-26T12:00:00Z');

const { topics, classify } = buildTopics({});

export interface PipelineOutput {
  stories: Story[];
  truncatedFrom?: number;
  /** Telegram HTML messages of a digest in each language. */
  messages: string[];
}

export async function runPipeline(bytes: Uint8Array, contentType?: string): Promise<PipelineOutput> {
  const { text } = decodeFeedBody(bytes, contentType);
  const parsed = await parseFeed(text);
  const normalised = normaliseFeedItems(parsed.items, { feed: PIPELINE_FEED, fetchedAt: PIPELINE_NOW });
  const tagged = normalised.map((item) => tagStory(item, classify));
  const views = clusterInMemory(tagged);
  const messages: string[] = [];
  for (const lang of ['uk', 'ru'] as Lang[]) {
    const digest = selectDigest(
      views.map((view) => ({ story: view.story, sources: view.sources })),
      {
        lang,
        topics: [...topics.map((t) => t.slug), 'other'],
        follow: [],
        mute: [],
        allowOtherLang: true,
        timezone: 'Europe/Kyiv',
      },
      { from: 0, to: Number.MAX_SAFE_INTEGER },
      { perTopic: 5, total: 40 },
    );
    messages.push(...renderDigest(digest, { topics, timezone: 'Europe/Kyiv', at: PIPELINE_NOW }));
  }
  const output: PipelineOutput = { stories: tagged.map((t) => t.story), messages };
  if (parsed.truncatedFrom !== undefined) output.truncatedFrom = parsed.truncatedFrom;
  return output;
}

// Left after cleaning, these would mean markup or entities reached the reader.
const MARKUP = /<[a-zA-Z/!]|&(?:#\d{1,7}|#x[0-9a-fA-F]{1,6}|lt|gt|amp|quot|nbsp);/;

const TAG_LIKE = /<[a-zA-Z/!]/;

/**
 * Problems with one story's fields: caps exceeded, markup left. Empty when the story is clean. `entities: false`
 * accepts entity-looking text such as "&lt;", which is what text escaped three times or more rightly shows after
 * the two cleaning rounds (random bytes produce that; real feeds and the hostile set do not).
 */
export function storyProblems(story: Story, options: { entities?: boolean } = {}): string[] {
  const markup = options.entities === false ? TAG_LIKE : MARKUP;
  const problems: string[] = [];
  if (story.title.length > 300) problems.push(`title ${story.title.length} chars`);
  if (story.summary.length > 400) problems.push(`summary ${story.summary.length} chars`);
  if (story.categories.length > 20) problems.push(`${story.categories.length} categories`);
  if (story.categories.some((c) => c.length > 100)) problems.push('category over 100 chars');
  if (story.url.length > 2048) problems.push('url over 2048 chars');
  if (story.url && !/^https?:\/\//.test(story.url)) problems.push(`url scheme ${story.url.slice(0, 20)}`);
  if (story.url && (new URL(story.url).username || new URL(story.url).password)) {
    problems.push(`credentials in url: ${story.url.slice(0, 80)}`);
  }
  for (const [field, value] of [
    ['title', story.title],
    ['summary', story.summary],
  ] as const) {
    if (markup.test(value)) problems.push(`${field} holds markup: ${value.slice(0, 60)}`);
  }
  return problems;
}

/** Problems with one rendered message: Telegram's limits, or a tag or attribute the renderer does not write. */
export function messageProblems(html: string): string[] {
  const problems: string[] = [];
  const plain = htmlToPlain(html);
  if (plain.length > MAX_MESSAGE_UTF16) problems.push(`message text ${plain.length} UTF-16 units`);
  let entities = 0;
  const parser = new Parser(
    {
      onopentag(name, attributes) {
        entities += 1;
        if (!['b', 'i', 'a'].includes(name)) problems.push(`tag <${name}>`);
        const names = Object.keys(attributes);
        const allowed = name === 'a' ? ['href'] : [];
        for (const attr of names)
          if (!allowed.includes(attr)) problems.push(`attribute ${attr} on <${name}>`);
        if (name === 'a' && !/^https?:\/\//.test(attributes.href ?? ''))
          problems.push(`href ${attributes.href}`);
      },
    },
    { decodeEntities: true },
  );
  parser.end(html);
  if (entities > MAX_MESSAGE_ENTITIES) problems.push(`${entities} entities`);
  return problems;
}
