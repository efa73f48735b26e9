import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Redis } from 'ioredis';
import type { Keys } from '../adapters/redis/keys.js';
import { WorkerHealthStore } from '../adapters/redis/worker-health-store.js';
import type { Logger } from '../logger.js';
import type { QueueMonitor } from '../runtime/queue-monitor.js';
import { ADMIN_BASE_PATH, createAdminQueues } from './admin-queues.js';
import { checkHealth } from './health.js';
import { createStoriesTail, type Metrics } from './metrics.js';

export interface HttpServerOptions {
  port: number;
  host?: string;
  redis: Redis;
  keys: Keys;
  metrics: Metrics;
  queues: QueueMonitor;
  logger: Logger;
  /** The dashboard exists only when both are set. */
  admin?: { user: string; password: string; write: boolean };
  now?: () => number;
}

export interface RunningHttpServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

/** /healthz, /metrics and (with credentials configured) /admin/queues. Everything else is 404. */
export async function startHttpServer(options: HttpServerOptions): Promise<RunningHttpServer> {
  const now = options.now ?? Date.now;
  const admin = options.admin
    ? createAdminQueues({ queues: options.queues.queues, ...options.admin })
    : undefined;
  const tailStories = createStoriesTail(options.redis, options.keys, options.metrics);
  const workerHealth = new WorkerHealthStore(options.redis, options.keys);
  await tailStories().catch(() => undefined);

  const server: Server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    const handle = async (): Promise<void> => {
      if (path === '/healthz' && (req.method === 'GET' || req.method === 'HEAD')) {
        const report = await checkHealth(options.redis, workerHealth, now());
        const body = JSON.stringify({ status: report.ok ? 'ok' : 'fail', ...report });
        res.writeHead(report.ok ? 200 : 503, { 'content-type': 'application/json' }).end(body);
        return;
      }
      if (path === '/metrics' && req.method === 'GET') {
        await tailStories().catch((error: unknown) =>
          options.logger.warn({ err: error }, 'stories tail failed'),
        );
        const own = await options.metrics.registry.metrics();
        const queues = await options.queues.prometheus().catch(() => '');
        res.writeHead(200, { 'content-type': options.metrics.registry.contentType }).end(own + queues);
        return;
      }
      if (admin && (path === ADMIN_BASE_PATH || path.startsWith(`${ADMIN_BASE_PATH}/`))) {
        admin(req, res);
        return;
      }
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found\n');
    };
    handle().catch((error: unknown) => {
      options.logger.error({ err: error, path }, 'http request failed');
      if (!res.headersSent) res.writeHead(500).end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host ?? '0.0.0.0', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  options.logger.info({ port, dashboard: admin !== undefined }, 'http endpoint listening');
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    async close() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}
