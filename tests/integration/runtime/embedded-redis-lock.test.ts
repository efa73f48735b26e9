import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { afterEach, describe, expect, it } from 'vitest';
import { RedisUnavailableError } from '../../../src/errors/redis-unavailable-error.js';
import { isAlive } from '../../../src/runtime/data-dir-lock.js';
import { startEmbeddedRedis, type EmbeddedRedis } from '../../../src/runtime/embedded-redis.js';

/** Starts a real process that owns an embedded Redis on `dir`; resolves with what it printed. */
async function startOwner(
  dir: string,
): Promise<{ child: ChildProcess; port: number; pid: number; error?: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'tests/support/embedded-redis-owner.ts', dir], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const line = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes('\n')) resolve(out.split('\n')[0]!);
    });
    child.once('exit', (code) => reject(new Error(`owner exited with ${code}: ${out}`)));
  });
  const parsed = JSON.parse(line) as { port: number; pid: number; error?: string };
  return { child, ...parsed };
}

describe('embedded redis-server and its data directory (real processes)', () => {
  let dir: string | undefined;
  const owners: ChildProcess[] = [];
  const servers: EmbeddedRedis[] = [];
  afterEach(async () => {
    for (const server of servers.splice(0)) await server.stop();
    for (const owner of owners.splice(0))
      if (owner.exitCode === null && owner.signalCode === null) owner.kill('SIGTERM');
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('after kill -9 of its owner, the orphaned server is found and stopped at the next start; data survives', async () => {
    dir = await mkdtemp(join(tmpdir(), 'nd-lock-'));
    const owner = await startOwner(dir);
    owners.push(owner.child);
    const client = new Redis(owner.port);
    await client.set('kept', 'yes');
    await client.quit();

    const killed = new Promise((resolve) => owner.child.once('exit', resolve));
    owner.child.kill('SIGKILL');
    await killed;
    // The finding: kill -9 leaves the redis-server running, with nobody to stop it.
    expect(isAlive(owner.pid)).toBe(true);

    const next = await startEmbeddedRedis({ dataDir: dir });
    servers.push(next);
    expect(next.staleStopped).toBe(owner.pid);
    expect(isAlive(owner.pid)).toBe(false);
    const reader = new Redis(next.port);
    expect(await reader.get('kept')).toBe('yes');
    await reader.quit();
  });

  it('never starts a second server on a directory whose owner still runs', async () => {
    dir = await mkdtemp(join(tmpdir(), 'nd-lock-'));
    const owner = await startOwner(dir);
    owners.push(owner.child);

    const second = await startEmbeddedRedis({ dataDir: dir }).catch((error: unknown) => error);
    expect(second).toBeInstanceOf(RedisUnavailableError);
    expect((second as Error).message).toContain(`in use by newsdigest process ${owner.child.pid}`);
    expect(isAlive(owner.pid)).toBe(true);

    // A second owner process is refused the same way, and the first server keeps serving.
    const rival = await startOwner(dir);
    owners.push(rival.child);
    expect(rival.error).toContain(`in use by newsdigest process ${owner.child.pid}`);
    const client = new Redis(owner.port);
    expect(await client.ping()).toBe('PONG');
    await client.quit();
  });

  it('a clean stop releases the directory for the next start', async () => {
    dir = await mkdtemp(join(tmpdir(), 'nd-lock-'));
    const first = await startEmbeddedRedis({ dataDir: dir });
    await first.stop();
    const second = await startEmbeddedRedis({ dataDir: dir });
    servers.push(second);
    expect(second.staleStopped).toBeUndefined();
  });
});
