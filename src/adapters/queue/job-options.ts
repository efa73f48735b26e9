import type { DefaultJobOptions } from 'bullmq';

// Finished jobs are removed so Redis does not grow with history; a few failures are kept for operators.
const CLEANUP = { removeOnComplete: { count: 100 }, removeOnFail: { count: 500 } };

/**
 * The one definition of each queue's job options, for every process that adds jobs (the worker, and the bot's
 * /digest and /broadcast), so a job retries the same way whoever queued it.
 */
export const JOB_OPTIONS = {
  poll: { ...CLEANUP, attempts: 3, backoff: { type: 'exponential', delay: 2_000 } },
  stories: { ...CLEANUP, attempts: 10, backoff: { type: 'exponential', delay: 1_000 } },
  maintenance: { removeOnComplete: true, removeOnFail: { count: 50 } },
  digest: { ...CLEANUP, attempts: 5, backoff: { type: 'exponential', delay: 1_000 } },
  // 5xx and network failures: at least 5 attempts, backing off 1 s, 2 s, 4 s, ...
  deliver: {
    removeOnComplete: true,
    removeOnFail: { count: 1000 },
    attempts: 8,
    backoff: { type: 'exponential', delay: 1_000 },
  },
} as const satisfies Record<string, DefaultJobOptions>;
