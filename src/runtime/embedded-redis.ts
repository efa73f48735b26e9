import type { ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { Redis } from 'ioredis';
import { RedisUnavailableError } from '../errors/redis-unavailable-error.js';
import { findFreePort } from '../lib/free-port.js';
import {
  claimLock,
  commandLine,
  isAlive,
  lockPath,
  readLock,
  removeLock,
  writeLock,
} from './data-dir-lock.js';
import { acceptsConnections, spawnRedisServer } from './redis-server-process.js';

export interface EmbeddedRedis {
  url: string;
  port: number;
  pid: number;
  /** The pid of a stale server (its newsdigest was killed) found on the data directory and stopped first. */
  staleStopped?: number;
  stop(): Promise<void>;
}

export interface EmbeddedRedisOptions {
  /** Directory for the append-only file; omit to run without persistence (tests). */
  dataDir?: string;
  binary?: string;
  startTimeoutMs?: number;
}

const NOT_FOUND_HINT =
  'REDIS_URL is not set and no redis-server binary was found on PATH. ' +
  'Install Redis (apt-get install redis-server, brew install redis), set REDIS_URL=redis://host:6379, ' +
  'or run everything with `docker compose up`.';

/**
 * Starts a private redis-server child bound to 127.0.0.1 on a free port.
 * It is stopped with the returned handle, and also when this process exits, so it never outlives us — except
 * when we are killed with SIGKILL. For that case a data directory carries a lock file (who owns it, which
 * redis-server, which port): the next start finds the orphan and shuts it down (its AOF flushed) before starting
 * its own, and a directory whose owner still runs is refused, so two servers never share one.
 */
export async function startEmbeddedRedis(options: EmbeddedRedisOptions = {}): Promise<EmbeddedRedis> {
  const dir = options.dataDir ? resolve(options.dataDir) : undefined;
  let staleStopped: number | undefined;
  if (dir) {
    await mkdir(dir, { recursive: true });
    staleStopped = await takeOver(dir);
  }
  const port = await findFreePort();
  const child = spawnRedisServer({
    port,
    dir,
    appendOnly: dir !== undefined,
    args: ['--protected-mode', 'yes', ...(dir ? ['--pidfile', join(dir, REDIS_PIDFILE)] : [])],
    binary: options.binary,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const spawnError = new Promise<never>((_, reject) => {
    child.once('error', (error: NodeJS.ErrnoException) => {
      reject(
        error.code === 'ENOENT'
          ? new RedisUnavailableError(NOT_FOUND_HINT, { cause: error })
          : new RedisUnavailableError(`redis-server failed to start: ${error.message}`, { cause: error }),
      );
    });
    child.once('exit', (code) => reject(new RedisUnavailableError(`redis-server exited with code ${code}`)));
  });
  spawnError.catch(() => undefined);
  const killOnExit = (): void => {
    child.kill('SIGTERM');
    if (dir) rmSync(lockPath(dir), { force: true });
  };
  process.once('exit', killOnExit);
  try {
    await Promise.race([waitForPort(port, options.startTimeoutMs ?? 10_000), spawnError]);
    if (dir) {
      await writeLock(dir, { ownerPid: process.pid, redisPid: child.pid ?? 0, port, startedAt: Date.now() });
    }
  } catch (error) {
    child.kill('SIGKILL');
    process.off('exit', killOnExit);
    if (dir) await removeLock(dir);
    throw error;
  }
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    pid: child.pid ?? 0,
    ...(staleStopped !== undefined ? { staleStopped } : {}),
    stop: async () => {
      await stopChild(child, killOnExit);
      if (dir) await removeLock(dir);
    },
  };
}

const REDIS_PIDFILE = 'redis-server.pid';

/**
 * Makes `dir` ours: refuses it while its owner runs, stops an orphaned server left by an owner that was killed,
 * then claims the lock atomically. Returns the pid of the orphan it stopped, if any.
 */
async function takeOver(dir: string): Promise<number | undefined> {
  const lock = await readLock(dir);
  if (lock && lock.ownerPid !== process.pid && isAlive(lock.ownerPid)) {
    throw new RedisUnavailableError(
      `${dir} is in use by newsdigest process ${lock.ownerPid} (redis-server ${lock.redisPid} on port ${lock.port}); ` +
        'two Redis servers must never share a data directory. Stop that process or set another DATA_DIR ' +
        `(if pid ${lock.ownerPid} is not newsdigest, delete ${lockPath(dir)}).`,
    );
  }
  let stopped: number | undefined;
  if (lock && lock.redisPid > 0 && isAlive(lock.redisPid)) {
    stopped = await stopOrphan(dir, lock.redisPid, lock.port);
  }
  // Redis's own pidfile covers an orphan started just before its owner could write the lock.
  const pidFromFile = Number((await readFile(join(dir, REDIS_PIDFILE), 'utf8').catch(() => '')).trim());
  if (Number.isInteger(pidFromFile) && pidFromFile > 0 && pidFromFile !== stopped && isAlive(pidFromFile)) {
    stopped = (await stopOrphan(dir, pidFromFile, undefined)) ?? stopped;
  }
  await removeLock(dir);
  try {
    await claimLock(dir, process.pid);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    throw new RedisUnavailableError(
      `${dir} was claimed by another newsdigest process starting at the same time`,
    );
  }
  return stopped;
}

/**
 * Stops an orphaned redis-server, but only one that is provably ours: it answers on the locked port with this
 * data directory, or (no port known) its command line names redis-server. SHUTDOWN writes the AOF first.
 */
async function stopOrphan(dir: string, pid: number, port: number | undefined): Promise<number | undefined> {
  let confirmed = false;
  if (port !== undefined) {
    const client = new Redis({
      port,
      host: '127.0.0.1',
      lazyConnect: true,
      maxRetriesPerRequest: 0,
      retryStrategy: () => null,
      connectTimeout: 2_000,
    });
    client.on('error', () => undefined);
    try {
      await client.connect();
      const [, servedDir] = (await client.config('GET', 'dir')) as [string, string];
      if (resolve(servedDir) === dir) {
        confirmed = true;
        await client.shutdown().catch(() => undefined);
      }
    } catch {
      // Not answering on that port: fall back to the command line below.
    } finally {
      client.disconnect();
    }
  }
  if (!confirmed) {
    if (!commandLine(pid)?.includes('redis-server')) return undefined;
    process.kill(pid, 'SIGTERM');
  }
  const deadline = Date.now() + 10_000;
  while (isAlive(pid)) {
    if (Date.now() > deadline) {
      process.kill(pid, 'SIGKILL');
      break;
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return pid;
}

async function stopChild(child: ChildProcess, killOnExit: () => void): Promise<void> {
  process.off('exit', killOnExit);
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolveExit) => child.once('exit', () => resolveExit()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
  await exited;
  clearTimeout(timer);
}

async function waitForPort(port: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await acceptsConnections(port)) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new RedisUnavailableError(`redis-server did not accept connections on port ${port} in time`);
}
