import { chatKeyId, type ChatSettings } from '../../core/chat/chat-settings.js';
import { deliveryPlan } from '../../core/schedule/delivery-plan.js';
import type { ChatStore } from './chat-store.js';
import type { DeliveryStore } from './delivery-store.js';

/**
 * A ChatStore that keeps the delivery indexes (due ZSET, instant set) in step with every settings change, so the
 * minute tick never scans chats. A chat that is due right now keeps its slot, so an edit made while its digest is
 * pending does not skip that digest.
 */
export function withDeliveryIndex(store: ChatStore, delivery: DeliveryStore, now: () => number): ChatStore {
  async function sync(settings: ChatSettings | undefined, removedId?: string): Promise<void> {
    if (!settings) {
      if (removedId !== undefined) {
        await delivery.setDue(removedId, undefined);
        await delivery.setInstant(removedId, false);
      }
      return;
    }
    const id = chatKeyId(settings.key);
    const at = now();
    const plan = deliveryPlan(settings, at);
    await delivery.setInstant(id, plan.kind === 'instant');
    if (plan.kind !== 'scheduled') {
      await delivery.setDue(id, undefined);
      return;
    }
    const current = await delivery.dueAt(id);
    if (current !== undefined && current <= at) return;
    await delivery.setDue(id, plan.nextAt);
  }

  return {
    ...store,
    async save(settings) {
      await store.save(settings);
      await sync(settings);
    },
    async update(key, fn) {
      const next = await store.update(key, fn);
      await sync(next);
      return next;
    },
    async remove(key) {
      await store.remove(key);
      await sync(undefined, chatKeyId(key));
    },
    async deactivate(key, at) {
      const next = await store.deactivate(key, at);
      await sync(next);
      return next;
    },
    async reactivate(key, at) {
      const next = await store.reactivate(key, at);
      await sync(next);
      return next;
    },
  };
}

/** Seeds the indexes for chats stored before they existed (or after a Redis restore): one pass at worker start. */
export async function seedDeliveryIndex(
  store: ChatStore,
  delivery: DeliveryStore,
  now: number,
): Promise<number> {
  let seeded = 0;
  for await (const batch of store.listActive(500)) {
    for (const settings of batch) {
      const id = chatKeyId(settings.key);
      const plan = deliveryPlan(settings, now);
      if (plan.kind === 'instant') await delivery.setInstant(id, true);
      if (plan.kind === 'scheduled' && (await delivery.dueAt(id)) === undefined) {
        await delivery.setDue(id, plan.nextAt);
        seeded += 1;
      }
    }
  }
  return seeded;
}
