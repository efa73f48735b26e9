import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FeedStore } from '../../../../src/adapters/redis/feed-store.js';
import { createKeys } from '../../../../src/adapters/redis/keys.js';
import { feedIdFor } from '../../../../src/core/feed/feed-id.js';
import type { FeedDefinition } from '../../../../src/core/types.js';
import { createTestRedis, type TestRedis } from '../../../support/test-redis.js';

const NOW = 1_800_000_000_000;

function feed(url: string, patch: Partial<FeedDefinition> = {}): FeedDefinition {
  return { id: feedIdFor(url), url, lang: 'uk', name: url, intervalMs: 300_000, topics: [], ...patch };
}

let redis: TestRedis;
let store: FeedStore;
beforeEach(async () => {
  redis = await createTestRedis();
  store = new FeedStore(redis.client, createKeys(redis.prefix));
});
afterEach(async () => {
  await redis.cleanup();
});

describe('FeedStore.syncFromFile', () => {
  it('adds new feeds, follows the file for file feeds, keeps operator changes, drops unlisted file feeds', async () => {
    const a = feed('https://a.ua/rss');
    const b = feed('https://b.ua/rss');
    const c = feed('https://c.ua/rss');
    expect(await store.syncFromFile([a, b, c], NOW)).toEqual({
      added: [a.id, b.id, c.id],
      updated: [],
      removed: [],
    });

    // An operator retunes b by command; that wins over the file from now on.
    await store.put({ ...b, intervalMs: 600_000, source: 'command' });

    const result = await store.syncFromFile(
      [
        { ...a, name: 'A renamed' },
        { ...b, intervalMs: 120_000 },
      ],
      NOW,
    );
    expect(result).toEqual({ added: [], updated: [a.id], removed: [c.id] });
    expect((await store.get(a.id))?.name).toBe('A renamed');
    expect((await store.get(b.id))?.intervalMs).toBe(600_000);
    expect(await store.get(c.id)).toBeUndefined();
    expect(await store.nextPollAt(c.id)).toBeUndefined();
  });

  it('schedules first polls inside the interval and hands out only due feeds', async () => {
    const feeds = Array.from({ length: 50 }, (_, i) => feed(`https://f${i}.ua/rss`));
    await store.syncFromFile(feeds, NOW);
    const times = await Promise.all(feeds.map((f) => store.nextPollAt(f.id)));
    for (const at of times) {
      expect(at).toBeGreaterThanOrEqual(NOW);
      expect(at).toBeLessThan(NOW + 300_000);
    }
    const dueHalfway = await store.due(NOW + 150_000, 1000);
    expect(dueHalfway.length).toBeGreaterThan(5);
    expect(dueHalfway.length).toBeLessThan(45);
    expect(await store.due(NOW + 300_000, 1000)).toHaveLength(50);
  });

  it('keeps health and alerts', async () => {
    const a = feed('https://a.ua/rss');
    await store.syncFromFile([a], NOW);
    expect((await store.getHealth(a.id)).status).toBe('ok');
    await store.saveHealth(a.id, {
      status: 'dead',
      lastStatus: 500,
      consecutiveFailures: 20,
      itemsPerDay: 0,
    });
    expect((await store.getHealth(a.id)).status).toBe('dead');
    await store.recordAlert({ feedId: a.id, url: a.url, kind: 'dead', message: 'x', at: NOW });
    expect(await store.recentAlerts(5)).toEqual([
      { feedId: a.id, url: a.url, kind: 'dead', message: 'x', at: NOW },
    ]);
  });
});
