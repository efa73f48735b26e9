import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import { createConnection } from 'node:net';
import { resolve } from 'node:path';
import { RedisUnavailableError } from '../errors/redis-unavailable-error.js';
import { findFreePort } from '../lib/free-port.js';

export interface EmbeddedRedis {
  url: string;
  port: number;
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
 * It is stopped with the returned handle, and also when this process exits, so it never outlives us.
 */
export async function startEmbeddedRedis(options: EmbeddedRedisOptions = {}): Promise<EmbeddedRedis> {
  const port = await findFreePort();
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--protected-mode', 'yes'];
  if (options.dataDir) {
    const dir = resolve(options.dataDir);
    await mkdir(dir, { recursive: true });
    args.push('--dir', dir, '--appendonly', 'yes', '--appendfsync', 'everysec');
  } else {
    args.push('--appendonly', 'no');
  }
  const child = spawn(options.binary ?? 'redis-server', args, { stdio: ['ignore', 'ignore', 'pipe'] });
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
  };
  process.once('exit', killOnExit);
  try {
    await Promise.race([waitForPort(port, options.startTimeoutMs ?? 10_000), spawnError]);
  } catch (error) {
    child.kill('SIGKILL');
    process.off('exit', killOnExit);
    throw error;
  }
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    stop: () => stopChild(child, killOnExit),
  };
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
    if (await canConnect(port)) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new RedisUnavailableError(`redis-server did not accept connections on port ${port} in time`);
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolveConnect) => {
    const socket = createConnection({ port, host: '127.0.0.1' });
    socket.once('connect', () => {
      socket.end();
      resolveConnect(true);
    });
    socket.once('error', () => resolveConnect(false));
  });
}
