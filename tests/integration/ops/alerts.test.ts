import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FeedStore } from '../../../src/adapters/redis/feed-store.js';
import { createKeys } from '../../../src/adapters/redis/keys.js';
import { TopicOverridesStore } from '../../../src/adapters/redis/topic-overrides-store.js';
import { SilenceStore } from '../../../src/adapters/redis/silence-store.js';
import { AlertInbox } from '../../../src/adapters/redis/alert-inbox.js';
import { startAlertNotifier } from '../../../src/services/alert-notifier.js';
import { createSilenceWatch, SILENT_AFTER_MS } from '../../../src/services/silence-watch.js';
import { startLiveTopics } from '../../../src/services/live-topics.js';
import { createTestRedis, type TestRedis } from '../../support/test-redis.js';

const logger = pino({ level: 'silent' });

describe('feed health alerts', () => {
  let redis: TestRedis;
  beforeEach(async () => {
    redis = await createTestRedis();
  });
  afterEach(() => redis.cleanup());

  const alert = (feedId: string, at: number) => ({
    feedId,
    url: `https://${feedId}.example/rss`,
    kind: 'failing' as const,
    message: 'failed 5 times in a row: HTTP_STATUS',
    at,
  });

  it('delivers each alert once to every operator, across restarts and a failed send', async () => {
    const keys = createKeys(redis.prefix);
    const feeds = new FeedStore(redis.client, keys);
    const sent: [number, string][] = [];
    let failFor: number | undefined = 2;
    const make = () =>
      startAlertNotifier({
        inbox: new AlertInbox(redis.client, keys),
        operatorIds: [1, 2],
        send: async (id, html) => {
          if (id === failFor) {
            failFor = undefined;
            throw new Error('503');
          }
          sent.push([id, html]);
        },
        logger,
        now: Date.now,
        everyMs: 3_600_000,
      });
    await feeds.recordAlert(alert('aaa', Date.now()));
    const first = make();
    await expect(first.runOnce()).rejects.toThrow('503');
    expect(sent.map(([id]) => id)).toEqual([1]);
    await first.stop();

    // A restart: operator 1 is not messaged again; operator 2 gets the alert now.
    const second = make();
    expect(await second.runOnce()).toBe(1);
    expect(sent.map(([id]) => id)).toEqual([1, 2]);
    expect(sent[1]?.[1]).toContain('aaa');
    expect(await second.runOnce()).toBe(0);
    await feeds.recordAlert(alert('bbb', Date.now()));
    expect(await second.runOnce()).toBe(1);
    expect(sent.map(([id, html]) => `${id}:${html.includes('bbb')}`)).toEqual([
      '1:false',
      '2:false',
      '1:true',
      '2:true',
    ]);
    await second.stop();
  });

  it('raises silent once per incident and recovered when items return', async () => {
    const keys = createKeys(redis.prefix);
    const feeds = new FeedStore(redis.client, keys);
    await feeds.add(
      {
        id: 'f1',
        url: 'https://f1.example/rss',
        lang: 'uk',
        name: 'F1',
        intervalMs: 300_000,
        topics: [],
        source: 'file',
      },
      0,
    );
    const watch = createSilenceWatch(new SilenceStore(redis.client, keys), feeds);
    const t0 = 1_000_000;
    expect(await watch.check(t0)).toEqual([]);
    expect(await watch.check(t0 + SILENT_AFTER_MS - 1)).toEqual([]);
    expect(await watch.check(t0 + SILENT_AFTER_MS + 1)).toEqual(['f1']);
    expect(await watch.check(t0 + SILENT_AFTER_MS + 60_000)).toEqual([]);
    await watch.noteNewItems('f1', t0 + SILENT_AFTER_MS + 120_000);
    const kinds = (await feeds.recentAlerts(10)).map((each) => each.kind);
    expect(kinds).toEqual(['recovered', 'silent']);
    await watch.noteNewItems('f1', t0 + SILENT_AFTER_MS + 180_000);
    expect(await feeds.recentAlerts(10)).toHaveLength(2);
  });

  it('reloads operator topic keywords into the classifier without a restart', async () => {
    const store = new TopicOverridesStore(redis.client, createKeys(redis.prefix));
    const live = await startLiveTopics({ fileOverrides: {}, store, logger, everyMs: 3_600_000 });
    const input = {
      title: 'Квиддіч повертається до міста',
      summary: '',
      categories: [],
      lang: 'uk' as const,
      feedTopics: [],
    };
    expect(live.classify(input)).not.toContain('culture');
    await store.setKeywords('culture', 'uk', ['квиддіч']);
    expect(await live.reload()).toBe(true);
    expect(live.classify(input)).toContain('culture');
    expect(await live.reload()).toBe(false);
    live.stop();
  });
});
