import { hostname } from 'node:os';
import type { WorkerHealthStore } from '../adapters/redis/worker-health-store.js';

export const HEARTBEAT_EVERY_MS = 10_000;

/** Beats every 10 s; a worker gone for a minute drops out of the set at the next beat of any other worker. */
export function startWorkerHeartbeat(store: WorkerHealthStore, now: () => number = Date.now) {
  const name = `${hostname()}-${process.pid}`;
  const beat = (): Promise<void> => store.beat(name, now());
  const timer = setInterval(() => void beat().catch(() => undefined), HEARTBEAT_EVERY_MS);
  timer.unref();
  return {
    beat,
    async stop(): Promise<void> {
      clearInterval(timer);
      await store.leave(name).catch(() => undefined);
    },
  };
}
