/**
 * A real outlet feed from fetch to a Telegram message: the worker polls the golden УНІАН feed from the local feed
 * server, stores and tags its stories, and delivers a scheduled digest through the local Bot API server.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pollJobOptions } from '../../jobs/queues.js';
import { FeedStore } from '../../src/adapters/redis/feed-store.js';
import { feedIdFor } from '../../src/core/feed/feed-id.js';
import { htmlToPlain } from '../../src/core/render/telegram-html.js';
import { messageProblems } from '../hostile/pipeline.js';
import {
  drained,
  startDeliveryHarness,
  type DeliveryHarness,
} from '../integration/jobs/delivery/delivery-harness.js';
import { bytes, startFeedServer, type FeedServer } from '../../tools/feed-server/server.js';
import { waitFor } from '../support/worker-harness.js';
import { GOLDEN_FEEDS, goldenFeedBytes } from './golden-feeds.js';

// An hour after the feed's newest item (28 Sep 2020, 16:35 Kyiv), so every item is in the digest window.
const NOW = Date.parse('2020-09-28T14:30:00Z');
const UNIAN = GOLDEN_FEEDS.find((feed) => feed.file === 'unian-uk.xml')!;

let server: FeedServer;
let h: DeliveryHarness;

beforeAll(async () => {
  server = await startFeedServer();
  server.route('/unian.xml', bytes(goldenFeedBytes(UNIAN), UNIAN.contentType));
  h = await startDeliveryHarness({ now: NOW });
});
afterAll(async () => {
  await h.close();
  await server.close();
});

describe('a real feed delivered as a digest through the local Bot API server', () => {
  it('reads cleanly in Telegram: titles, the outlet, links to the articles, within the limits', async () => {
    const url = `${server.url}/unian.xml`;
    const feedId = feedIdFor(url);
    const feeds = new FeedStore(h.redis.client, h.keys);
    await feeds.add(
      {
        id: feedId,
        url,
        lang: UNIAN.lang,
        name: UNIAN.name,
        intervalMs: 300_000,
        topics: [],
        source: 'file',
      },
      NOW,
    );
    await h.worker.queues.poll.add('poll', { feedId }, pollJobOptions(feedId));
    await waitFor(
      async () => (await feeds.getHealth(feedId)).lastSuccessAt !== undefined,
      'the poll',
      10_000,
    );
    await waitFor(
      async () => (await h.worker.queues.stories.getJobCounts('waiting', 'active', 'delayed')).waiting === 0,
      'stories stored',
      10_000,
    );
    await waitFor(async () => (await h.worker.queues.stories.count()) === 0, 'stories queue empty', 10_000);

    await h.addChat(3001, 'private', { schedule: { kind: 'times', times: ['18:00'] } });
    h.clock.now = Date.parse('2020-09-28T15:01:00Z'); // 18:01 in Kyiv
    await h.delivery.tick();
    await drained(h.delivery);

    const sent = h.api.sent(3001);
    expect(sent.length).toBeGreaterThan(0);
    // What the reader sees is the text Telegram makes of our HTML.
    const shown = sent.map((message) => htmlToPlain(message.text)).join('\n');
    expect(shown).toContain('Зеленський вніс зміни у склад Нацради з питань антикорупційної політики');
    expect(shown).toContain('УНІАН');
    if (process.env['GOLDEN_SHOW']) console.log(shown);
    expect(shown).not.toMatch(/<\/?[a-zA-Z][^>]*>|&(?:[a-zA-Z]{2,8}|#\d+);/);
    for (const message of sent) {
      expect(message.parse_mode).toBe('HTML');
      expect(messageProblems(message.text)).toEqual([]);
    }
    const links = sent.flatMap((message) =>
      [...message.text.matchAll(/<a href="([^"]+)">/g)].map((m) => m[1]),
    );
    expect(links.length).toBeGreaterThanOrEqual(3);
    for (const link of links) expect(link).toMatch(/^https:\/\/www\.unian\.ua\//);
  });
});
