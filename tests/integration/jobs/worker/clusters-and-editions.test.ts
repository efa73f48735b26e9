import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { bytes, startFeedServer, type FeedServer } from '../../../../tools/feed-server/server.js';
import { rssDocument, type FixtureItem } from '../../../../tools/feed-server/rss-fixtures.js';
import { createTestRedis, type TestRedis } from '../../../support/test-redis.js';
import { startWorkerHarness, T0, type WorkerHarness } from '../../../support/worker-harness.js';

const HOUR = 3_600_000;

let server: FeedServer;
let redis: TestRedis;
let harness: WorkerHarness;

function item(
  title: string,
  description: string,
  link: string,
  hoursAgo: number,
  category = 'Економіка',
): FixtureItem {
  return { title, description, link, guid: link, category, pubDate: new Date(T0 - hoursAgo * HOUR) };
}

beforeAll(async () => {
  server = await startFeedServer();
  server.route(
    '/outlet-a.xml',
    bytes(
      rssDocument('Outlet A', 'https://a.example/', 'uk', [
        item(
          'НБУ підвищив облікову ставку до 16%',
          'Правління Національного банку ухвалило рішення підвищити облікову ставку до 16% річних через інфляцію.',
          'https://a.example/news/nbu-stavka-16',
          30,
        ),
        item(
          'У Львові відкрили новий міст через залізницю',
          'Рух мостом запустили після двох років будівництва.',
          'https://a.example/news/lviv-mist',
          2,
          'Суспільство',
        ),
      ]),
    ),
  );
  server.route(
    '/outlet-c-old.xml',
    bytes(
      rssDocument('Outlet C', 'https://c.example/', 'uk', [
        item(
          'НБУ підвищив облікову ставку до 16%',
          'Правління Національного банку ухвалило рішення підвищити облікову ставку до 16% річних через інфляцію.',
          'https://c.example/news/nbu-stavka-16',
          40,
        ),
      ]),
    ),
  );
  server.route(
    '/outlet-b.xml',
    bytes(
      rssDocument('Outlet B', 'https://b.example/', 'uk', [
        item(
          'Нацбанк підвищив облікову ставку до 16% річних',
          'Правління НБУ ухвалило рішення підвищити облікову ставку до 16% через прискорення інфляції.',
          'https://b.example/economy/nbu-pidvyshchyv-stavku',
          1,
        ),
      ]),
    ),
  );
  server.route(
    '/aggregator.xml',
    bytes(
      rssDocument('Aggregator', 'https://agg.example/', 'uk', [
        item(
          'Нацбанк підвищив облікову ставку до 16% річних',
          'Правління НБУ ухвалило рішення підвищити облікову ставку до 16% через прискорення інфляції.',
          'https://agg.example/1',
          1,
        ),
        item(
          'У Львові відкрили новий міст через залізницю',
          'Рух мостом запустили після двох років будівництва.',
          'https://agg.example/2',
          2,
          'Суспільство',
        ),
        item(
          'НБУ підвищив облікову ставку до 16%',
          'Правління Національного банку ухвалило рішення підвищити облікову ставку до 16% річних через інфляцію.',
          'https://agg.example/3',
          3,
        ),
      ]),
    ),
  );
  const uaLink = 'https://www.pravda.com.ua/news/2026/11/26/7512400/';
  const ruLink = 'https://www.pravda.com.ua/rus/news/2026/11/26/7512400/';
  server.route(
    '/pravda-ua.xml',
    bytes(
      rssDocument('Українська правда', 'https://www.pravda.com.ua/', 'uk', [
        item(
          'Уряд ухвалив бюджет відновлення енергетики',
          'Кабмін виділив кошти на ремонт підстанцій.',
          uaLink,
          3,
        ),
      ]),
    ),
  );
  server.route(
    '/pravda-ru.xml',
    bytes(
      rssDocument('Украинская правда', 'https://www.pravda.com.ua/rus/', 'ru', [
        item(
          'Правительство приняло бюджет восстановления энергетики',
          'Кабмин выделил средства на ремонт подстанций.',
          ruLink,
          3,
        ),
      ]),
    ),
  );
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

async function ingest(path: string, lang: 'uk' | 'ru', name: string): Promise<void> {
  const feedId = await harness.addFeed(server.url + path, { lang, name });
  expect(await harness.poll(feedId)).toMatchObject({ outcome: 'fetched' });
  await harness.drainStories();
}

describe('worker: clustering and editions', () => {
  it('puts the same news from two outlets within 36 h into one cluster with 2 sources', async () => {
    await ingest('/outlet-a.xml', 'uk', 'Outlet A');
    await ingest('/outlet-b.xml', 'uk', 'Outlet B');

    const views = await harness.stories.latest({ lang: 'uk', limit: 10 });
    const rate = views.filter((view) => /ставк/.test(view.story.title));
    expect(rate).toHaveLength(1);
    expect(rate[0]?.sources).toBe(2);
    // The newest story stands for the cluster; the unrelated story stays on its own.
    expect(rate[0]?.story.outlet).toBe('Outlet B');
    expect(views).toHaveLength(2);
    expect(views.find((view) => view.story.title.includes('Львові'))?.sources).toBe(1);

    const ids = await redis.client.zrange(harness.keys.langIndex('uk'), '0', '-1');
    const stories = await harness.stories.getMany(ids);
    const clusterIds = new Set(stories.filter((s) => /ставк/.test(s.title)).map((s) => s.clusterId));
    expect(clusterIds.size).toBe(1);
  });

  it('clusters retellings that arrive in one stories job (one feed), not only across jobs', async () => {
    await ingest('/aggregator.xml', 'uk', 'Aggregator');
    const ids = await redis.client.zrange(harness.keys.langIndex('uk'), '0', '-1');
    const stories = await harness.stories.getMany(ids);
    const rate = stories.filter((story) => /ставк/.test(story.title));
    expect(rate).toHaveLength(2);
    expect(rate[0]?.clusterId).toBe(rate[1]?.clusterId);
    const bridge = stories.find((story) => story.title.includes('Львові'));
    expect(bridge?.clusterId).not.toBe(rate[0]?.clusterId);
  });

  it('clusters them also when both stories jobs run at the same time', async () => {
    // Both batches wait in the queue, then the worker (concurrency 4) picks them up together.
    await harness.worker.workers.stories.pause();
    const a = await harness.addFeed(`${server.url}/outlet-a.xml`, { name: 'Outlet A' });
    const b = await harness.addFeed(`${server.url}/outlet-b.xml`, { name: 'Outlet B' });
    await Promise.all([harness.poll(a), harness.poll(b)]);
    expect(await harness.worker.queues.stories.getWaitingCount()).toBe(2);
    harness.worker.workers.stories.resume();
    await harness.drainStories();

    const views = await harness.stories.latest({ lang: 'uk', limit: 10 });
    const rate = views.filter((view) => /ставк/.test(view.story.title));
    expect(rate.map((view) => view.sources)).toEqual([2]);
  });

  it('keeps the same wording more than 36 h apart in separate clusters', async () => {
    await ingest('/outlet-c-old.xml', 'uk', 'Outlet C');
    await ingest('/outlet-b.xml', 'uk', 'Outlet B');
    const views = await harness.stories.latest({ lang: 'uk', limit: 10 });
    expect(views.map((view) => [view.story.outlet, view.sources])).toEqual([
      ['Outlet B', 1],
      ['Outlet C', 1],
    ]);
  });

  it('pairs the UA and RU editions of one article', async () => {
    await ingest('/pravda-ua.xml', 'uk', 'Українська правда');
    await ingest('/pravda-ru.xml', 'ru', 'Українська правда');

    const [uk] = await harness.stories.latest({ lang: 'uk', limit: 5 });
    const [ru] = await harness.stories.latest({ lang: 'ru', limit: 5 });
    expect(uk?.story.lang).toBe('uk');
    expect(ru?.story.lang).toBe('ru');
    const pairs = await harness.stories.otherEditions([uk!.story, ru!.story]);
    expect(pairs.get(uk!.story.id)).toBe(ru!.story.id);
    expect(pairs.get(ru!.story.id)).toBe(uk!.story.id);
    // Editions are paired, not clustered: each language keeps its own cluster.
    expect(uk?.sources).toBe(1);
  });
});
