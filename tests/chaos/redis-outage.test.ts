import { afterAll, expect, it } from 'vitest';
import { startChaosWorld, until, type ChaosWorld } from './support/chaos-world.js';

/**
 * Scenario 2: Redis goes away during a fan-out (and the feed polling that runs alongside), first stopped cleanly
 * (SIGTERM), then killed (-9, AOF everysec), back after 5 s each time. No process may exit, sending must resume
 * within 10 s of Redis returning, and every chat must still get its digest.
 */
const CHATS = Number(process.env['CHAOS_OUTAGE_CHATS'] ?? 900);
const DOWN_MS = 5_000;

let world: ChaosWorld | undefined;
afterAll(async () => {
  await world?.close();
});

it('Redis stopped and killed during a fan-out: processes stay up, sending resumes within 10 s, nothing lost', async () => {
  world = await startChaosWorld();
  const w = world;
  await w.seedStories(30);
  const chats = await w.seedChats(CHATS, ['private', 'private', 'group', 'channel']);
  const workers = [w.spawn('worker', 'worker-1'), w.spawn('worker', 'worker-2')];
  await w.tick();
  const started = Date.now();
  await until(() => w.api.sent().length > 30, 60_000, 'the fan-out to start');

  const outages: { signal: string; sentBefore: number; resumedAfterMs: number }[] = [];
  for (const signal of ['SIGTERM', 'SIGKILL'] as const) {
    await new Promise((resolve) => setTimeout(resolve, 4_000));
    await w.redis.stop(signal);
    const sentBefore = w.api.sent().length;
    console.log(
      `chaos 2: redis ${signal} at +${((Date.now() - started) / 1000).toFixed(1)} s after ${sentBefore} messages`,
    );
    await new Promise((resolve) => setTimeout(resolve, DOWN_MS));
    const sentWhileDown = w.api.sent().length;
    await w.redis.start();
    const back = Date.now();
    await until(() => w.api.sent().length > sentWhileDown, 30_000, 'sending to resume');
    const resumedAfterMs = Date.now() - back;
    outages.push({ signal, sentBefore, resumedAfterMs });
    console.log(`chaos 2: redis back; first send ${resumedAfterMs} ms later`);
  }

  const report = await w.waitDelivered(chats, 300_000);
  const figures = {
    scenario: 'redis-outage',
    chats: CHATS,
    outages,
    expected: report.expected,
    delivered: report.delivered,
    lost: report.lost,
    duplicates: report.duplicates,
    uncertainResends: await w.delivery.uncertainResends(),
    penaltyWindowSends: w.api.penaltyStats().violations,
    workersAlive: workers.filter((p) => p.child.exitCode === null && p.child.signalCode === null).length,
    seconds: Number(((Date.now() - started) / 1000).toFixed(1)),
  };
  console.log(`chaos 2: ${JSON.stringify(figures)}`);
  expect(figures.workersAlive).toBe(2);
  for (const outage of outages) expect(outage.resumedAfterMs).toBeLessThanOrEqual(10_000);
  expect(report.lost).toBe(0);
}, 600_000);
