import type { IncomingMessage, ServerResponse } from 'node:http';
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import type { Queue } from 'bullmq';
import { ADMIN_BASE_PATH } from './admin-base-path.js';
import { createAuthThrottle, type AuthThrottle } from './auth-throttle.js';
import { basicAuthOk } from './basic-auth.js';

export interface AdminQueuesOptions {
  queues: readonly Queue[];
  user: string;
  password: string;
  /** Retry, clean and delete buttons; off unless ADMIN_QUEUES_WRITE=true. */
  write: boolean;
  /** Failed-login counter per client address; one per server. */
  throttle?: AuthThrottle;
}

type NodeHandler = (req: IncomingMessage, res: ServerResponse, next: (error?: unknown) => void) => void;

/** The Bull Board dashboard behind basic auth, as a plain node:http handler for paths under /admin/queues. */
export function createAdminQueues(options: AdminQueuesOptions) {
  const serverAdapter = new ExpressAdapter();
  serverAdapter.setBasePath(ADMIN_BASE_PATH);
  createBullBoard({
    queues: options.queues.map(
      (queue) => new BullMQAdapter(queue, { readOnlyMode: !options.write, allowRetries: options.write }),
    ),
    serverAdapter,
    options: { uiConfig: { boardTitle: 'newsdigest' } },
  });
  const app = serverAdapter.getRouter() as NodeHandler;
  const throttle = options.throttle ?? createAuthThrottle();
  return (req: IncomingMessage, res: ServerResponse): void => {
    const address = req.socket.remoteAddress ?? 'unknown';
    const wait = throttle.blockedFor(address);
    if (wait > 0) {
      res.writeHead(429, { 'retry-after': String(wait) }).end('too many failed logins; try again later\n');
      return;
    }
    if (!basicAuthOk(req.headers.authorization, options.user, options.password)) {
      // A request without credentials is the browser asking for the prompt, not a guess.
      if (req.headers.authorization !== undefined) throttle.recordFailure(address);
      res.writeHead(401, { 'www-authenticate': 'Basic realm="newsdigest queues", charset="UTF-8"' });
      res.end('authentication required\n');
      return;
    }
    // Mounted like express's app.use('/admin/queues', board): the board sees paths relative to its base.
    req.url = req.url!.slice(ADMIN_BASE_PATH.length) || '/';
    app(req, res, (error?: unknown) => {
      if (res.headersSent) return;
      res.writeHead(error ? 500 : 404).end();
    });
  };
}
