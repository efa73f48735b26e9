import { afterEach, beforeEach, expect, it } from 'vitest';
import { DeliveryStats } from '../../../../src/adapters/redis/delivery-stats.js';
import { createTestRedis, type TestRedis } from '../../../support/test-redis.js';

const HOUR = 3_600_000;
const NOW = Date.UTC(2026, 10, 25, 12, 30);

let redis: TestRedis;
beforeEach(async () => {
  redis = await createTestRedis();
});
afterEach(async () => {
  await redis.cleanup();
});

it('sums the last 24 hours of outcomes across processes: sent and plain are sent, the rest are failures', async () => {
  const one = new DeliveryStats(redis.client, redis.keys);
  const two = new DeliveryStats(redis.client, redis.keys);
  await one.record('sent', NOW);
  await two.record('plain', NOW - 2 * HOUR);
  await one.record('forbidden', NOW - 23 * HOUR);
  await two.record('forbidden', NOW);
  await one.record('rate-limited', NOW);
  await one.record('sent', NOW - 25 * HOUR); // outside the window
  expect(await one.last24h(NOW)).toEqual({ sent: 2, failed: { forbidden: 2, 'rate-limited': 1 } });
  const ttl = await redis.client.pttl(redis.keys.deliveryStatsHour(Math.floor(NOW / HOUR)));
  expect(ttl).toBeGreaterThan(25 * HOUR);
});
