import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultChatSettings } from '../../../../src/core/chat/chat-settings.js';
import { createScheduleDigestsProcessor, LEASE_MS } from '../../../../jobs/processors/schedule-digests.js';
import { drained, makeStory, startDeliveryHarness, type DeliveryHarness } from './delivery-harness.js';

const T0 = Date.parse('2025-06-10T05:00:00Z'); // 08:00 in Kyiv
const MIN = 60_000;
const NINE = { kind: 'times' as const, times: ['09:00'] };

let h: DeliveryHarness;
beforeAll(async () => {
  h = await startDeliveryHarness({ now: T0 });
  await h.addStories([makeStory({ id: 'p1', title: 'Рада ухвалила закон', publishedAt: T0 - 30 * MIN })]);
});
afterAll(async () => {
  await h.close();
});

/** Log lines as objects, so a test can see what an operator would read. */
function captureLogs() {
  const lines: Record<string, unknown>[] = [];
  const logger = pino({ level: 'info' }, { write: (line: string) => lines.push(JSON.parse(line)) });
  return { logger, lines };
}

describe('one bad batch or chat never blocks the tick', () => {
  it('a batch BullMQ refuses is logged with its chats and counted; the other batches are delivered', async () => {
    const thread = defaultChatSettings(
      { chatId: -1001234567890, threadId: 7 },
      'supergroup',
      'uk',
      'Europe/Kyiv',
      T0,
    );
    h.api.addChat({ id: -1001234567890, type: 'supergroup', title: 'Форум', is_forum: true });
    await h.delivery.chats.save({ ...thread, schedule: NINE });
    await h.addChat(1001, 'private', { schedule: NINE });
    await h.addChat(1002, 'private', { schedule: NINE });

    const { logger, lines } = captureLogs();
    let counted = 0;
    const at = T0 + 61 * MIN;
    const tick = createScheduleDigestsProcessor({
      delivery: h.delivery.store,
      digestQueue: h.delivery.queues.digest,
      logger,
      now: () => at,
      batchSize: 1,
      // The id rule before issue 14: BullMQ refuses it for a thread ("Custom Id cannot contain :").
      buildJobId: (time, chats) => `build-${time}-${chats[0]}-${chats.length}`,
      onQueueFailure: (chats) => {
        counted += chats;
      },
    });
    h.clock.now = at;
    expect(await tick()).toEqual({ due: 3, failed: 1 });
    await drained(h.delivery);

    expect(h.api.sent(1001)).toHaveLength(1);
    expect(h.api.sent(1002)).toHaveLength(1);
    expect(h.api.sent(-1001234567890)).toHaveLength(0);
    expect(counted).toBe(1);
    const refused = lines.find((line) => line.msg?.toString().startsWith('could not queue a digest build'));
    expect(refused).toMatchObject({
      chats: ['-1001234567890:7'],
      err: { message: 'Custom Id cannot contain :' },
    });
    // Not lost: the thread comes due again when its lease runs out, and the fixed ids then deliver it.
    expect(await h.delivery.store.dueAt('-1001234567890:7')).toBe(at + LEASE_MS);
    h.clock.now = at + LEASE_MS + MIN;
    expect(await h.delivery.tick()).toEqual({ due: 1, failed: 0 });
    await drained(h.delivery);
    expect(h.api.sent(-1001234567890)).toHaveLength(1);
    expect(h.api.sent(-1001234567890)[0]!.message_thread_id).toBe(7);
  });

  it('a chat whose key cannot be read goes to the dead-letter list alone; its batch is delivered', async () => {
    await h.addChat(2001, 'private', { schedule: NINE });
    await h.delivery.store.setDue('not-a-chat', T0);
    const at = T0 + 2 * 24 * 60 * MIN + 61 * MIN;
    h.clock.now = at - 10 * MIN;
    await h.addStories([makeStory({ id: 'p2', title: 'Уряд затвердив план', publishedAt: at - 30 * MIN })]);
    h.clock.now = at;
    await h.delivery.tick();
    await drained(h.delivery);
    expect(h.api.sent(2001)).toHaveLength(1);
    const [letter] = await h.delivery.store.deadLetters();
    expect(letter).toMatchObject({ queue: 'digest', name: 'build', chats: ['not-a-chat'] });
    expect(letter!.reason).toContain('not a chat key id');
    expect(await h.delivery.store.dueAt('not-a-chat')).toBeUndefined();
  });

  it('a build job that keeps failing ends in the dead-letter list instead of retrying forever', async () => {
    const before = h.deadLettered.length;
    // Job data no build can read (as from an older release): the processor throws on every attempt.
    const job = await h.delivery.queues.digest.add(
      'build',
      { at: h.clock.now, reason: 'schedule' },
      { jobId: 'build-broken-1', attempts: 3, backoff: { type: 'fixed', delay: 20 } },
    );
    await expect.poll(() => job.getState(), { timeout: 10_000 }).toBe('failed');
    await expect.poll(() => h.deadLettered.length, { timeout: 5_000 }).toBe(before + 1);
    const fresh = await h.delivery.queues.digest.getJob('build-broken-1');
    expect(fresh?.attemptsMade).toBe(3);
    const [letter] = await h.delivery.store.deadLetters();
    expect(letter).toMatchObject({ queue: 'digest', name: 'build', jobId: 'build-broken-1', chats: [] });
    expect(letter!.reason).toContain('TypeError');
  });
});
