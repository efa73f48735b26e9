import { spawn, type ChildProcess, type StdioOptions } from 'node:child_process';
import { createConnection } from 'node:net';

export interface RedisServerOptions {
  port: number;
  /** Working directory (--dir): where the append-only file, pidfile or cluster config go. */
  dir?: string;
  /** Keep an append-only file in `dir`, fsynced every second; otherwise nothing is persisted. */
  appendOnly?: boolean;
  /** Further options, e.g. `['--requirepass', secret]` or the cluster ones. */
  args?: readonly string[];
  binary?: string;
  stdio?: StdioOptions;
}

/**
 * Spawns a private redis-server on 127.0.0.1:`port` with RDB snapshots off: the one place the embedded runtime,
 * the local Redis Cluster and the test servers build their command line.
 */
export function spawnRedisServer(options: RedisServerOptions): ChildProcess {
  const args = ['--port', String(options.port), '--bind', '127.0.0.1', '--save', ''];
  if (options.dir) args.push('--dir', options.dir);
  args.push('--appendonly', options.appendOnly ? 'yes' : 'no');
  if (options.appendOnly) args.push('--appendfsync', 'everysec');
  args.push(...(options.args ?? []));
  return spawn(options.binary ?? 'redis-server', args, { stdio: options.stdio ?? 'ignore' });
}

/** Whether something accepts TCP connections on 127.0.0.1:`port` right now. */
export function acceptsConnections(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ port, host: '127.0.0.1' });
    socket.once('connect', () => {
      socket.end();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}
