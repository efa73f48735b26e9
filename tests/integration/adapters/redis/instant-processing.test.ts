import { afterAll, beforeAll, expect, it } from 'vitest';
import { DeliveryStore } from '../../../../src/adapters/redis/delivery-store.js';
import { createKeys } from '../../../../src/adapters/redis/keys.js';
import { createTestRedis, type TestRedis } from '../../../support/test-redis.js';

let redis: TestRedis;
let store: DeliveryStore;
beforeAll(async () => {
  redis = await createTestRedis();
  store = new DeliveryStore(redis.client, createKeys(redis.prefix));
});
afterAll(async () => {
  await redis.cleanup();
});

it('stories an instant tick took but never queued (a crash) are taken again by the next tick, until acked', async () => {
  const now = Date.now();
  await store.queueInstant([{ chat: '42', storyIds: ['s1', 's2'] }], now);
  const first = await store.takeInstantDue(now, 100);
  expect(first).toEqual([{ chat: '42', storyIds: expect.arrayContaining(['s1', 's2']) }]);
  // The process dies here: no ackInstant. A story arriving meanwhile joins the same batch.
  await store.queueInstant([{ chat: '42', storyIds: ['s3'] }], now + 61_000);
  const retaken = await store.takeInstantDue(now + 61_000, 100);
  expect(retaken[0]?.storyIds.sort()).toEqual(['s1', 's2', 's3']);
  await store.ackInstant(['42']);
  expect(await store.takeInstantDue(now + 200_000, 100)).toEqual([]);
});
