import { CREDENTIALS_REFUSED, hasCredentials, redactCredentials } from '../../core/feed/url-credentials.js';
import { performance } from 'node:perf_hooks';
import { Agent, fetch as undiciFetch, type Response } from 'undici';
import { FeedFetchError } from '../../errors/feed-fetch-error.js';
import { createGuardedLookup, isForbiddenAddress, literalIp, type ResolveHost } from './ssrf-guard.js';

export interface FeedValidators {
  etag?: string;
  lastModified?: string;
}

export type FetchOutcome =
  | {
      kind: 'fetched';
      url: string;
      finalUrl: string;
      httpStatus: number;
      body: Uint8Array;
      contentType?: string;
      etag?: string;
      lastModified?: string;
      ms: number;
    }
  | {
      kind: 'not-modified';
      url: string;
      finalUrl: string;
      httpStatus: 304;
      etag?: string;
      lastModified?: string;
      ms: number;
    };

export interface FeedFetcherOptions {
  /** Let feeds on loopback/private networks through (local development and tests only). */
  allowPrivate: boolean;
  userAgent?: string;
  /** Total budget for one fetch: connect, headers, every redirect hop and the body. */
  timeoutMs?: number;
  maxBytes?: number;
  maxRedirects?: number;
  perHostConcurrency?: number;
  /** Test seam: which addresses are refused (default isForbiddenAddress). */
  isForbidden?: (ip: string) => boolean;
  /** Test seam: how host names resolve (default node:dns lookup with all: true). */
  resolve?: ResolveHost;
}

export interface FeedFetcher {
  /** Resolves with the body or a 304; rejects only with FeedFetchError. */
  fetch(url: string, validators?: FeedValidators): Promise<FetchOutcome>;
  close(): Promise<void>;
}

export const DEFAULT_USER_AGENT = 'newsdigest/0.1 (+https://github.com/newsdigest; RSS reader)';
const ACCEPT = 'application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5';
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

function parseHttpUrl(raw: string, base?: URL): URL {
  let url: URL;
  if (hasCredentials(raw)) {
    // Never echoed: the message and the error's url carry the address with the credentials masked.
    throw new FeedFetchError('CREDENTIALS_IN_URL', `feed URL ${CREDENTIALS_REFUSED}`, {
      url: redactCredentials(raw),
    });
  }
  try {
    url = new URL(raw, base);
  } catch (cause) {
    throw new FeedFetchError('BAD_URL', `not a valid URL: ${redactCredentials(raw)}`, {
      url: redactCredentials(raw),
      cause,
    });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new FeedFetchError('BAD_URL', `only http and https feeds are fetched, not ${url.protocol}`, {
      url: raw,
    });
  }
  return url;
}

/** Per-host slots so one slow outlet never holds more than `limit` of our connections, and we stay polite. */
function createHostLimiter(limit: number): (host: string) => Promise<() => void> {
  const hosts = new Map<string, { active: number; waiting: (() => void)[] }>();
  return async (host) => {
    let slot = hosts.get(host);
    if (!slot) {
      slot = { active: 0, waiting: [] };
      hosts.set(host, slot);
    }
    const s = slot;
    if (s.active >= limit) await new Promise<void>((resolve) => s.waiting.push(resolve));
    else s.active += 1;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      // Hand the slot straight to the next waiter, so `active` never dips and lets a newcomer jump the queue.
      const next = s.waiting.shift();
      if (next) next();
      else if (--s.active === 0) hosts.delete(host);
    };
  };
}

async function discard(res: Response): Promise<void> {
  await res.body?.cancel().catch(() => undefined);
}

async function readCapped(res: Response, maxBytes: number, url: string): Promise<Uint8Array> {
  const tooLarge = (): FeedFetchError =>
    new FeedFetchError('TOO_LARGE', `feed body exceeds ${maxBytes} bytes`, { url, httpStatus: res.status });
  const declared = Number(res.headers.get('content-length') ?? NaN);
  if (declared > maxBytes) {
    await discard(res);
    throw tooLarge();
  }
  if (!res.body) return new Uint8Array(0);
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    // Count decoded bytes as they arrive: a lying Content-Length or a gzip bomb stops here too.
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge();
    }
    chunks.push(value);
  }
  const body = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return body;
}

function findFeedFetchError(err: unknown): FeedFetchError | undefined {
  for (let e = err, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth += 1) {
    if (e instanceof FeedFetchError) return e;
  }
  return undefined;
}

