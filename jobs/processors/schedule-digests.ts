import type { Job, Queue } from 'bullmq';
import { buildJobId } from '../../src/adapters/queue/job-ids.js';
import type { DeliveryStore } from '../../src/adapters/redis/delivery-store.js';
import type { Logger } from '../../src/logger.js';
import type { BuildJobData } from '../queues.js';

export interface ScheduleDigestsDeps {
  delivery: DeliveryStore;
  digestQueue: Queue;
  logger: Logger;
  now: () => number;
  /** Chats per build job. */
  batchSize?: number;
  /** Told how many chats' builds could not be queued (for /metrics). */
  onQueueFailure?: (chats: number) => void;
  /** The build job id rule; tests pass one BullMQ refuses, to show that one bad batch never blocks the rest. */
  buildJobId?: (at: number, chats: readonly string[]) => string;
}

export interface TickResult {
  due: number;
  /** Chats whose build job could not be queued; they come due again when their lease runs out. */
  failed: number;
}

/** A claimed chat whose build never ran is due again after this. */
export const LEASE_MS = 10 * 60_000;
const MAX_PER_TICK = 50_000;
/** Build jobs per addBulk call. */
const ADD_BULK = 500;

/**
 * The minute tick: takes only the chats whose next digest time has passed (the due index) and fans them out to
 * build jobs. A chat missed while the worker was down is simply due, so it gets one digest. One batch that cannot
 * be queued never stops the others: addBulk fails a whole slice for one bad job, so a failed slice is retried job
 * by job, and only the jobs that still fail are left out (logged with their chats, counted).
 */
export function createScheduleDigestsProcessor(deps: ScheduleDigestsDeps) {
  return async (_job?: Job): Promise<TickResult> => {
    const at = deps.now();
    const chats = await deps.delivery.claimDue(at, MAX_PER_TICK, LEASE_MS);
    const size = deps.batchSize ?? 100;
    const jobIdOf = deps.buildJobId ?? buildJobId;
    const jobs = [];
    for (let i = 0; i < chats.length; i += size) {
      const batch = chats.slice(i, i + size);
      const data: BuildJobData = { chats: batch, at, reason: 'schedule' };
      jobs.push({ name: 'build', data, opts: { jobId: jobIdOf(at, batch) } });
    }
    let failed = 0;
    for (let i = 0; i < jobs.length; i += ADD_BULK) {
      const slice = jobs.slice(i, i + ADD_BULK);
      try {
        await deps.digestQueue.addBulk(slice);
        continue;
      } catch {
        // Find the job(s) that made the slice fail; the rest are queued one by one below.
      }
      for (const job of slice) {
        try {
          await deps.digestQueue.add(job.name, job.data, job.opts);
        } catch (error) {
          failed += job.data.chats.length;
          deps.logger.error(
            { err: error, jobId: job.opts.jobId, chats: job.data.chats },
            'could not queue a digest build; its chats come due again after the lease',
          );
          deps.onQueueFailure?.(job.data.chats.length);
        }
      }
    }
    return { due: chats.length, failed };
  };
}
