import { findFreePort } from '../../src/lib/free-port.js';
import { acceptsConnections, spawnRedisServer } from '../../src/runtime/redis-server-process.js';

export interface PasswordRedis {
  port: number;
  /** With the right password. */
  url: string;
  stop(): Promise<void>;
}

/** A private redis-server that requires a password, for tests of what a refused AUTH looks like. */
export async function startRedisWithPassword(password: string): Promise<PasswordRedis> {
  const port = await findFreePort();
  const child = spawnRedisServer({ port, args: ['--requirepass', password] });
  const deadline = Date.now() + 10_000;
  while (!(await acceptsConnections(port))) {
    if (Date.now() > deadline || child.exitCode !== null) throw new Error('redis-server did not start');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return {
    port,
    url: `redis://:${encodeURIComponent(password)}@127.0.0.1:${port}`,
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    },
  };
}