export function createFeedFetcher(options: FeedFetcherOptions): FeedFetcher {
  const userAgent = options.userAgent ?? DEFAULT_USER_AGENT;
  const timeoutMs = options.timeoutMs ?? 15_000;
  const maxBytes = options.maxBytes ?? 5 * 1024 * 1024;
  const maxRedirects = options.maxRedirects ?? 5;
  const perHost = options.perHostConcurrency ?? 2;
  const isForbidden = options.isForbidden ?? isForbiddenAddress;
  const acquire = createHostLimiter(perHost);
  const agent = new Agent({
    connect: {
      lookup: createGuardedLookup({
        allowPrivate: options.allowPrivate,
        isForbidden,
        resolve: options.resolve,
      }),
    },
    keepAliveTimeout: 30_000,
    // Redirects can funnel several hosts into one origin; a little headroom over the per-host limit.
    connections: perHost * 2,
  });

  function checkLiteralHost(url: URL): void {
    const ip = literalIp(url.hostname);
    if (ip !== undefined && !options.allowPrivate && isForbidden(ip)) {
      throw new FeedFetchError('PRIVATE_ADDRESS', `refusing to fetch from forbidden address ${ip}`, {
        url: url.href,
      });
    }
  }

  async function follow(
    url: string,
    start: URL,
    validators: FeedValidators,
    signal: AbortSignal,
    t0: number,
  ) {
    const headers: Record<string, string> = {
      'user-agent': userAgent,
      accept: ACCEPT,
      'accept-encoding': 'gzip, deflate, br',
    };
    if (validators.etag) headers['if-none-match'] = validators.etag;
    if (validators.lastModified) headers['if-modified-since'] = validators.lastModified;

    let current = start;
    for (let hop = 0; ; hop += 1) {
      checkLiteralHost(current);
      const res = await undiciFetch(current.href, { dispatcher: agent, redirect: 'manual', signal, headers });
      const httpStatus = res.status;
      if (REDIRECT_STATUSES.has(httpStatus)) {
        const location = res.headers.get('location');
        await discard(res);
        if (!location) {
          throw new FeedFetchError('HTTP_STATUS', `HTTP ${httpStatus} without Location`, { url, httpStatus });
        }
        if (hop >= maxRedirects) {
          throw new FeedFetchError('TOO_MANY_REDIRECTS', `more than ${maxRedirects} redirects`, {
            url,
            httpStatus,
          });
        }
        current = parseHttpUrl(location, current);
        continue;
      }
      const etag = res.headers.get('etag') ?? undefined;
      const lastModified = res.headers.get('last-modified') ?? undefined;
      if (httpStatus === 304) {
        await discard(res);
        const ms = Math.round(performance.now() - t0);
        return {
          kind: 'not-modified',
          url,
          finalUrl: current.href,
          httpStatus,
          etag,
          lastModified,
          ms,
        } as const;
      }
      if (httpStatus < 200 || httpStatus > 299) {
        await discard(res);
        throw new FeedFetchError('HTTP_STATUS', `HTTP ${httpStatus}`, { url, httpStatus });
      }
      const body = await readCapped(res, maxBytes, url);
      const contentType = res.headers.get('content-type') ?? undefined;
      const ms = Math.round(performance.now() - t0);
      return {
        kind: 'fetched',
        url,
        finalUrl: current.href,
        httpStatus,
        body,
        contentType,
        etag,
        lastModified,
        ms,
      } as const;
    }
  }

  return {
    async fetch(url, validators = {}) {
      const start = parseHttpUrl(url);
      const release = await acquire(start.hostname);
      // The budget starts once we hold a slot: time spent queueing behind the same host is not the feed's fault.
      const controller = new AbortController();
      const timer = setTimeout(() => controller.abort(), timeoutMs);
      const t0 = performance.now();
      try {
        return await follow(url, start, validators, controller.signal, t0);
      } catch (err) {
        const known = findFeedFetchError(err);
        if (known) throw known;
        if (controller.signal.aborted) {
          throw new FeedFetchError('TIMEOUT', `no complete response within ${timeoutMs} ms`, {
            url,
            cause: err,
          });
        }
        const reason = err instanceof Error && err.cause instanceof Error ? err.cause.message : String(err);
        throw new FeedFetchError('NETWORK', `network error: ${reason}`, { url, cause: err });
      } finally {
        clearTimeout(timer);
        release();
      }
    },
    async close() {
      await agent.close();
    },
  };
}
