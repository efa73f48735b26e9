import { readFileSync } from 'node:fs';
import { open, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';

/** What the lock file in the embedded Redis's data directory says about the server that uses it. */
export interface DataDirLock {
  /** The newsdigest process that started the server. */
  ownerPid: number;
  redisPid: number;
  port: number;
  startedAt: number;
}

export const LOCK_FILE = 'newsdigest-redis.lock';

export function lockPath(dir: string): string {
  return join(dir, LOCK_FILE);
}

/** The lock in `dir`, or undefined when there is none (or it is unreadable: a crash while writing it). */
export async function readLock(dir: string): Promise<DataDirLock | undefined> {
  try {
    const lock = JSON.parse(await readFile(lockPath(dir), 'utf8')) as Partial<DataDirLock>;
    const numbers = [lock.ownerPid, lock.redisPid, lock.port, lock.startedAt];
    return numbers.every((n) => Number.isInteger(n) && (n as number) > 0) ? (lock as DataDirLock) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Creates the lock, failing with EEXIST when another process created it first: O_EXCL makes the claim atomic, so
 * two processes starting at once can never both own the directory.
 */
export async function claimLock(dir: string, ownerPid: number): Promise<void> {
  const handle = await open(lockPath(dir), 'wx');
  try {
    await handle.writeFile(JSON.stringify({ ownerPid, redisPid: 0, port: 0, startedAt: 0 }));
  } finally {
    await handle.close();
  }
}

export async function writeLock(dir: string, lock: DataDirLock): Promise<void> {
  const handle = await open(lockPath(dir), 'w');
  try {
    await handle.writeFile(JSON.stringify(lock));
  } finally {
    await handle.close();
  }
}

export async function removeLock(dir: string): Promise<void> {
  await rm(lockPath(dir), { force: true });
}

/**
 * Whether a process with this pid runs (EPERM: it exists but belongs to someone else). A zombie counts as gone:
 * an orphan's exit is only reaped when the container's init gets to it.
 */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
  return procState(pid) !== 'Z';
}

/** The one-letter state from /proc/<pid>/stat (Linux), or undefined elsewhere. */
function procState(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // "pid (comm) S ...": comm may hold spaces and parentheses, so read after the last ')'.
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
  } catch {
    return undefined;
  }
}

/** The command line of a process (Linux), or undefined elsewhere. */
export function commandLine(pid: number): string | undefined {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ');
  } catch {
    return undefined;
  }
}
