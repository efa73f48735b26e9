import { appendNewStoryEvents } from '../../../../src/adapters/redis/story-events.js';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { drained, makeStory, startDeliveryHarness, type DeliveryHarness } from './delivery-harness.js';

let h: DeliveryHarness;
beforeAll(async () => {
  h = await startDeliveryHarness({ instant: true });
});
afterAll(async () => {
  await h.close();
});

async function publish(id: string, title: string): Promise<void> {
  const story = makeStory({ id, title, publishedAt: Date.now() });
  await h.addStories([story]);
  // What the stories processor emits for each stored story.
  await appendNewStoryEvents(h.redis.client, h.keys, [story]);
}

it('instant chats get matching new stories quickly, batched to one message per minute', async () => {
  await h.addChat(5001, 'private', { schedule: { kind: 'instant' } });
  await h.addChat(5002, 'private', { schedule: { kind: 'instant' }, topics: ['sport'] });
  const published = Date.now();
  await publish('i1', 'Перша термінова новина');
  // The consumer queues it; the instant tick (every few seconds in production) sends it.
  await expect
    .poll(
      async () => {
        h.clock.now = Date.now();
        await h.delivery.instantTick();
        await drained(h.delivery);
        return h.api.sent(5001).length;
      },
      { timeout: 10_000, interval: 200 },
    )
    .toBe(1);
  expect(Date.now() - published).toBeLessThan(60_000);
  expect(h.api.sent(5001)[0]!.text).toContain('Перша термінова новина');

  // Two more within the minute: held back, then sent together in one message.
  await publish('i2', 'Друга новина');
  await publish('i3', 'Третя новина');
  await new Promise((resolve) => setTimeout(resolve, 1500));
  h.clock.now = Date.now();
  await h.delivery.instantTick();
  await drained(h.delivery);
  expect(h.api.sent(5001)).toHaveLength(1);
  h.clock.now = Date.now() + 61_000;
  await h.delivery.instantTick();
  await drained(h.delivery);
  const sent = h.api.sent(5001);
  expect(sent).toHaveLength(2);
  expect(sent[1]!.text).toContain('Друга новина');
  expect(sent[1]!.text).toContain('Третя новина');
  expect(h.api.sent(5002)).toHaveLength(0);
});
