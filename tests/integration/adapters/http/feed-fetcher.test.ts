import { gzipSync } from 'node:zlib';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  createFeedFetcher,
  DEFAULT_USER_AGENT,
  type FeedFetcher,
  type FeedFetcherOptions,
} from '../../../../src/adapters/http/feed-fetcher.js';
import { isForbiddenAddress } from '../../../../src/adapters/http/ssrf-guard.js';
import { FeedFetchError, type FeedFetchErrorCode } from '../../../../src/errors/feed-fetch-error.js';
import {
  etagOf,
  HTML_PAGE,
  oversized,
  paths,
  SAMPLE_LAST_MODIFIED,
  sampleFeed,
  slowHeaders,
  startFeedServer,
  type FeedServer,
} from '../../../../tools/feed-server/server.js';

let server: FeedServer;
const fetchers: FeedFetcher[] = [];

function fetcher(options: Partial<FeedFetcherOptions> = {}): FeedFetcher {
  const created = createFeedFetcher({ allowPrivate: true, ...options });
  fetchers.push(created);
  return created;
}

async function failure(promise: Promise<unknown>): Promise<FeedFetchError> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(FeedFetchError);
  return err as FeedFetchError;
}

function text(body: Uint8Array): string {
  return Buffer.from(body).toString('utf8');
}

beforeAll(async () => {
  server = await startFeedServer();
});

afterEach(async () => {
  await Promise.all(fetchers.splice(0).map((f) => f.close()));
});

afterAll(async () => {
  await server.close();
});

describe('feed fetcher: success and conditional GET', () => {
  it('fetches a feed with its body, content type and timing', async () => {
    const outcome = await fetcher().fetch(server.url + paths.feed);
    expect(outcome.kind).toBe('fetched');
    if (outcome.kind !== 'fetched') return;
    expect(outcome.httpStatus).toBe(200);
    expect(text(outcome.body)).toBe(sampleFeed());
    expect(outcome.contentType).toMatch(/^application\/rss\+xml/);
    expect(outcome.finalUrl).toBe(server.url + paths.feed);
    expect(outcome.ms).toBeGreaterThanOrEqual(0);
  });

  it('sends the User-Agent, Accept and Accept-Encoding headers', async () => {
    const seen: Record<string, string | string[] | undefined> = {};
    server.route('/headers', (req, res) => {
      Object.assign(seen, req.headers);
      res.end('ok');
    });
    await fetcher().fetch(`${server.url}/headers`);
    expect(seen['user-agent']).toBe(DEFAULT_USER_AGENT);
    expect(seen['accept']).toMatch(/^application\/rss\+xml, application\/atom\+xml/);
    expect(seen['accept-encoding']).toBe('gzip, deflate, br');
  });

  it('returns 200 then 304 when the ETag is sent back', async () => {
    const f = fetcher();
    const first = await f.fetch(server.url + paths.etag);
    expect(first).toMatchObject({ kind: 'fetched', httpStatus: 200, etag: etagOf(sampleFeed()) });
    const second = await f.fetch(server.url + paths.etag, { etag: first.etag });
    expect(second).toMatchObject({ kind: 'not-modified', httpStatus: 304, etag: first.etag });
    const stale = await f.fetch(server.url + paths.etag, { etag: '"stale"' });
    expect(stale.kind).toBe('fetched');
  });

  it('returns 200 then 304 when Last-Modified is sent back', async () => {
    const f = fetcher();
    const first = await f.fetch(server.url + paths.lastModified);
    expect(first).toMatchObject({ kind: 'fetched', lastModified: SAMPLE_LAST_MODIFIED.toUTCString() });
    const second = await f.fetch(server.url + paths.lastModified, { lastModified: first.lastModified });
    expect(second).toMatchObject({ kind: 'not-modified', httpStatus: 304 });
    const older = new Date(SAMPLE_LAST_MODIFIED.getTime() - 60_000).toUTCString();
    expect((await f.fetch(server.url + paths.lastModified, { lastModified: older })).kind).toBe('fetched');
  });

  it('fetches an HTML page as bytes (rejecting it is the parser’s job)', async () => {
    const outcome = await fetcher().fetch(server.url + paths.html);
    expect(outcome).toMatchObject({ kind: 'fetched', contentType: 'text/html; charset=utf-8' });
    if (outcome.kind === 'fetched') expect(text(outcome.body)).toBe(HTML_PAGE);
  });

  it.each([['gzip' as const], ['br' as const]])('decodes a %s-encoded body', async (encoding) => {
    const outcome = await fetcher().fetch(server.url + paths[encoding]);
    expect(outcome.kind).toBe('fetched');
    if (outcome.kind === 'fetched') expect(text(outcome.body)).toBe(sampleFeed());
  });
});

