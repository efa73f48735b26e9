import { afterAll, expect, it } from 'vitest';
import { startChaosWorld, until, type ChaosWorld } from './support/chaos-world.js';

/**
 * Scenario 4: two worker processes and one bot process share the token's budget. 200 users send commands in one
 * burst during a fan-out: every command is answered, nothing is sent inside a penalty window, and deliveries use
 * what the replies leave of 30 messages a second.
 */
const CHATS = Number(process.env['CHAOS_BURST_CHATS'] ?? 1_500);
const USERS = 200;

let world: ChaosWorld | undefined;
afterAll(async () => {
  await world?.close();
});

it('200 users burst commands during a fan-out: all answered, no penalty-window sends, deliveries use the rest', async () => {
  world = await startChaosWorld();
  const w = world;
  await w.seedStories(30);
  const chats = await w.seedChats(CHATS, ['private', 'private', 'private', 'group', 'supergroup', 'channel']);
  const chatIds = new Set(chats.map((c) => c.key.chatId));
  const bot = w.spawn('bot', 'bot');
  const workers = [w.spawn('worker', 'worker-1'), w.spawn('worker', 'worker-2')];
  // The bot is up when it answers a first command.
  const probe = w.api.addUser({ id: 30_000_000 });
  w.api.sendText(probe, w.api.privateChat(probe), '/help');
  await until(() => w.api.sent(probe.id).length > 0, 60_000, 'the bot to answer');

  await w.tick();
  await until(
    () => w.api.sent().filter((m) => chatIds.has(m.chat_id)).length > 60,
    60_000,
    'the fan-out to start',
  );
  const users = Array.from({ length: USERS }, (_, i) => w.api.addUser({ id: 30_000_001 + i }));
  const burstAt = Date.now();
  for (const [i, user] of users.entries()) {
    w.api.sendText(user, w.api.privateChat(user), i % 2 === 0 ? '/help' : '/start');
  }
  await until(() => users.every((u) => w.api.sent(u.id).length > 0), 120_000, 'every command to be answered');
  const answeredIn = (Date.now() - burstAt) / 1000;
  const report = await w.waitDelivered(chats, 300_000);

  const deliveries = w.api.sent().filter((m) => chatIds.has(m.chat_id));
  const first = Math.min(...deliveries.map((m) => m.at));
  const last = Math.max(...deliveries.map((m) => m.at));
  const seconds = (last - first) / 1000;
  const replies = w.api.sent().filter((m) => !chatIds.has(m.chat_id) && m.at >= first && m.at <= last).length;
  const left = 30 * seconds - replies;
  const penalties = w.api.penaltyStats();
  const figures = {
    scenario: 'commands-during-fanout',
    chats: CHATS,
    users: USERS,
    answered: users.filter((u) => w.api.sent(u.id).length > 0).length,
    allAnsweredInSeconds: Number(answeredIn.toFixed(1)),
    lost: report.lost,
    duplicates: report.duplicates,
    deliveries: deliveries.length,
    repliesDuringFanout: replies,
    fanoutSeconds: Number(seconds.toFixed(1)),
    budgetLeftByReplies: Math.round(left),
    deliveryShareOfLeft: Number((deliveries.length / left).toFixed(3)),
    rejected429: w.api.calls('sendMessage').filter((c) => c.error_code === 429).length,
    penaltyWindowSends: penalties.violations,
    inFlightAt429: penalties.inFlight,
    processesAlive: [bot, ...workers].filter((p) => p.child.exitCode === null).length,
  };
  console.log(`chaos 4: ${JSON.stringify(figures)}`);
  expect(figures.answered).toBe(USERS);
  expect(report.lost).toBe(0);
  expect(penalties.violations).toBe(0);
  expect(figures.deliveryShareOfLeft).toBeGreaterThanOrEqual(0.9);
  expect(figures.processesAlive).toBe(3);
}, 600_000);
