import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  bytes,
  encoded,
  htmlPage,
  oversized,
  redirectTo,
  slowDrip,
  slowHeaders,
  status,
  withEtag,
  withLastModified,
  type RouteHandler,
} from './handlers.js';
import { etagOf, generatedItems, rssDocument, sampleFeed } from './rss-fixtures.js';

export * from './handlers.js';
export { etagOf, sampleFeed } from './rss-fixtures.js';

/** Fixed Last-Modified of the built-in `/last-modified` route. */
export const SAMPLE_LAST_MODIFIED = new Date(Date.UTC(2025, 10, 20, 8, 30, 0));

/** Paths of the built-in behaviours (all serve the sample feed unless they say otherwise). */
export const paths = {
  feed: '/feed.xml',
  etag: '/etag',
  lastModified: '/last-modified',
  status: (code: number) => `/status/${code}`,
  /** Waits before sending headers. */
  slow: (ms: number) => `/slow/${ms}`,
  /** Headers at once, then the body in 10 chunks `ms` apart. */
  drip: (ms: number) => `/drip/${ms}`,
  /** `bytes` of filler, or an endless stream; `declare` sends Content-Length. */
  big: (bytes: number | 'infinite', declare = false) => `/big/${bytes}${declare ? '?declare=1' : ''}`,
  redirectLoop: '/redirect/loop',
  /** `n` redirects, then the sample feed. */
  redirectChain: (n: number) => `/redirect/chain/${n}`,
  redirectTo: (url: string) => `/redirect/to?url=${encodeURIComponent(url)}`,
  html: '/html',
  gzip: '/gzip',
  br: '/br',
  benchFeed: (n: number) => `/bench/feed-${n}.xml`,
} as const;

export interface FeedServer {
  /** Base URL without a trailing slash, e.g. http://127.0.0.1:43121 */
  url: string;
  port: number;
  /** Serves `handler` at `path` (exact pathname match), overriding any built-in behaviour. */
  route(path: string, handler: RouteHandler): void;
  /** Requests received for a pathname (query ignored). */
  hits(path: string): number;
  /** Most requests for a pathname that were being served at the same moment. */
  peakInFlight(path: string): number;
  /** Mounts `count` distinct RSS feeds at /bench/feed-<n>.xml (with ETags) and returns their URLs. */
  /** `baseTime` dates the newest item (default: a fixed day, so ETags are the same across runs). */
  feeds(count: number, itemsPerFeed: number, generation?: number, baseTime?: number): string[];
  close(): Promise<void>;
}

function builtIn(pathname: string, query: URLSearchParams): RouteHandler | undefined {
  const feed = sampleFeed();
  const [, first, second, third] = pathname.split('/');
  const num = Number(second);
  switch (first) {
    case 'feed.xml':
      return bytes(feed);
    case 'etag':
      return withEtag(feed, etagOf(feed));
    case 'last-modified':
      return withLastModified(feed, SAMPLE_LAST_MODIFIED);
    case 'status':
      return status(num);
    case 'slow':
      return slowHeaders(num, feed);
    case 'drip':
      return slowDrip(feed, num);
    case 'big':
      return oversized(second === 'infinite' ? Infinity : num, query.get('declare') === '1');
    case 'html':
      return htmlPage();
    case 'gzip':
      return encoded(feed, 'gzip');
    case 'br':
      return encoded(feed, 'br');
    case 'redirect':
      if (second === 'loop') return redirectTo('/redirect/loop-back');
      if (second === 'loop-back') return redirectTo('/redirect/loop');
      if (second === 'to') return redirectTo(query.get('url') ?? '/');
      if (second === 'chain') {
        const left = Number(third);
        return left > 0 ? redirectTo(paths.redirectChain(left - 1), 301) : bytes(feed);
      }
      return undefined;
    default:
      return undefined;
  }
}

/** A real HTTP server on 127.0.0.1 with an ephemeral port, for fetcher tests and benchmarks. */
export async function startFeedServer(): Promise<FeedServer> {
  const routes = new Map<string, RouteHandler>();
  const hitCount = new Map<string, number>();
  const inFlight = new Map<string, number>();
  const peak = new Map<string, number>();

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const { pathname, searchParams } = new URL(req.url ?? '/', 'http://feed-server.local');
    hitCount.set(pathname, (hitCount.get(pathname) ?? 0) + 1);
    const now = (inFlight.get(pathname) ?? 0) + 1;
    inFlight.set(pathname, now);
    peak.set(pathname, Math.max(peak.get(pathname) ?? 0, now));
    res.once('close', () => inFlight.set(pathname, (inFlight.get(pathname) ?? 1) - 1));

    const handler = routes.get(pathname) ?? builtIn(pathname, searchParams) ?? status(404);
    try {
      await handler(req, res);
    } catch (err) {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
      res.end(String(err));
    }
  };

  const server = createServer((req, res) => void handle(req, res));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;

  return {
    url,
    port,
    route: (path, handler) => void routes.set(path, handler),
    hits: (path) => hitCount.get(path) ?? 0,
    peakInFlight: (path) => peak.get(path) ?? 0,
    feeds(count, itemsPerFeed, generation = 0, baseTime) {
      const urls: string[] = [];
      for (let n = 0; n < count; n += 1) {
        const { lang, items } = generatedItems(n, itemsPerFeed, generation, baseTime);
        const title = `${lang === 'uk' ? 'Стрічка' : 'Лента'} ${n}`;
        const body = rssDocument(title, `https://news.example/${n}/`, lang, items);
        routes.set(paths.benchFeed(n), withEtag(body, etagOf(body)));
        urls.push(url + paths.benchFeed(n));
      }
      return urls;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        // Slow and endless routes would otherwise keep close() waiting.
        server.closeAllConnections();
      }),
  };
}
