import { afterAll, beforeAll, expect, it } from 'vitest';
import { createKeys } from '../../../../src/adapters/redis/keys.js';
import { OutgoingBudget, TELEGRAM_LIMITS } from '../../../../src/adapters/redis/outgoing-budget.js';
import { createTestRedis, type TestRedis } from '../../../support/test-redis.js';

let redis: TestRedis;
beforeAll(async () => {
  redis = await createTestRedis();
});
afterAll(async () => {
  await redis.cleanup();
});

const budgetOn = (suffix: string, limits = TELEGRAM_LIMITS) =>
  new OutgoingBudget(redis.client, createKeys(`${redis.prefix}${suffix}`), limits);

async function grantsWithin(
  budget: OutgoingBudget,
  ms: number,
  chat = (i: number) => ({ chatId: i, group: false }),
) {
  const end = Date.now() + ms;
  let granted = 0;
  for (let i = 0; Date.now() < end; i += 1) {
    const taken = await budget.take(chat(i));
    if (taken.granted) granted += 1;
    else await new Promise((resolve) => setTimeout(resolve, Math.min(taken.waitMs, 5)));
  }
  return granted;
}

it('two processes sharing the budget never exceed 30 in any rolling second, and use nearly all of it', async () => {
  const a = budgetOn('a');
  const b = new OutgoingBudget(redis.client.duplicate(), createKeys(`${redis.prefix}a`), TELEGRAM_LIMITS);
  const [ga, gb] = await Promise.all([grantsWithin(a, 2_100), grantsWithin(b, 2_100)]);
  // 2.1 s of 30 per second and a bit: at most 3 windows' worth, at least 2.
  expect(ga + gb).toBeLessThanOrEqual(90);
  expect(ga + gb).toBeGreaterThanOrEqual(60);
  expect(ga).toBeGreaterThan(10);
  expect(gb).toBeGreaterThan(10);
});

it('a private chat gets one message a second; a group 20 a minute', async () => {
  const budget = budgetOn('c');
  expect(await budget.take({ chatId: 5, group: false })).toMatchObject({ granted: true });
  const again = await budget.take({ chatId: 5, group: false });
  expect(again).toMatchObject({ granted: false, reason: 'chat' });
  expect(again.granted ? 0 : again.waitMs).toBeGreaterThan(1_000);
  let groupGrants = 0;
  for (let i = 0; i < 100; i += 1) {
    const taken = await budget.take({ chatId: -9, group: true });
    if (taken.granted) groupGrants += 1;
    else if (taken.reason === 'chat') break;
    else await new Promise((resolve) => setTimeout(resolve, taken.waitMs));
  }
  expect(groupGrants).toBe(20);
});

it('after a 429 nobody is granted anything until retry_after has passed, whichever chat', async () => {
  const budget = budgetOn('d');
  await budget.penalise(300, 77);
  const denied = await budget.take({ chatId: 78, group: false });
  expect(denied).toMatchObject({ granted: false, reason: 'penalty' });
  expect(await budget.take()).toMatchObject({ granted: false, reason: 'penalty' });
  // A shorter later penalty never shortens the running one.
  await budget.penalise(10);
  expect(await budget.penaltyMs()).toBeGreaterThan(200);
  await new Promise((resolve) => setTimeout(resolve, 320));
  expect(await budget.take({ chatId: 78, group: false })).toMatchObject({ granted: true });
});
