import { fork } from 'node:child_process';
import { Api } from 'grammy';
import { afterEach, describe, expect, it } from 'vitest';
import { FeedStore } from '../../../../src/adapters/redis/feed-store.js';
import { readOpsStats } from '../../../../src/services/ops-stats.js';
import { OutgoingBudget, TELEGRAM_LIMITS } from '../../../../src/adapters/redis/outgoing-budget.js';
import { renderStats } from '../../../../src/core/ops/stats-text.js';
import { budgetTransformer } from '../../../../src/adapters/telegram/budget-transformer.js';
import { drained, makeStory, startDeliveryHarness, type DeliveryHarness } from './delivery-harness.js';

/**
 * Telegram failing in each way the sender must survive, produced for real by the local Bot API server: a 429 that
 * other chats (and another process's replies) must wait out, 5xx until the attempts run out, a request that hangs.
 */
const T0 = Date.parse('2025-06-10T05:00:00Z');
const MIN = 60_000;

let h: DeliveryHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

async function start(options: Parameters<typeof startDeliveryHarness>[0] = {}): Promise<DeliveryHarness> {
  h = await startDeliveryHarness({ now: T0, ...options });
  await h.addStories([makeStory({ id: 'p1', title: 'Рада ухвалила закон', publishedAt: T0 - 30 * MIN })]);
  return h;
}

const digestFor = (harness: DeliveryHarness, chats: number[]) =>
  harness.delivery.queues.digest.add('build', {
    chats: chats.map(String),
    at: harness.clock.now,
    reason: 'manual',
  });

describe('429', () => {
  it('one chat gets a 429: every other chat, and the bot process, waits out retry_after before sending', async () => {
    const harness = await start();
    for (const id of [7001, 7002, 7003, 7004]) await harness.addChat(id, 'private');
    // Another process's view of the same budget: the bot's API with the shared transformer.
    const botRedis = harness.redis.client.duplicate();
    const botBudget = new OutgoingBudget(botRedis, harness.keys, TELEGRAM_LIMITS);
    const botApi = new Api(harness.api.token, { apiRoot: harness.api.apiRoot });
    botApi.config.use(budgetTransformer(botBudget));
    harness.api.fail('sendMessage', { code: 429, retryAfter: 2 }, { times: 1, chatId: 7001 });

    await digestFor(harness, [7001]);
    const rejected = await harness.api.waitFor(() =>
      harness.api.calls('sendMessage').find((call) => call.error_code === 429),
    );
    // Once the worker has read the 429 (before that, nobody can know of it), the other process sees the penalty.
    await expect.poll(() => botBudget.penaltyMs()).toBeGreaterThan(1_000);
    // Within the penalty: deliveries to other chats and a bot reply elsewhere are asked for.
    await digestFor(harness, [7002, 7003]);
    const reply = botApi.sendMessage(7004, 'відповідь на команду');
    await drained(harness.delivery, 15_000);
    await reply;

    const after = harness.api.calls('sendMessage').filter((call) => call.at > rejected.at);
    expect(after.map((call) => Number(call.params.chat_id)).sort()).toEqual([7001, 7002, 7003, 7004]);
    for (const call of after) expect(call.at - rejected.at).toBeGreaterThanOrEqual(1_990);
    expect(harness.api.penaltyStats()).toMatchObject({ windows: 1, violations: 0 });
    for (const id of [7001, 7002, 7003, 7004]) expect(harness.api.sent(id)).toHaveLength(1);
    await botRedis.quit();
  }, 30_000);
});

describe('5xx', () => {
  it('a chat whose sends keep failing with 500 is retried until the attempts run out, then dead-lettered', async () => {
    const harness = await start({ retry: { attempts: 3, backoffMs: 50 } });
    await harness.addChat(7101, 'private');
    await harness.addChat(7102, 'private');
    harness.api.fail('sendMessage', { code: 500 }, { chatId: 7101 });

    await digestFor(harness, [7101, 7102]);
    await drained(harness.delivery, 15_000);
    await expect.poll(() => harness.deadLettered.length).toBe(1);

    const calls = harness.api.calls('sendMessage').filter((call) => Number(call.params.chat_id) === 7101);
    expect(calls.map((call) => call.error_code)).toEqual([500, 500, 500]);
    const [letter] = await harness.delivery.store.deadLetters();
    expect(letter).toMatchObject({ queue: 'deliver', chats: ['7101'] });
    expect(letter?.reason).toContain('500');
    // Operators hear of it: an alert for the notifier, and /stats.
    const [alert] = await new FeedStore(harness.redis.client, harness.keys).recentAlerts(1);
    expect(alert).toMatchObject({ kind: 'dead-letter', feedId: 'deliver/deliver', url: '7101' });
    const stats = await readOpsStats(
      {
        chats: harness.rawChats,
        stories: harness.stories,
        feeds: new FeedStore(harness.redis.client, harness.keys),
        queueCounts: async () => ({}),
        deadLetters: harness.delivery.store,
      },
      Date.now(),
    );
    expect(stats.deadLetters?.total).toBe(1);
    expect(renderStats(stats)).toContain('Dead letters: 1');
    // The other chat is not held back by the failing one.
    expect(harness.api.sent(7102)).toHaveLength(1);
    expect(harness.api.sent(7101)).toHaveLength(0);
  }, 30_000);
});

