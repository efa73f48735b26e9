import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { RedisClient } from '../adapters/redis/redis-client.js';
import { DeliveryStore } from '../adapters/redis/delivery-store.js';
import type { Keys } from '../adapters/redis/keys.js';
import { WorkerHealthStore } from '../adapters/redis/worker-health-store.js';
import type { Logger } from '../logger.js';
import type { QueueMonitor } from '../runtime/queue-monitor.js';
import { ADMIN_BASE_PATH } from './admin-base-path.js';
import { checkHealth, type HealthCheck } from './health.js';
import { createStoriesTail, type Metrics } from './metrics.js';

export interface HttpServerOptions {
  port: number;
  /** Loopback unless set (HTTP_HOST): health, metrics and the dashboard are for the operator. */
  host?: string;
  redis: RedisClient;
  keys: Keys;
  metrics: Metrics;
  queues: QueueMonitor;
  logger: Logger;
  /** Checks this process's services report about themselves, added to /healthz. */
  status?: () => Record<string, HealthCheck>;
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
  // Bull Board and express are loaded only when the dashboard is configured: they are a third of a worker's idle RSS.
  const admin = options.admin
    ? (await import('./admin-queues.js')).createAdminQueues({
        queues: options.queues.queues,
        ...options.admin,
      })
    : undefined;
  const tailStories = createStoriesTail(options.redis, options.keys, options.metrics);
  const delivery = new DeliveryStore(options.redis, options.keys);
  const workerHealth = new WorkerHealthStore(options.redis, options.keys);
  await tailStories().catch(() => undefined);

  const server: Server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    const handle = async (): Promise<void> => {
      if (path === '/healthz' && (req.method === 'GET' || req.method === 'HEAD')) {
        const report = await checkHealth(options.redis, workerHealth, now(), options.status?.() ?? {});
        const body = JSON.stringify({ status: report.ok ? 'ok' : 'fail', ...report });
        res.writeHead(report.ok ? 200 : 503, { 'content-type': 'application/json' }).end(body);
        return;
      }
      if (path === '/metrics' && req.method === 'GET') {
        await tailStories().catch((error: unknown) =>
          options.logger.warn({ err: error }, 'stories tail failed'),
        );
        await delivery
          .deadLetterCount()
          .then((count) => options.metrics.deadLettersKept.set(count))
          .catch((error: unknown) => options.logger.warn({ err: error }, 'dead letters not counted'));
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
    server.listen(options.port, options.host ?? '127.0.0.1', () => resolve());
  });
  const { port, address } = server.address() as AddressInfo;
  options.logger.info({ port, host: address, dashboard: admin !== undefined }, 'http endpoint listening');
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
