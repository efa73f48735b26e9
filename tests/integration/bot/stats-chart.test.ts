import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createChatStore } from '../../../src/adapters/redis/chat-store.js';
import { DeliveryStats } from '../../../src/adapters/redis/delivery-stats.js';
import { FeedStore } from '../../../src/adapters/redis/feed-store.js';
import { createKeys } from '../../../src/adapters/redis/keys.js';
import { StoryStore } from '../../../src/adapters/redis/story-store.js';
import { createBot } from '../../../src/bot/create-bot.js';
import { createOperatorDeps } from '../../../src/bot/operators/operator-root.js';
import { runBot, type RunningBot } from '../../../src/bot/run-bot.js';
import { initialHealth } from '../../../src/core/feed/feed-health.js';
import type { StatsSeries } from '../../../src/core/ops/stats-chart.js';
import { startBotApiServer, type BotApiServer } from '../../../tools/bot-api-server/server.js';
import { makeStory } from '../../../tools/in-memory/memory-story-reader.js';
import { TEST_TOPICS } from '../../../tools/in-memory/test-topics.js';
import { createTestRedis, type TestRedis } from '../../support/test-redis.js';

const OPERATOR_ID = 4343;
const HOUR = 3_600_000;
const NOW = Date.parse('2025-06-10T09:30:00Z');
const THIS_HOUR = Date.parse('2025-06-10T09:00:00Z');