describe('feed fetcher: failures', () => {
  it.each([
    [404, false],
    [500, true],
    [410, false],
    [429, true],
  ])('HTTP %i is HTTP_STATUS (retryable: %s)', async (code, retryable) => {
    const err = await failure(fetcher().fetch(server.url + paths.status(code)));
    expect(err.code).toBe('HTTP_STATUS');
    expect(err.httpStatus).toBe(code);
    expect(err.retryable).toBe(retryable);
  });

  it('times out slow headers within the total budget', async () => {
    const started = Date.now();
    const err = await failure(fetcher({ timeoutMs: 500 }).fetch(server.url + paths.slow(5_000)));
    expect(err.code).toBe('TIMEOUT');
    expect(err.retryable).toBe(true);
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it('times out a body that drips slower than the total budget', async () => {
    const started = Date.now();
    const err = await failure(fetcher({ timeoutMs: 500 }).fetch(server.url + paths.drip(200)));
    expect(err.code).toBe('TIMEOUT');
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it('aborts an endless body as soon as it passes maxBytes', async () => {
    const started = Date.now();
    const err = await failure(fetcher({ maxBytes: 100_000 }).fetch(server.url + paths.big('infinite')));
    expect(err.code).toBe('TOO_LARGE');
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('refuses a body whose Content-Length is already too large', async () => {
    const err = await failure(fetcher({ maxBytes: 1_000 }).fetch(server.url + paths.big(50_000, true)));
    expect(err.code).toBe('TOO_LARGE');
  });

  it('accepts a body of exactly maxBytes', async () => {
    const outcome = await fetcher({ maxBytes: 70_000 }).fetch(server.url + paths.big(70_000));
    expect(outcome.kind === 'fetched' && outcome.body.byteLength).toBe(70_000);
  });

  it('counts decoded bytes, so a small gzip bomb is still TOO_LARGE', async () => {
    const bomb = gzipSync(Buffer.alloc(2_000_000, 'a'));
    server.route('/bomb', (_req, res) => {
      res.writeHead(200, { 'content-encoding': 'gzip', 'content-length': bomb.length });
      res.end(bomb);
    });
    expect(bomb.length).toBeLessThan(10_000);
    const err = await failure(fetcher({ maxBytes: 100_000 }).fetch(`${server.url}/bomb`));
    expect(err.code).toBe('TOO_LARGE');
  });

  it.each([['ftp://example.com/feed.xml'], ['file:///etc/passwd'], ['not a url'], ['javascript:alert(1)']])(
    '%s is BAD_URL',
    async (url) => {
      const err = await failure(fetcher().fetch(url));
      expect(err.code).toBe('BAD_URL');
      expect(err.retryable).toBe(false);
    },
  );

  it('a redirect to a non-http scheme is BAD_URL', async () => {
    const err = await failure(fetcher().fetch(server.url + paths.redirectTo('file:///etc/passwd')));
    expect(err.code).toBe('BAD_URL');
  });

  it('an unreachable port is NETWORK and retryable', async () => {
    const closed = await startFeedServer();
    await closed.close();
    const err = await failure(fetcher().fetch(`${closed.url}/feed.xml`));
    expect(err.code).toBe('NETWORK');
    expect(err.retryable).toBe(true);
  });
});

describe('feed fetcher: redirects', () => {
  it('ends a redirect loop with TOO_MANY_REDIRECTS', async () => {
    const err = await failure(fetcher().fetch(server.url + paths.redirectLoop));
    expect(err.code).toBe('TOO_MANY_REDIRECTS');
  });

  it.each([
    [5, 'fetched'],
    [6, 'TOO_MANY_REDIRECTS'],
  ])('a chain of %i redirects -> %s', async (n, expected) => {
    const result = await fetcher()
      .fetch(server.url + paths.redirectChain(n))
      .then(
        (outcome) => outcome.kind,
        (err: FeedFetchError) => err.code,
      );
    expect(result).toBe(expected);
  });

  it('reports the final URL after relative redirects', async () => {
    const outcome = await fetcher().fetch(server.url + paths.redirectChain(2));
    expect(outcome.finalUrl).toBe(server.url + paths.redirectChain(0));
    expect(outcome.url).toBe(server.url + paths.redirectChain(2));
  });

  it('honours a lower maxRedirects', async () => {
    const err = await failure(fetcher({ maxRedirects: 1 }).fetch(server.url + paths.redirectChain(2)));
    expect(err.code).toBe('TOO_MANY_REDIRECTS');
  });
});

describe('feed fetcher: SSRF guard', () => {
  function expectRefused(err: FeedFetchError, code: FeedFetchErrorCode = 'PRIVATE_ADDRESS'): void {
    expect(err.code).toBe(code);
    expect(err.retryable).toBe(false);
  }

  it.each([['127.0.0.1'], ['localhost'], ['[::1]']])(
    'refuses http://%s:<port>/ without contacting it',
    async (host) => {
      const path = `/ssrf-${host.replace(/\W/g, '')}`;
      server.route(path, (_req, res) => {
        res.end('secret');
      });
      const err = await failure(
        fetcher({ allowPrivate: false }).fetch(`http://${host}:${server.port}${path}`),
      );
      expectRefused(err);
      expect(server.hits(path)).toBe(0);
    },
  );

  // 127.0.0.1 plays a public host here; every other forbidden address stays forbidden.
  const loopbackIsPublic = (ip: string): boolean => ip !== '127.0.0.1' && isForbiddenAddress(ip);
  const fakeDns = async (hostname: string) => {
    if (hostname === 'public.test') return [{ address: '127.0.0.1', family: 4 }];
    if (hostname === 'internal.test') return [{ address: '10.1.2.3', family: 4 }];
    throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' });
  };

  it('fetches from a host the guard considers public (control for the tests below)', async () => {
    const f = fetcher({ allowPrivate: false, isForbidden: loopbackIsPublic, resolve: fakeDns });
    expect((await f.fetch(`http://public.test:${server.port}${paths.feed}`)).kind).toBe('fetched');
  });

  it.each([
    ['a literal link-local address', 'http://169.254.169.254/latest/meta-data/'],
    ['a literal IPv6 loopback', 'http://[::1]:<port>/feed.xml'],
    ['a host name that resolves privately', 'http://internal.test:<port>/feed.xml'],
  ])('refuses a redirect from a public host to %s', async (_label, targetTemplate) => {
    const target = targetTemplate.replace('<port>', String(server.port));
    const feedHitsBefore = server.hits('/feed.xml');
    const f = fetcher({ allowPrivate: false, isForbidden: loopbackIsPublic, resolve: fakeDns });
    const before = server.hits('/redirect/to');
    const err = await failure(f.fetch(`http://public.test:${server.port}${paths.redirectTo(target)}`));
    expectRefused(err);
    expect(server.hits('/redirect/to')).toBe(before + 1);
    expect(server.hits('/feed.xml')).toBe(feedHitsBefore);
  });

  it('allowPrivate lets loopback feeds through', async () => {
    expect(
      (await fetcher({ allowPrivate: true }).fetch(`http://localhost:${server.port}${paths.feed}`)).kind,
    ).toBe('fetched');
  });
});

describe('feed fetcher: per-host concurrency', () => {
  it('keeps at most perHostConcurrency requests in flight per host, and the timeout starts after queueing', async () => {
    server.route('/slow-concurrency', slowHeaders(300, sampleFeed()));
    // Six 300 ms requests, two at a time, take ~900 ms: more than the 800 ms budget of one request.
    const f = fetcher({ perHostConcurrency: 2, timeoutMs: 800 });
    const outcomes = await Promise.all(
      Array.from({ length: 6 }, () => f.fetch(`${server.url}/slow-concurrency`)),
    );
    expect(outcomes.map((o) => o.kind)).toEqual(Array(6).fill('fetched'));
    expect(server.hits('/slow-concurrency')).toBe(6);
    expect(server.peakInFlight('/slow-concurrency')).toBe(2);
  });

  it('does not hold one host back for another', async () => {
    server.route('/endless-slow', slowHeaders(10_000, sampleFeed()));
    const f = fetcher({ perHostConcurrency: 1, timeoutMs: 800 });
    const blocked = f.fetch(`${server.url}/endless-slow`).catch((e: unknown) => e);
    const other = await f.fetch(`http://localhost:${server.port}${paths.feed}`);
    expect(other.kind).toBe('fetched');
    expect(await blocked).toMatchObject({ code: 'TIMEOUT' });
  });

  it('releases the slot after failures so later requests still run', async () => {
    const f = fetcher({ perHostConcurrency: 1 });
    for (let i = 0; i < 3; i += 1) {
      await expect(f.fetch(server.url + paths.status(500))).rejects.toBeInstanceOf(FeedFetchError);
    }
    expect((await f.fetch(server.url + paths.feed)).kind).toBe('fetched');
  });
});

describe('feed server: bench feeds', () => {
  it('serves distinct UA and RU feeds with ETags that answer 304', async () => {
    const urls = server.feeds(4, 5);
    const f = fetcher();
    const bodies = await Promise.all(urls.map((u) => f.fetch(u)));
    const texts = bodies.map((o) => (o.kind === 'fetched' ? text(o.body) : ''));
    expect(new Set(texts).size).toBe(4);
    expect(texts[0]).toContain('<language>uk</language>');
    expect(texts[1]).toContain('<language>ru</language>');
    expect(texts[0]?.match(/<item>/g)).toHaveLength(5);
    const again = await f.fetch(urls[0] ?? '', { etag: bodies[0]?.etag });
    expect(again.kind).toBe('not-modified');
  });
});

it('oversized handler without a declared length streams exactly the asked bytes', async () => {
  server.route('/exact', oversized(123_456));
  const outcome = await fetcher().fetch(`${server.url}/exact`);
  expect(outcome.kind === 'fetched' && outcome.body.byteLength).toBe(123_456);
});
