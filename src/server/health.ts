import type { RedisClient } from '../adapters/redis/redis-client.js';
import type { WorkerHealthStore } from '../adapters/redis/worker-health-store.js';

export interface HealthCheck {
  ok: boolean;
  detail: string;
}

export interface HealthReport {
  ok: boolean;
  /** Names of the failing checks, e.g. ["worker"]. */
  failing: string[];
  checks: Record<'redis' | 'worker' | 'poll', HealthCheck> & Record<string, HealthCheck>;
}

export const WORKER_STALE_MS = 60_000;
export const POLL_STALE_MS = 30 * 60_000;

const seconds = (ms: number) => `${Math.round(ms / 1000)}s`;

/**
 * Redis answers, some worker beat within a minute, and some feed was read within 30 min; plus what this process's
 * services report about themselves (`own`, e.g. `telegram` while the Bot API is unreachable).
 */
export async function checkHealth(
  redis: RedisClient,
  workers: WorkerHealthStore,
  now: number,
  own: Record<string, HealthCheck> = {},
): Promise<HealthReport> {
  const checks: HealthReport['checks'] = {
    redis: { ok: false, detail: 'no answer' },
    worker: { ok: false, detail: 'unknown' },
    poll: { ok: false, detail: 'unknown' },
  };
  try {
    const started = Date.now();
    await withTimeout(redis.ping(), 2_000);
    checks.redis = { ok: true, detail: `ping ${Date.now() - started}ms` };
    const { newestBeat: beat, lastPollOk: lastPoll } = await withTimeout(workers.read(), 2_000);
    checks.worker =
      beat === undefined
        ? { ok: false, detail: 'no worker heartbeat' }
        : { ok: now - beat <= WORKER_STALE_MS, detail: `heartbeat ${seconds(now - beat)} ago` };
    // Before the first poll there is nothing to judge; a worker that is alive will get there.
    checks.poll =
      lastPoll === undefined
        ? { ok: true, detail: 'no poll yet' }
        : {
            ok: now - lastPoll <= POLL_STALE_MS,
            detail: `last successful poll ${seconds(now - lastPoll)} ago`,
          };
  } catch (error) {
    checks.redis = { ok: false, detail: (error as Error).message };
  }
  Object.assign(checks, own);
  const failing = Object.entries(checks)
    .filter(([, check]) => !check.ok)
    .map(([name]) => name);
  return { ok: failing.length === 0, failing, checks };
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms}ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
