/*
 * The queues the bot adds jobs to, by name. A module of its own (no BullMQ import), so the entry point can list the
 * queues without loading BullMQ for commands that never touch a queue.
 */

/** Digest work (ticks, builds, instant batches, broadcasts); the bot adds jobs, the worker runs them. */
export const DIGEST_QUEUE = 'digest';
/** One job per (chat, message part). */
export const DELIVER_QUEUE = 'deliver';
