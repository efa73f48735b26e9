import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { childEntry } from './child-entry.js';

export interface FeedServerChild {
  /** One URL per generated feed. */
  urls: string[];
  stop(): void;
}

/**
 * Starts bench/support/feed-server-child.ts (`feeds` generated feeds of `items` items each) in its own process, so
 * a benchmark's memory figures are its workers' alone. `track` sees the child, so a bench can kill it if it exits early.
 */
export async function startFeedServerChild(
  feeds: number,
  items: number,
  options: { track?: (child: ChildProcess) => void } = {},
): Promise<FeedServerChild> {
  const entry = childEntry('feed-server-child');
  const child = spawn(process.execPath, [...entry.execArgv, entry.path, String(feeds), String(items)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  options.track?.(child);
  const firstLine = await new Promise<string>((resolve, reject) => {
    if (!child.stdout) return reject(new Error('feed server has no stdout'));
    createInterface({ input: child.stdout }).once('line', resolve);
    child.once('exit', (code) => reject(new Error(`feed server exited with ${code}`)));
  });
  return { urls: (JSON.parse(firstLine) as { urls: string[] }).urls, stop: () => child.kill('SIGTERM') };
}
