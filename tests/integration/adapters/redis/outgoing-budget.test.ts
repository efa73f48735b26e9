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

/**
 * `loops` concurrent senders on one budget for `ms`: each takes a grant, "sends" (notes the time, then a simulated
 * round trip of 0-15 ms) and settles, or sleeps the wait it was told. Returns the send times.
 */
async function sendsWithin(budget: OutgoingBudget, ms: number, loops: number, firstChat: number) {
  const end = Date.now() + ms;
  const sends: number[] = [];
  let chat = firstChat;
  await Promise.all(
    Array.from({ length: loops }, async () => {
      while (Date.now() < end) {
        const taken = await budget.take({ chatId: (chat += 1), group: false });
        if (!taken.granted) {
          await new Promise((resolve) => setTimeout(resolve, taken.waitMs));
          continue;
        }
        sends.push(Date.now());
        await new Promise((resolve) => setTimeout(resolve, Math.floor(Math.random() * 15)));
        await budget.settle(taken.grant);
      }
    }),
  );
  return sends;
}

it('two processes with many concurrent senders never exceed 30 sends in any rolling second', async () => {
  const a = budgetOn('a');
  const other = redis.client.duplicate();
  const b = new OutgoingBudget(other, createKeys(`${redis.prefix}a`), TELEGRAM_LIMITS);
  const [sa, sb] = await Promise.all([sendsWithin(a, 2_300, 20, 0), sendsWithin(b, 2_300, 20, 1_000_000)]);
  await other.quit();
  const sends = [...sa, ...sb].sort((x, y) => x - y);
  // A send happens between its grant and its settle, so the 31st send after any send is a full second later.
  for (let i = 30; i < sends.length; i += 1) {
    expect(sends[i]! - sends[i - 30]!).toBeGreaterThanOrEqual(1_000);
  }
  // Both processes were served, and the windows were used (at least two full ones in 2.3 s).
  expect(sa.length).toBeGreaterThan(0);
  expect(sb.length).toBeGreaterThan(0);
  expect(sends.length).toBeGreaterThanOrEqual(60);
});

const FEW = { ...TELEGRAM_LIMITS, perSecond: 3 };
const SPAN = 1000 + FEW.marginMs;
const redisNow = async () => {
  const [seconds, micros] = await redis.client.time();
  return Number(seconds) * 1000 + Math.floor(Number(micros) / 1000);
};

it('a refused request is told exactly when its slot frees; requests refused together, successive slots', async () => {
  const budget = budgetOn('w', FEW);
  for (let i = 0; i < 3; i += 1) {
    const taken = await budget.take({ chatId: 100 + i, group: false });
    if (!taken.granted) throw new Error('the window should have had room');
    await budget.settle(taken.grant);
  }
  const scores = (
    await redis.client.zrange(createKeys(`${redis.prefix}w`).budgetWindow(), '0', '-1', 'WITHSCORES')
  )
    .filter((_, i) => i % 2 === 1)
    .map(Number);
  const before = await redisNow();
  const refused = await Promise.all([
    budget.take({ chatId: 200, group: false }),
    budget.take({ chatId: 201, group: false }),
  ]);
  const after = await redisNow();
  refused.forEach((taken, i) => {
    expect(taken).toMatchObject({ granted: false, reason: 'global' });
    const waitMs = taken.granted ? 0 : taken.waitMs;
    // The oldest grant leaves at its score + the window; the script adds 1 ms so the retry finds it gone.
    expect(waitMs).toBeLessThanOrEqual(scores[i]! + SPAN + 1 - before);
    expect(waitMs).toBeGreaterThanOrEqual(scores[i]! + SPAN + 1 - after);
  });
  // Waiting exactly that long is enough.
  await new Promise((resolve) => setTimeout(resolve, refused[0]!.granted ? 0 : refused[0]!.waitMs));
  expect(await budget.take({ chatId: 200, group: false })).toMatchObject({ granted: true });
});

it('a grant holds its place in the window until it is settled, however slow the request', async () => {
  const budget = budgetOn('p', FEW);
  const grants = [];
  for (let i = 0; i < 3; i += 1) {
    const taken = await budget.take({ chatId: 300 + i, group: false });
    if (!taken.granted) throw new Error('the window should have had room');
    grants.push(taken.grant);
  }
  // Longer than the window: unsettled, the three still count, and the least wait is one whole window.
  await new Promise((resolve) => setTimeout(resolve, SPAN + 50));
  const refused = await budget.take({ chatId: 310, group: false });
  expect(refused).toMatchObject({ granted: false, reason: 'global', waitMs: SPAN + 1 });
  await budget.settle(grants[0]!);
  const again = await budget.take({ chatId: 310, group: false });
  expect(again).toMatchObject({ granted: false, reason: 'global' });
  expect(again.granted ? 0 : again.waitMs).toBeGreaterThan(SPAN - 50);
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
