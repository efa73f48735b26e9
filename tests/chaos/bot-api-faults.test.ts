import { afterAll, expect, it } from 'vitest';
import { startChaosWorld, until, type ChaosWorld } from './support/chaos-world.js';

/**
 * Scenario 3: Telegram misbehaving in every way during a fan-out by two real worker processes: a global 429 storm,
 * per-chat 429s, 5xx bursts, hung requests, dropped connections, 403 for 5 % of chats and migrated groups.
 */
const CHATS = Number(process.env['CHAOS_FAULT_CHATS'] ?? 600);

let world: ChaosWorld | undefined;
afterAll(async () => {
  await world?.close();
});

it('bot API faults during a fan-out: nothing lost, no send inside a penalty window', async () => {
  world = await startChaosWorld();
  const w = world;
  await w.seedStories(30);
  const chats = await w.seedChats(CHATS, ['private', 'private', 'private', 'group', 'supergroup', 'channel']);
  // 5 % blocked the bot (403): not deliverable. A few groups became supergroups (migrated ids).
  const blocked = new Set(
    chats
      .filter((c) => c.kind === 'private')
      .slice(0, Math.round(CHATS * 0.05))
      .map((c) => c.key.chatId),
  );
  for (const id of blocked) w.api.blockUser(id);
  const migrated = new Map<number, number>();
  for (const chat of chats.filter((c) => c.kind === 'group').slice(0, 5)) {
    migrated.set(chat.key.chatId, w.api.migrateGroup(chat.key.chatId).id);
  }
  const deliverable = chats.filter((c) => !blocked.has(c.key.chatId));
  const idOf = (id: number) => migrated.get(id) ?? id;

  const workers = [w.spawn('worker', 'worker-1'), w.spawn('worker', 'worker-2')];
  await w.tick();
  const started = Date.now();
  await until(() => w.api.sent().length > 30, 60_000, 'the fan-out to start');

  const victims = deliverable.filter((c) => c.kind === 'private').slice(10, 15);
  const timeline: [number, string, () => void][] = [
    [
      0,
      '429 storm (token): 3 × retry_after 2',
      () => w.api.fail('sendMessage', { code: 429, retryAfter: 2 }, { times: 3 }),
    ],
    [
      5_000,
      '429 per chat: 5 chats × 2, retry_after 1',
      () => {
        for (const c of victims)
          w.api.fail('sendMessage', { code: 429, retryAfter: 1 }, { times: 2, chatId: c.key.chatId });
      },
    ],
    [9_000, '5xx burst: 15 × 500', () => w.api.fail('sendMessage', { code: 500 }, { times: 15 })],
    [11_000, 'hung requests: 4', () => w.api.fail('sendMessage', { code: 'hang' }, { times: 4 })],
    [13_000, 'connection resets: 10', () => w.api.fail('sendMessage', { code: 'network' }, { times: 10 })],
  ];
  for (const [at, what, inject] of timeline) {
    await until(() => Date.now() - started >= at, at + 1_000, what);
    inject();
    console.log(`chaos 3: +${((Date.now() - started) / 1000).toFixed(1)} s ${what}`);
  }

  const report = await w.waitDelivered(deliverable, 240_000, idOf);
  const seconds = (Date.now() - started) / 1000;
  const penalties = w.api.penaltyStats();
  const uncertain = await w.delivery.uncertainResends();
  const calls = w.api.calls('sendMessage');
  const figures = {
    scenario: 'bot-api-faults',
    chats: CHATS,
    deliverable: deliverable.length,
    blocked: blocked.size,
    migrated: migrated.size,
    expected: report.expected,
    delivered: report.delivered,
    lost: report.lost,
    duplicates: report.duplicates,
    uncertainResends: uncertain,
    penaltyWindows: penalties.windows,
    penaltyWindowSends: penalties.violations,
    inFlightAt429: penalties.inFlight,
    rejected429: calls.filter((c) => c.error_code === 429).length,
    seconds: Number(seconds.toFixed(1)),
    workersAlive: workers.filter((p) => p.child.exitCode === null).length,
  };
  console.log(`chaos 3: ${JSON.stringify(figures)}`);
  expect(report.lost).toBe(0);
  expect(penalties.violations).toBe(0);
  expect(report.duplicates).toBeLessThanOrEqual(uncertain);
  expect(figures.workersAlive).toBe(2);
  // Blocked chats were tried (a strike each), not silently skipped.
  for (const id of blocked)
    expect(calls.some((c) => Number(c.params.chat_id) === id && c.error_code === 403)).toBe(true);
}, 300_000);