describe('hung request', () => {
  it('a sendMessage that never answers is timed out and retried like a 5xx; the chat gets one message', async () => {
    const harness = await start({ sendTimeoutMs: 400, retry: { attempts: 3, backoffMs: 50 } });
    await harness.addChat(7201, 'private');
    harness.api.fail('sendMessage', { code: 'hang' }, { times: 1, chatId: 7201 });
    const started = Date.now();

    await digestFor(harness, [7201]);
    await drained(harness.delivery, 15_000);

    const calls = harness.api.calls('sendMessage').filter((call) => Number(call.params.chat_id) === 7201);
    expect(calls).toHaveLength(2);
    expect(calls[1]!.at - calls[0]!.at).toBeGreaterThanOrEqual(400);
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(harness.api.sent(7201)).toHaveLength(1);
    // A timed-out request may have been accepted, so the retry is counted as a possible duplicate.
    expect(await harness.delivery.store.uncertainResends()).toBe(1);
  }, 30_000);
});

describe('crash between send and ledger', () => {
  /** Runs one chat's delivery in a child worker that SIGKILLs itself at `at`, then restarts a worker here. */
  async function crashAt(at: 'before-send' | 'after-send') {
    const now = Date.now();
    const harness = await startDeliveryHarness({ now, lockMs: 1_000 });
    h = harness;
    await harness.addStories([
      makeStory({ id: 'c1', title: 'Рада ухвалила закон', publishedAt: now - 30 * MIN }),
    ]);
    await harness.addChat(7301, 'private');
    await harness.addChat(7302, 'private');
    await harness.delivery.workers.digest.pause();
    await harness.delivery.workers.deliver.pause();
    const plan = {
      redisUrl: harness.redis.url,
      prefix: harness.redis.prefix,
      apiRoot: harness.api.apiRoot,
      token: harness.api.token,
      crashChat: 7301,
      at,
    };
    const child = fork('tests/support/crash-worker-child.ts', [], {
      execArgv: ['--import', 'tsx'],
      env: { ...process.env, CRASH_PLAN: JSON.stringify(plan) },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    const exited = new Promise<NodeJS.Signals | null>((resolve) =>
      child.once('exit', (_code, signal) => resolve(signal)),
    );
    await new Promise((resolve) => child.once('message', resolve));
    // A chat delivered before the crash, then the chat whose send the child dies in.
    await digestFor(harness, [7302]);
    await harness.api.waitFor(() => harness.api.sent(7302).length === 1, 10_000);
    await digestFor(harness, [7301]);
    expect(await exited).toBe('SIGKILL');
    const sentAtCrash = harness.api.sent(7301).length;
    // A fresh worker (a restarted process) takes the dead worker's job once its lock runs out.
    await harness.restart();
    await harness.api.waitFor(() => harness.api.sent(7301).length > sentAtCrash, 15_000);
    await drained(harness.delivery, 10_000);
    return { harness, sentAtCrash };
  }

  it('dying after Telegram accepted and before the ledger write posts the message twice, and counts it', async () => {
    const { harness, sentAtCrash } = await crashAt('after-send');
    expect(sentAtCrash).toBe(1);
    // The documented duplicate: at least once, never lost.
    expect(harness.api.sent(7301)).toHaveLength(2);
    expect(await harness.delivery.store.uncertainResends()).toBe(1);
    expect(harness.api.sent(7302)).toHaveLength(1);
  }, 40_000);

  it('dying after the sending mark and before the request posts the message once', async () => {
    const { harness, sentAtCrash } = await crashAt('before-send');
    expect(sentAtCrash).toBe(0);
    expect(harness.api.sent(7301)).toHaveLength(1);
    expect(await harness.delivery.store.uncertainResends()).toBe(1);
    expect(harness.api.sent(7302)).toHaveLength(1);
  }, 40_000);
});
