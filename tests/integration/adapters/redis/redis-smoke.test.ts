import { afterEach, beforeEach, expect, it } from 'vitest';
import { createTestRedis, type TestRedis } from '../../../support/test-redis.js';

let redis: TestRedis;
beforeEach(async () => {
  redis = await createTestRedis();
});
afterEach(async () => {
  await redis.cleanup();
});

it('talks to the private redis-server started by global setup, not the shared one', async () => {
  expect(redis.url).not.toContain(':6379');
  await redis.client.set(`${redis.prefix}:k`, 'v');
  expect(await redis.client.get(`${redis.prefix}:k`)).toBe('v');
});
