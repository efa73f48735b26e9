import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Story } from '../../../../src/core/types.js';
import { bytes, startFeedServer, type FeedServer } from '../../../../tools/feed-server/server.js';
import { readFixture } from '../../../fixtures/read-fixture.js';
import { createTestRedis, type TestRedis } from '../../../support/test-redis.js';
import { startWorkerHarness, type WorkerHarness } from '../../../support/worker-harness.js';

let server: FeedServer;
let redis: TestRedis;
let harness: WorkerHarness;

beforeAll(async () => {
  server = await startFeedServer();
  server.route('/pravda-1251.xml', bytes(readFixture('pravda-windows-1251.xml'), 'application/rss+xml'));
  server.route('/unian-mixed.xml', bytes(readFixture('unian-mixed-uk-ru.xml')));
});
afterAll(async () => {
  await server.close();
});
beforeEach(async () => {
  redis = await createTestRedis();
  harness = await startWorkerHarness(redis);
});
afterEach(async () => {
  await harness.close();
  await redis.cleanup();
});

async function storedStories(lang: 'uk' | 'ru'): Promise<Story[]> {
  const ids = await redis.client.zrange(harness.keys.langIndex(lang), '0', '-1');
  return harness.stories.getMany(ids);
}

describe('worker: feed to stored stories', () => {
  it('stores a windows-1251 feed with its Cyrillic titles intact, tagged, indexed and announced', async () => {
    const feedId = await harness.addFeed(`${server.url}/pravda-1251.xml`, { lang: 'uk', name: 'УП' });
    const result = await harness.poll(feedId);
    expect(result).toEqual({ outcome: 'fetched', items: expect.any(Number), queued: expect.any(Number) });
    if (result.outcome !== 'fetched') return;
    expect(result.queued).toBe(result.items);
    await harness.drainStories();

    const uk = await storedStories('uk');
    expect(uk.map((story) => story.title)).toContain(
      'Верховна Рада ухвалила закон про підтримку ґрунтових доріг у громадах',
    );
    const law = uk.find((story) => story.title.startsWith('Верховна Рада ухвалила закон'));
    expect(law?.topics).toContain('politics');
    expect(law?.outlet).toBe('УП');
    const rate = uk.find((story) => story.title.startsWith('НБУ залишив облікову ставку'));
    expect(rate?.topics).toContain('economy');
    // Topic index by (lang, topic) holds the story.
    expect(await redis.client.zrange(harness.keys.topicIndex('uk', 'politics'), '0', '-1')).toContain(
      law?.id,
    );
    expect(await redis.client.zrange(harness.keys.topicIndex('uk', 'economy'), '0', '-1')).toContain(
      rate?.id,
    );
    expect(await redis.client.zrange(harness.keys.topicIndex('uk', 'economy'), '0', '-1')).not.toContain(
      law?.id,
    );

    // One new-story event per stored story, carrying its language and topics.
    const events = await redis.client.xrange(harness.keys.newStories(), '-', '+');
    expect(events).toHaveLength(uk.length + (await storedStories('ru')).length);
    const lawEvent = events.find(([, fields]) => fields[1] === law?.id);
    expect(lawEvent?.[1]).toEqual(['id', law?.id, 'lang', 'uk', 'topics', law?.topics.join(',')]);

    const health = await harness.feeds.getHealth(feedId);
    expect(health).toMatchObject({
      status: 'ok',
      lastStatus: 200,
      consecutiveFailures: 0,
      encoding: 'windows-1251',
    });
  });

  it('tags a Russian item of a uk-declared feed as ru and maps Russian categories to topics', async () => {
    const feedId = await harness.addFeed(`${server.url}/unian-mixed.xml`, { lang: 'uk', name: 'УНІАН' });
    await harness.poll(feedId);
    await harness.drainStories();

    const ru = await storedStories('ru');
    const uk = await storedStories('uk');
    expect(ru.map((story) => story.title).sort()).toEqual([
      'В Киеве на выходных перекроют движение по мосту Патона',
      'Правительство упростило оформление субсидий на коммунальные услуги',
    ]);
    expect(uk.map((story) => story.title)).toContain(
      'Збірна України з футболу зіграє товариський матч з Грузією',
    );
    const subsidies = ru.find((story) => story.title.startsWith('Правительство'));
    expect(subsidies?.topics).toContain('economy');
    const football = uk.find((story) => story.title.startsWith('Збірна'));
    expect(football?.topics).toContain('sport');
    expect(await redis.client.zrange(harness.keys.topicIndex('ru', 'economy'), '0', '-1')).toContain(
      subsidies?.id,
    );
    expect(await redis.client.zrange(harness.keys.topicIndex('uk', 'economy'), '0', '-1')).not.toContain(
      subsidies?.id,
    );
  });
});
