/**
 * Every real outlet feed from fetch to a Telegram message: the worker polls the golden feed from the local feed
 * server, stores and tags its stories, and delivers a scheduled digest through the local Bot API server to a
 * reader of the feed's edition.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pollJobOptions } from '../../jobs/queues.js';
import { FeedStore } from '../../src/adapters/redis/feed-store.js';
import { feedIdFor } from '../../src/core/feed/feed-id.js';
import { htmlToPlain } from '../../src/core/render/telegram-html.js';
import { BUILTIN_TOPICS, OTHER_TOPIC } from '../../src/core/topics/builtin-topics.js';
import { messageProblems } from '../hostile/pipeline.js';
import {
  drained,
  startDeliveryHarness,
  type DeliveryHarness,
} from '../integration/jobs/delivery/delivery-harness.js';
import { bytes, startFeedServer, type FeedServer } from '../../tools/feed-server/server.js';
import { waitFor } from '../support/worker-harness.js';
import { GOLDEN_FEEDS, goldenFeedBytes, type GoldenFeed } from './golden-feeds.js';

const MINUTE = 60_000;
const CHAT = 3001;

/** The newest item's time, read from the feed's own dates, so the digest window holds what the feed brought. */
function newestItemAt(feed: GoldenFeed): number {
  const text = goldenFeedBytes(feed).toString('latin1');
  const dates = [...text.matchAll(/<(?:pubDate|published|updated)>([^<]+)</g)]
    .map((match) => Date.parse(match[1]!.trim()))
    .filter((at) => Number.isFinite(at));
  if (dates.length === 0) throw new Error(`${feed.file} has no item dates`);
  return Math.max(...dates);
}

/** HH:MM in Kyiv, the chats' time zone. */
function kyivTime(at: number): string {
  return new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Europe/Kyiv',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(at);
}

let server: FeedServer;

beforeAll(async () => {
  server = await startFeedServer();
  for (const feed of GOLDEN_FEEDS) {
    server.route(`/${feed.file}`, bytes(goldenFeedBytes(feed), feed.contentType));
  }
});
afterAll(async () => {
  await server.close();
});

describe.each(GOLDEN_FEEDS.map((feed) => [feed.file, feed] as const))(
  'the real feed %s delivered as a digest through the local Bot API server',
  (_file, feed) => {
    // An hour after the feed's newest item, so every item is recent and none is in the future.
    const ingestAt = newestItemAt(feed) + 60 * MINUTE;
    let h: DeliveryHarness;

    beforeAll(async () => {
      h = await startDeliveryHarness({ now: ingestAt, topics: BUILTIN_TOPICS });
    });
    afterAll(async () => {
      await h.close();
    });

    it('reads cleanly in Telegram: titles, the outlet, links to its articles in the edition, within the limits', async () => {
      const url = `${server.url}/${feed.file}`;
      const feedId = feedIdFor(url);
      const feeds = new FeedStore(h.redis.client, h.keys);
      await feeds.add(
        {
          id: feedId,
          url,
          lang: feed.lang,
          name: feed.name,
          intervalMs: 300_000,
          topics: [],
          source: 'file',
        },
        ingestAt,
      );
      await h.worker.queues.poll.add('poll', { feedId }, pollJobOptions(feedId));
      await waitFor(
        async () => (await feeds.getHealth(feedId)).lastSuccessAt !== undefined,
        'the poll',
        10_000,
      );
      await waitFor(async () => (await h.worker.queues.stories.count()) === 0, 'stories stored', 10_000);

      const digestAt = ingestAt + 30 * MINUTE;
      await h.addChat(CHAT, 'private', {
        lang: feed.lang,
        topics: [...BUILTIN_TOPICS.map((topic) => topic.slug), OTHER_TOPIC],
        schedule: { kind: 'times', times: [kyivTime(digestAt)] },
      });
      h.clock.now = digestAt + MINUTE;
      await h.delivery.tick();
      await drained(h.delivery);

      const sent = h.api.sent(CHAT);
      expect(sent.length).toBeGreaterThan(0);
      // What the reader sees is the text Telegram makes of our HTML.
      const shown = sent.map((message) => htmlToPlain(message.text)).join('\n');
      if (process.env['GOLDEN_SHOW']) console.log(shown);
      expect(shown).toContain(feed.name);
      // Every section is headed by a topic's name in the reader's language, never by a slug.
      for (const slug of [...BUILTIN_TOPICS.map((topic) => topic.slug), OTHER_TOPIC]) {
        expect(shown.split('\n')).not.toContain(slug);
      }
      expect(shown).not.toMatch(/<\/?[a-zA-Z][^>]*>|&(?:[a-zA-Z]{2,8}|#\d+);/);
      for (const message of sent) {
        expect(message.parse_mode).toBe('HTML');
        expect(messageProblems(message.text)).toEqual([]);
      }
      const links = sent.flatMap((message) =>
        [...message.text.matchAll(/<a href="([^"]+)">/g)].map((match) => match[1]!),
      );
      expect(links.length).toBeGreaterThan(0);
      for (const link of links) expect(link).toMatch(feed.articleLink);
    });
  },
);
