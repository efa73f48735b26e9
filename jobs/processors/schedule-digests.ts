import type { Job, Queue } from 'bullmq';
import type { DeliveryStore } from '../../src/adapters/redis/delivery-store.js';
import type { BuildJobData } from '../queues.js';

export interface ScheduleDigestsDeps {
  delivery: DeliveryStore;
  digestQueue: Queue;
  now: () => number;
  /** Chats per build job. */
  batchSize?: number;
}

/** A claimed chat whose build never ran is due again after this. */
const LEASE_MS = 10 * 60_000;
const MAX_PER_TICK = 50_000;

/**
 * The minute tick: takes only the chats whose next digest time has passed (the due index) and fans them out to
 * build jobs. A chat missed while the worker was down is simply due, so it gets one digest.
 */
export function createScheduleDigestsProcessor(deps: ScheduleDigestsDeps) {
  return async (_job?: Job): Promise<{ due: number }> => {
    const at = deps.now();
    const chats = await deps.delivery.claimDue(at, MAX_PER_TICK, LEASE_MS);
    const size = deps.batchSize ?? 100;
    const jobs = [];
    for (let i = 0; i < chats.length; i += size) {
      const batch = chats.slice(i, i + size);
      const data: BuildJobData = { chats: batch, at, reason: 'schedule' };
      jobs.push({ name: 'build', data, opts: { jobId: `build-${at}-${batch[0]}-${batch.length}` } });
    }
    for (let i = 0; i < jobs.length; i += 500) await deps.digestQueue.addBulk(jobs.slice(i, i + 500));
    return { due: chats.length };
  };
}
