import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { findFreePort } from '../../../src/lib/free-port.js';
import { spawnRedisServer } from '../../../src/runtime/redis-server-process.js';

/** A private redis-server the chaos suite may stop, kill -9 and restart on the same port and data directory. */
export interface ChaosRedis {
  url: string;
  readonly pid: number | undefined;
  start(): Promise<void>;
  /** SIGTERM (Redis saves and exits) or SIGKILL (no goodbye; AOF everysec keeps all but the last second). */
  stop(signal: 'SIGTERM' | 'SIGKILL'): Promise<void>;
  close(): Promise<void>;
}

export async function startChaosRedis(): Promise<ChaosRedis> {
  const port = await findFreePort();
  const dir = mkdtempSync(join(tmpdir(), 'nd-chaos-redis-'));
  let child: ChildProcess | undefined;
  const redis: ChaosRedis = {
    url: `redis://127.0.0.1:${port}`,
    get pid() {
      return child?.pid;
    },
    async start() {
      child = spawnRedisServer({ port, dir, appendOnly: true, args: ['--protected-mode', 'yes'] });
      const probe = new Redis(redis.url, {
        lazyConnect: true,
        maxRetriesPerRequest: 0,
        retryStrategy: () => null,
      });
      probe.on('error', () => undefined);
      for (let i = 0; ; i += 1) {
        try {
          await probe.connect();
          // AOF replay must be finished before the server answers PING with PONG.
          if ((await probe.ping()) === 'PONG') break;
        } catch {
          if (i > 200) throw new Error('chaos redis did not start');
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
      }
      probe.disconnect();
    },
    async stop(signal) {
      const current = child;
      if (!current || current.exitCode !== null) return;
      const exited = new Promise((resolve) => current.once('exit', resolve));
      current.kill(signal);
      await exited;
    },
    async close() {
      await redis.stop('SIGKILL');
      rmSync(dir, { recursive: true, force: true });
    },
  };
  await redis.start();
  return redis;
}
