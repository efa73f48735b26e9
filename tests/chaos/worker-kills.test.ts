import { afterAll, expect, it } from 'vitest';
import { startChaosWorld, until, type ChaosProcess, type ChaosWorld } from './support/chaos-world.js';

/**
 * Scenario 1: `kill -9` of a worker process at random moments of a scheduled fan-out, five times, restarting it each
 * time. Every chat must get its digest; a message may be posted twice only if it was in flight at a kill.
 */
const CHATS = Number(process.env['CHAOS_KILL_CHATS'] ?? 2_000);
const KILLS = 5;

let world: ChaosWorld | undefined;
afterAll(async () => {
  await world?.close();
});

it('kill -9 a worker 5 times during a fan-out: every chat gets its digest, duplicates only from in-flight sends', async () => {
  world = await startChaosWorld();
  const w = world;
  await w.seedStories(30);
  const chats = await w.seedChats(CHATS, ['private', 'private', 'private', 'group', 'supergroup', 'channel']);
  const workers: ChaosProcess[] = [w.spawn('worker', 'worker-a-0'), w.spawn('worker', 'worker-b-0')];
  await w.tick();
  const started = Date.now();
  await until(() => w.api.sent().length > 20, 60_000, 'the fan-out to start');

  let inFlightAtKills = 0;
  const kills: { at: number; sentBefore: number; inFlight: number }[] = [];
  for (let kill = 1; kill <= KILLS; kill += 1) {
    // Random moments spread over the fan-out (about 30/s, so 2,000 chats take over a minute).
    await new Promise((resolve) => setTimeout(resolve, 3_000 + Math.random() * 7_000));
    const index = Math.floor(Math.random() * workers.length);
    const victim = workers[index]!;
    const inFlight = await w.deliverQueue.getActiveCount();
    await victim.kill('SIGKILL');
    inFlightAtKills += inFlight;
    kills.push({ at: Date.now() - started, sentBefore: w.api.sent().length, inFlight });
    console.log(
      `chaos 1: kill ${kill} of ${victim.name} at +${((Date.now() - started) / 1000).toFixed(1)} s, ${inFlight} deliver jobs active`,
    );
    workers[index] = w.spawn('worker', `${victim.name.slice(0, -2)}-${kill}`);
  }

  const report = await w.waitDelivered(chats, 300_000);
  const seconds = (Date.now() - started) / 1000;
  const uncertain = await w.delivery.uncertainResends();
  const deadLetters = await w.delivery.deadLetters();
  const figures = {
    scenario: 'worker-kills',
    chats: CHATS,
    kills: KILLS,
    expected: report.expected,
    delivered: report.delivered,
    lost: report.lost,
    duplicates: report.duplicates,
    inFlightAtKills,
    uncertainResends: uncertain,
    deadLetters: deadLetters.length,
    penaltyWindowSends: w.api.penaltyStats().violations,
    seconds: Number(seconds.toFixed(1)),
    msgPerSec: Number((report.delivered / seconds).toFixed(2)),
  };
  console.log(`chaos 1: ${JSON.stringify(figures)}`);
  expect(report.lost).toBe(0);
  expect(report.duplicates).toBeLessThanOrEqual(inFlightAtKills);
  expect(report.duplicates).toBeLessThanOrEqual(uncertain);
  expect(deadLetters).toEqual([]);
}, 600_000);
