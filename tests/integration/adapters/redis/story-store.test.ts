import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createKeys } from '../../../../src/adapters/redis/keys.js';
import { StoryStore } from '../../../../src/adapters/redis/story-store.js';
import type { Story } from '../../../../src/core/types.js';
import { createTestRedis, type TestRedis } from '../../../support/test-redis.js';

const HOUR = 3_600_000;
const NOW = Date.UTC(2026, 10, 25, 12);

function story(id: string, patch: Partial<Story> = {}): Story {
  return {
    id,
    feedId: 'f1',
    outlet: 'УНІАН',
    url: `https://www.unian.ua/politics/news-${id}.html`,
    title: `Новина ${id}`,
    summary: '',
    publishedAt: NOW - HOUR,
    fetchedAt: NOW,
    categories: [],
    lang: 'uk',
    topics: ['politics'],
    clusterId: id,
    ...patch,
  };
}

let redis: TestRedis;
let store: StoryStore;
beforeEach(async () => {
  redis = await createTestRedis();
  store = new StoryStore(redis.client, createKeys(redis.prefix), {
    retentionMs: 14 * 24 * HOUR,
    clusterWindowMs: 36 * HOUR,
  });
});
afterEach(async () => {
  await redis.cleanup();
});

describe('StoryStore', () => {
  it('stores each id once: a retried batch saves nothing new', async () => {
    const entries = [{ story: story('a'), shingles: 'x y', bands: ['0:abc'] }];
    expect(await store.save(entries, NOW)).toHaveLength(1);
    expect(await store.save(entries, NOW)).toHaveLength(0);
    const ttl = await redis.client.pttl(`${redis.prefix}:story:a`);
    expect(ttl).toBeGreaterThan(13 * 24 * HOUR);
  });

  it('lists newest first per language and topic, one entry per cluster with its outlet count', async () => {
    await store.save(
      [
        { story: story('old', { publishedAt: NOW - 5 * HOUR }), shingles: '', bands: [] },
        { story: story('new', { publishedAt: NOW - HOUR }), shingles: '', bands: [] },
        {
          story: story('same', { publishedAt: NOW - 2 * HOUR, clusterId: 'new', outlet: 'Укрінформ' }),
          shingles: '',
          bands: [],
        },
        { story: story('war', { topics: ['war'], publishedAt: NOW }), shingles: '', bands: [] },
        { story: story('ru', { lang: 'ru', publishedAt: NOW }), shingles: '', bands: [] },
      ],
      NOW,
    );
    const politics = await store.latest({ lang: 'uk', topic: 'politics', limit: 5 });
    expect(politics.map((view) => [view.story.id, view.sources])).toEqual([
      ['new', 2],
      ['old', 1],
    ]);
    const all = await store.latest({ lang: 'uk', limit: 2 });
    expect(all.map((view) => view.story.id)).toEqual(['war', 'new']);
    // `since` is over ingestion time: a story stored later counts as new even when its stated time is older.
    await store.save(
      [{ story: story('late', { publishedAt: NOW - 6 * HOUR }), shingles: '', bands: [] }],
      NOW + HOUR,
    );
    const recent = await store.latest({ lang: 'uk', topic: 'politics', limit: 5, since: NOW + 30 * 60_000 });
    expect(recent.map((view) => view.story.id)).toEqual(['late']);
  });

  it('finds stories by word prefixes, case-insensitively', async () => {
    await store.save(
      [
        { story: story('s1', { title: 'Україна отримала нові ППО' }), shingles: '', bands: [] },
        {
          story: story('s2', { title: 'Зброя для України', summary: 'Партнери передали ППО' }),
          shingles: '',
          bands: [],
        },
        { story: story('s3', { title: 'Курс долара' }), shingles: '', bands: [] },
      ],
      NOW,
    );
    const found = await store.search('uk', ['україн', 'ппо'], 10);
    expect(found.map((view) => view.story.id).sort()).toEqual(['s1', 's2']);
    expect(await store.search('uk', ['україн', 'долар'], 10)).toEqual([]);
  });

  it('returns cluster candidates per query from shared LSH bands, within the window only', async () => {
    await store.save(
      [
        { story: story('c1'), shingles: 'aa bb', bands: ['0:x', '1:y'] },
        { story: story('c2'), shingles: 'cc', bands: ['1:z'] },
      ],
      NOW,
    );
    const [first, second, none] = await store.clusterCandidates([
      { lang: 'uk', bands: ['1:y', '5:q'] },
      { lang: 'uk', bands: ['0:x', '1:z'] },
      { lang: 'ru', bands: ['0:x'] },
    ]);
    expect(first?.map((c) => c.id)).toEqual(['c1']);
    expect(first?.[0]).toEqual({
      id: 'c1',
      clusterId: 'c1',
      lang: 'uk',
      publishedAt: NOW - HOUR,
      shingles: 'aa bb',
    });
    expect(second?.map((c) => c.id).sort()).toEqual(['c1', 'c2']);
    expect(none).toEqual([]);
    const bandTtl = await redis.client.pttl(`${redis.prefix}:lsh:uk:0:x`);
    expect(await redis.client.zscore(`${redis.prefix}:lsh:uk:0:x`, 'c1')).toBe(String(NOW - HOUR));
    expect(bandTtl).toBeGreaterThan(35 * HOUR);
    expect(bandTtl).toBeLessThanOrEqual(36 * HOUR);
  });

  it('pairs the UA and RU editions of one article by edition key', async () => {
    await store.save(
      [
        { story: story('ua1', { editionKey: 'unian#13212345' }), shingles: '', bands: [] },
        { story: story('ru1', { lang: 'ru', editionKey: 'unian#13212345' }), shingles: '', bands: [] },
        { story: story('ua2', { editionKey: 'unian#999999' }), shingles: '', bands: [] },
      ],
      NOW,
    );
    const stories = await store.getMany(['ua1', 'ru1', 'ua2', 'missing']);
    expect(stories.map((s) => s.id)).toEqual(['ua1', 'ru1', 'ua2']);
    const pairs = await store.otherEditions(stories);
    expect(Object.fromEntries(pairs)).toEqual({ ua1: 'ru1', ru1: 'ua1' });
  });

  it('trims index entries ingested before the retention window', async () => {
    await store.save(
      [{ story: story('ancient', { publishedAt: NOW - 15 * 24 * HOUR }), shingles: '', bands: [] }],
      NOW - 15 * 24 * HOUR,
    );
    await store.save([{ story: story('fresh'), shingles: '', bands: [] }], NOW);
    const ids = await redis.client.zrange(`${redis.prefix}:idx:uk:politics`, '0', '-1');
    expect(ids).toEqual(['fresh']);
  });
});
