import { execFile, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Redis } from 'ioredis';
import { acceptsConnections, spawnRedisServer } from '../../src/runtime/redis-server-process.js';

const run = promisify(execFile);

/** A private Redis Cluster of masters on loopback, for tests and bench:cluster. */
export interface LocalCluster {
  /** `redis+cluster://127.0.0.1:p1,127.0.0.1:p2,...`: what REDIS_URL takes. */
  url: string;
  ports: number[];
  /** A plain connection to each master (for per-master DBSIZE, INFO), in port order. */
  masters(): Redis[];
  stop(): Promise<void>;
}

/** Whether a loopback port can be bound right now. */
function bindable(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.unref();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/** Free ports whose cluster-bus port (port + 10000) is free too. */
async function clusterPorts(count: number): Promise<number[]> {
  const ports: number[] = [];
  while (ports.length < count) {
    const port = 20_000 + Math.floor(Math.random() * 30_000);
    if (ports.includes(port) || ports.includes(port + 10_000) || ports.includes(port - 10_000)) continue;
    if ((await bindable(port)) && (await bindable(port + 10_000))) ports.push(port);
  }
  return ports;
}

async function waitFor(check: () => Promise<boolean>, what: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check().catch(() => false))) {
    if (Date.now() > deadline) throw new Error(`local Redis Cluster: timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * Starts `size` redis-server processes with cluster mode on (no persistence, configs in a temp directory), joins
 * them with `redis-cli --cluster create` (no replicas) and waits until every node reports cluster_state:ok.
 */
export async function startLocalCluster(size = 3): Promise<LocalCluster> {
  const dir = mkdtempSync(join(tmpdir(), 'nd-cluster-'));
  const ports = await clusterPorts(size);
  const children: ChildProcess[] = [];
  const clients: Redis[] = [];
  const stop = async () => {
    for (const client of clients) client.disconnect();
    await Promise.all(
      children.map(
        (child) =>
          new Promise<void>((resolve) => {
            if (child.exitCode !== null || child.signalCode !== null) return resolve();
            child.once('exit', () => resolve());
            child.kill('SIGKILL');
          }),
      ),
    );
    rmSync(dir, { recursive: true, force: true });
  };
  const killOnExit = () => children.forEach((child) => child.kill('SIGKILL'));
  process.once('exit', killOnExit);
  try {
    for (const port of ports) {
      const child = spawnRedisServer({
        port,
        dir,
        args: [
          '--cluster-enabled',
          'yes',
          '--cluster-config-file',
          join(dir, `nodes-${port}.conf`),
          '--cluster-node-timeout',
          '5000',
        ],
      });
      children.push(child);
      clients.push(new Redis(port, '127.0.0.1', { lazyConnect: true, maxRetriesPerRequest: 1 }));
    }
    // Connect only once every server listens: a refused connect would surface as an unhandled ioredis error event.
    await waitFor(
      async () => (await Promise.all(ports.map(acceptsConnections))).every(Boolean),
      'redis-server to accept connections',
    );
    await Promise.all(clients.map((client) => client.connect()));
    await run('redis-cli', [
      '--cluster',
      'create',
      ...ports.map((port) => `127.0.0.1:${port}`),
      '--cluster-replicas',
      '0',
      '--cluster-yes',
    ]);
    await waitFor(async () => {
      for (const client of clients) {
        const info = String(await client.cluster('INFO'));
        if (!info.includes('cluster_state:ok')) return false;
      }
      return true;
    }, 'cluster_state:ok on every node');
  } catch (error) {
    await stop();
    process.off('exit', killOnExit);
    throw error;
  }
  return {
    url: `redis+cluster://${ports.map((port) => `127.0.0.1:${port}`).join(',')}`,
    ports,
    masters: () => clients,
    stop: async () => {
      await stop();
      process.off('exit', killOnExit);
    },
  };
}

/** Keys held by each master (DBSIZE), in port order. */
export async function keysPerMaster(cluster: LocalCluster): Promise<number[]> {
  return Promise.all(cluster.masters().map((client) => client.dbsize()));
}

/** Commands each master ran (the sum of INFO commandstats calls), in port order. */
export async function commandsPerMaster(cluster: LocalCluster): Promise<number[]> {
  return Promise.all(
    cluster.masters().map(async (client) => {
      const info = await client.info('commandstats');
      let total = 0;
      for (const match of info.matchAll(/^cmdstat_[^:]+:calls=(\d+)/gm)) total += Number(match[1]);
      return total;
    }),
  );
}
