import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createKeys } from '../../../../src/adapters/redis/keys.js';
import { StoryStore } from '../../../../src/adapters/redis/story-store.js';
import type { ClusterCommit } from '../../../../src/adapters/redis/cluster-store.js';
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
    const ttl = await redis.client.pttl(createKeys(redis.prefix).story('a'));
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

  it('returns cluster candidates of both languages per story from shared LSH bands', async () => {
    await store.save(
      [
        { story: story('c1'), shingles: 'aa bb', bands: ['0:x', '1:y'] },
        { story: story('c2', { lang: 'ru' }), shingles: 'cc', bands: ['1:z'] },
      ],
      NOW,
    );
    const read = await store.clusters.read([['1:y', '5:q'], ['0:x', '1:z'], ['7:w']]);
    const [first, second, none] = read.stories;
    expect(first?.candidates.map((c) => c.id)).toEqual(['c1']);
    expect(first?.candidates[0]).toEqual({
      id: 'c1',
      clusterId: 'c1',
      lang: 'uk',
      publishedAt: NOW - HOUR,
      shingles: 'aa bb',
    });
    expect(second?.candidates.map((c) => c.id).sort()).toEqual(['c1', 'c2']);
    expect(none).toEqual({ candidates: [], members: [], fullBands: '-' });
    const band = createKeys(redis.prefix).lshBand('0:x');
    const bandTtl = await redis.client.pttl(band);
    expect(await redis.client.zscore(band, 'c1')).toBe(String(NOW - HOUR));
    expect(bandTtl).toBeGreaterThan(35 * HOUR);
    expect(bandTtl).toBeLessThanOrEqual(36 * HOUR);
  });

  it('reads a candidate record once per store and stops using it when Redis drops it', async () => {
    const keys = createKeys(redis.prefix);
    const shortLived = new StoryStore(redis.client, keys, { retentionMs: 60_000, clusterWindowMs: 300 });
    await shortLived.save([{ story: story('c1'), shingles: 'aa', bands: ['0:x'] }], NOW);
    const first = await shortLived.clusters.read([['0:x']]);
    // The store that committed it holds it from the commit on.
    expect(shortLived.clusters.heldRecord('c1')).toBe(first.stories[0]?.candidates[0]);
    // A record never changes once stored: the second read hands out the record it holds, without reading it.
    await redis.client.set(keys.clusterRecord('c1'), `other uk ${NOW} bb`, 'KEEPTTL');
    const second = await shortLived.clusters.read([['0:x']]);
    expect(second.stories[0]?.candidates[0]).toBe(first.stories[0]?.candidates[0]);
    expect(second.stories[0]?.candidates[0]?.clusterId).toBe('c1');
    // Once Redis has expired the record, the held copy is not used either, even with the band still naming it.
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(await redis.client.exists(keys.clusterRecord('c1'))).toBe(0);
    await redis.client.zadd(keys.lshBand('0:x'), NOW, 'c1');
    const third = await shortLived.clusters.read([['0:x']]);
    expect(third.stories[0]).toEqual({ candidates: [], members: ['c1'], fullBands: '-' });
  });

  it('keeps clustering keys in one slot and story records sharded by id (Redis Cluster)', () => {
    const keys = createKeys('nd');
    const tag = (key: string) => /\{([^}]*)\}/.exec(key)?.[1];
    for (const key of [
      keys.lshBand('3:abc'),
      keys.clusterRecord('s1'),
      keys.clusterSources('s1'),
      keys.clusterSequence(),
      keys.clusterTurn(),
    ]) {
      expect(tag(key)).toBe('clu');
    }
    expect(tag(keys.story('s1'))).toBe('s1');
    expect(tag(keys.story('s2'))).toBe('s2');
    expect(tag(keys.topicIndex('uk', 'war'))).toBe(tag(keys.langIndex('ru')));
  });

  it('tolerates an index entry whose record is missing', async () => {
    await store.save([{ story: story('kept'), shingles: '', bands: [] }], NOW);
    await redis.client.zadd(createKeys(redis.prefix).langIndex('uk'), NOW, 'lost');
    expect((await store.latest({ lang: 'uk', limit: 10 })).map((view) => view.story.id)).toEqual(['kept']);
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
    const ids = await redis.client.zrange(createKeys(redis.prefix).topicIndex('uk', 'politics'), '0', '-1');
    expect(ids).toEqual(['fresh']);
  });

  describe('checked save (lock-free clustering)', () => {
    const commit = (id: string, compared: string[], patch: Partial<ClusterCommit> = {}): ClusterCommit => ({
      id,
      lang: 'uk',
      clusterId: id,
      publishedAt: NOW - HOUR,
      outlet: 'УНІАН',
      shingles: 'aa bb',
      bands: ['0:x'],
      compared,
      dependsOn: [],
      matched: false,
      fullBands: '-',
      ...patch,
    });
    const checked = (sequence: string) => ({ sequence, checked: true });

    it('stores when the bands hold only what the story was compared with', async () => {
      await store.save([{ story: story('old'), shingles: 'aa', bands: ['0:x'] }], NOW);
      const read = await store.clusters.read([['0:x']]);
      await store.save([{ story: story('elsewhere'), shingles: 'aa', bands: ['9:q'] }], NOW);
      expect(await store.clusters.commit([commit('new', ['old'])], checked(read.sequence))).toEqual([
        { kind: 'stored' },
      ]);
    });

    it('refuses a story whose band gained a member it was not compared with (another process won the race)', async () => {
      const read = await store.clusters.read([['0:x']]);
      await store.save([{ story: story('rival'), shingles: 'aa', bands: ['0:x'] }], NOW);
      const members = read.stories[0]?.members ?? [];
      expect(await store.clusters.commit([commit('late', members)], checked(read.sequence))).toEqual([
        {
          kind: 'conflict',
          unseenIds: ['rival'],
          unseen: [{ id: 'rival', clusterId: 'rival', lang: 'uk', publishedAt: NOW - HOUR, shingles: 'aa' }],
        },
      ]);
      expect(await redis.client.exists(createKeys(redis.prefix).clusterRecord('late'))).toBe(0);
    });

    it('accepts a new band member of the cluster the story joined: it cannot change the decision', async () => {
      await store.save([{ story: story('first'), shingles: 'aa', bands: ['0:x'] }], NOW);
      const read = await store.clusters.read([['0:x']]);
      const rival = story('rival', { clusterId: 'first' });
      await store.save([{ story: rival, shingles: 'aa', bands: ['0:x'] }], NOW);
      const joined = commit('late', ['first'], { clusterId: 'first', matched: true, decidedBy: 'first' });
      expect(await store.clusters.commit([joined], checked(read.sequence))).toEqual([{ kind: 'stored' }]);
      // Started its own cluster instead: the new member might have matched it, so decide again.
      const read2 = await store.clusters.read([['0:x']]);
      await store.save([{ story: story('third'), shingles: 'aa', bands: ['0:x'] }], NOW);
      const alone = commit('alone', read2.stories[0]?.members ?? []);
      const [outcome] = await store.clusters.commit([alone], checked(read2.sequence));
      expect(outcome).toMatchObject({ kind: 'conflict', unseenIds: ['third'] });
    });

    it('refuses a story that joined a batch story which was not stored in that cluster', async () => {
      // 'first' conflicts (a rival is in its band), so 'second', which joined first's cluster, must retry too.
      const read = await store.clusters.read([['0:x'], ['1:y']]);
      await store.save([{ story: story('rival'), shingles: 'aa', bands: ['0:x'] }], NOW);
      const second = commit('second', ['first'], {
        clusterId: 'first',
        bands: ['1:y'],
        matched: true,
        dependsOn: [{ id: 'first', clusterId: 'first' }],
      });
      const outcomes = await store.clusters.commit([commit('first', []), second], checked(read.sequence));
      expect(outcomes.map((outcome) => outcome.kind)).toEqual(['conflict', 'stale']);
    });

    it('compares against band members whose clustering record expired, so they never block a save', async () => {
      await store.save([{ story: story('gone'), shingles: 'aa', bands: ['0:x'] }], NOW);
      await redis.client.del(createKeys(redis.prefix).clusterRecord('gone'));
      // Another worker: the one that stored the record holds it until the moment it expires.
      const other = new StoryStore(redis.client, createKeys(redis.prefix), {
        retentionMs: 14 * 24 * HOUR,
        clusterWindowMs: 36 * HOUR,
      });
      const read = await other.clusters.read([['0:x']]);
      expect(read.stories[0]).toEqual({ candidates: [], members: ['gone'], fullBands: '-' });
      await store.save([{ story: story('elsewhere'), shingles: 'aa', bands: ['9:q'] }], NOW);
      expect(await store.clusters.commit([commit('next', ['gone'])], checked(read.sequence))).toEqual([
        { kind: 'stored' },
      ]);
    });

    it('reports a story another process already stored as a duplicate, with its cluster', async () => {
      await store.save([{ story: story('twice', { clusterId: 'c9' }), shingles: 'aa', bands: ['0:x'] }], NOW);
      expect(await store.clusters.commit([commit('twice', [])], checked('0'))).toEqual([
        { kind: 'duplicate', clusterId: 'c9' },
      ]);
    });

    it('refuses every checked save while another job holds the clustering turn, and lets the holder through', async () => {
      await redis.client.set(createKeys(redis.prefix).clusterTurn(), 'holder');
      const read = await store.clusters.read([['0:x']]);
      expect(await store.clusters.commit([commit('other', [])], checked(read.sequence))).toEqual([
        { kind: 'blocked' },
      ]);
      const held = { ...checked(read.sequence), turnToken: 'holder' };
      expect(await store.clusters.commit([commit('mine', [])], held)).toEqual([{ kind: 'stored' }]);
    });
  });
});