describe('/stats chart', () => {
  let api: BotApiServer;
  let redis: TestRedis;
  let running: RunningBot;
  let closeOps: () => Promise<void>;
  let drawn: { spec: Record<string, unknown>; series: StatsSeries }[];

  beforeEach(async () => {
    api = await startBotApiServer();
    redis = await createTestRedis();
    const keys = createKeys(redis.prefix);
    const stats = new DeliveryStats(redis.client, createKeys(redis.prefix));
    // Counters: 3 sent and 1 failed this hour, 2 sent (one as plain text) 5 hours ago, 4 failed 3 days ago.
    for (const outcome of ['sent', 'sent', 'sent', 'forbidden'] as const) await stats.record(outcome, NOW);
    await stats.record('sent', NOW - 5 * HOUR);
    await stats.record('plain', NOW - 5 * HOUR);
    for (let i = 0; i < 4; i += 1) await stats.record('transient', NOW - 72 * HOUR);
    // Stories stored 2 h ago (2 uk, 1 ru) and now (1 uk).
    const stories = new StoryStore(redis.client, keys, {
      retentionMs: 14 * 24 * HOUR,
      clusterWindowMs: 36 * HOUR,
    });
    const save = (list: ReturnType<typeof makeStory>[], at: number) =>
      stories.save(
        list.map((story) => ({ story, shingles: '', bands: [] })),
        at,
      );
    await save(
      [makeStory({ id: 'a1' }), makeStory({ id: 'a2' }), makeStory({ id: 'a3', lang: 'ru' })],
      NOW - 2 * HOUR,
    );
    await save([makeStory({ id: 'a4' })], NOW);
    // Feeds: six failing with different streaks, one healthy.
    const feeds = new FeedStore(redis.client, keys);
    for (const [i, failures] of [3, 12, 1, 7, 5, 2, 0].entries()) {
      const id = `f${i}`;
      await feeds.add(
        {
          id,
          url: `https://feed${i}.example/rss`,
          lang: 'uk',
          name: `Стрічка ${i}`,
          intervalMs: 300_000,
          topics: [],
          source: 'file',
        },
        NOW,
      );
      await feeds.saveHealth(id, {
        ...initialHealth(),
        consecutiveFailures: failures,
        status: failures > 0 ? 'failing' : 'ok',
      });
    }

    const operators = createOperatorDeps({
      operatorIds: [OPERATOR_ID],
      redis: redis.client,
      redisUrl: redis.url,
      keys,
      allowPrivateFeeds: true,
      queueNames: [],
      topics: TEST_TOPICS,
      chats: createChatStore(redis.client, keys),
      stories,
      deliveries: () => stats.last24h(NOW),
      hourlyDeliveries: (at, hours) => stats.hourly(at, hours),
      now: () => NOW,
    });
    closeOps = operators.close;
    drawn = [];
    const chart = operators.deps.chart!;
    const series = chart.series;
    let last: StatsSeries | undefined;
    chart.series = async (range, at) => (last = await series(range, at));
    const render = chart.render;
    chart.render = async (spec) => {
      drawn.push({ spec, series: last! });
      return render(spec);
    };
    const logger = pino({ level: 'silent' });
    const bot = createBot(api.token, {
      config: { apiRoot: api.apiRoot, defaultTimezone: 'Europe/Kyiv' },
      logger,
      digest: async () => undefined,
      chats: createChatStore(redis.client, createKeys(redis.prefix)),
      stories,
      topics: TEST_TOPICS,
      now: () => NOW,
      operators: operators.deps,
    });
    running = await runBot(bot, { logger });
  });

  afterEach(async () => {
    await running.stop();
    await closeOps();
    await api.close();
    await redis.cleanup();
  });

  const statsPhoto = async (command: string, languageCode = 'uk') => {
    const op = api.addUser({ id: OPERATOR_ID, language_code: languageCode });
    const before = api.photos(OPERATOR_ID).length;
    api.sendText(op, OPERATOR_ID, command);
    await api.waitFor(() => api.photos(OPERATOR_ID).length > before, 20_000);
    return api.photos(OPERATOR_ID).at(-1)!;
  };

  it(
    'sends a PNG chart with the report as caption; the numbers behind it are the counters',
    { timeout: 30_000 },
    async () => {
      const photo = await statsPhoto('/stats');
      expect(photo.content.subarray(1, 4).toString('ascii')).toBe('PNG');
      expect(photo.width).toBeGreaterThanOrEqual(800);
      expect(photo.height).toBeGreaterThanOrEqual(600);
      expect(photo.content.length).toBeGreaterThan(20_000);
      expect(photo.content.length).toBeLessThan(2_000_000);
      expect(photo.caption).toContain('<b>Статистика</b>');
      expect(photo.caption).toContain('Доставки за 24 год\n  надіслано: 5\n  помилки: 1');

      const { series, spec } = drawn[0]!;
      expect(series.buckets).toHaveLength(24);
      expect(series.buckets.at(-1)).toBe(THIS_HOUR);
      expect(series.sent.at(-1)).toBe(3);
      expect(series.failed.at(-1)).toBe(1);
      expect(series.sent.at(-6)).toBe(2);
      expect(series.sent.reduce((a, b) => a + b)).toBe(5);
      expect(series.failed.reduce((a, b) => a + b)).toBe(1); // the 3-day-old failures are outside 24 h
      expect(series.stories.uk.at(-3)).toBe(2);
      expect(series.stories.ru.at(-3)).toBe(1);
      expect(series.stories.uk.at(-1)).toBe(1);
      expect(series.failingFeeds).toEqual([
        { name: 'Стрічка 1 (uk)', failures: 12 },
        { name: 'Стрічка 3 (uk)', failures: 7 },
        { name: 'Стрічка 4 (uk)', failures: 5 },
        { name: 'Стрічка 0 (uk)', failures: 3 },
        { name: 'Стрічка 5 (uk)', failures: 2 },
      ]);
      // The spec draws exactly these numbers, titled in the operator's language.
      const panels = spec.vconcat as { title: string; data: { values: Record<string, unknown>[] } }[];
      expect(panels.map((p) => p.title)).toEqual([
        'Новини за годину, за мовою',
        'Доставки й помилки за годину',
        'Стрічки з найбільшою кількістю помилок поспіль',
      ]);
      const sentDrawn = panels[1]!.data.values.filter((v) => v.kind === 'надіслано').map((v) => v.n);
      expect(sentDrawn).toEqual(series.sent);
      expect(panels[2]!.data.values.map((v) => v.n)).toEqual([12, 7, 5, 3, 2]);
    },
  );

  it('/stats 7d draws seven days, counting the failures of three days ago', { timeout: 30_000 }, async () => {
    const photo = await statsPhoto('/stats 7d', 'en');
    expect(photo.caption).toContain('<b>Stats</b>');
    expect(photo.caption).toContain('Deliveries in the last 24 h\n  sent: 5');
    const { series } = drawn[0]!;
    expect(series.range).toBe('7d');
    expect(series.buckets).toHaveLength(7);
    expect(series.sent.at(-1)).toBe(5);
    expect(series.failed.at(-1)).toBe(1);
    expect(series.failed.at(-4)).toBe(4);
    expect(series.stories.uk.at(-1)).toBe(3);
  });
});
