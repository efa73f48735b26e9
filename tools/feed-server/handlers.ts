import type { IncomingMessage, ServerResponse } from 'node:http';
import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';

export type RouteHandler = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;

export const RSS_TYPE = 'application/rss+xml; charset=utf-8';

function toBuffer(body: string | Uint8Array): Buffer {
  return typeof body === 'string' ? Buffer.from(body, 'utf8') : Buffer.from(body);
}

/** Runs `fn` after `ms` unless the client went away first (so closed tests leave no timers behind). */
function later(res: ServerResponse, ms: number, fn: () => void): void {
  const timer = setTimeout(fn, ms);
  res.once('close', () => clearTimeout(timer));
}

export function bytes(body: string | Uint8Array, contentType = RSS_TYPE): RouteHandler {
  const buf = toBuffer(body);
  return (_req, res) => {
    res.writeHead(200, { 'content-type': contentType, 'content-length': buf.length });
    res.end(buf);
  };
}

/** Serves `body` with an ETag and answers a matching If-None-Match with 304. */
export function withEtag(body: string | Uint8Array, etag: string, contentType = RSS_TYPE): RouteHandler {
  const buf = toBuffer(body);
  return (req, res) => {
    const sent = req.headers['if-none-match']?.split(',').map((t) => t.trim());
    if (sent?.includes(etag) || sent?.includes('*')) {
      res.writeHead(304, { etag });
      res.end();
      return;
    }
    res.writeHead(200, { 'content-type': contentType, 'content-length': buf.length, etag });
    res.end(buf);
  };
}

/** Serves `body` with Last-Modified and answers If-Modified-Since (not older than it) with 304. */
export function withLastModified(
  body: string | Uint8Array,
  modified: Date,
  contentType = RSS_TYPE,
): RouteHandler {
  const buf = toBuffer(body);
  const lastModified = modified.toUTCString();
  const modifiedSec = Math.floor(modified.getTime() / 1000);
  return (req, res) => {
    const since = Date.parse(req.headers['if-modified-since'] ?? '');
    if (!Number.isNaN(since) && Math.floor(since / 1000) >= modifiedSec) {
      res.writeHead(304, { 'last-modified': lastModified });
      res.end();
      return;
    }
    res.writeHead(200, {
      'content-type': contentType,
      'content-length': buf.length,
      'last-modified': lastModified,
    });
    res.end(buf);
  };
}

export function status(code: number, body = `status ${code}\n`): RouteHandler {
  return (_req, res) => {
    res.writeHead(code, { 'content-type': 'text/plain; charset=utf-8' });
    res.end(body);
  };
}

/** Waits `delayMs` before sending any header, then serves `body`. */
export function slowHeaders(
  delayMs: number,
  body: string | Uint8Array,
  contentType = RSS_TYPE,
): RouteHandler {
  const serve = bytes(body, contentType);
  return (req, res) => later(res, delayMs, () => void serve(req, res));
}

/** Sends headers at once, then one chunk of the body every `intervalMs`. */
export function slowDrip(body: string | Uint8Array, intervalMs: number, chunks = 10): RouteHandler {
  const buf = toBuffer(body);
  const size = Math.ceil(buf.length / chunks);
  return (_req, res) => {
    res.writeHead(200, { 'content-type': RSS_TYPE });
    const send = (offset: number): void => {
      if (offset >= buf.length) {
        res.end();
        return;
      }
      res.write(buf.subarray(offset, offset + size));
      later(res, intervalMs, () => send(offset + size));
    };
    send(0);
  };
}

/**
 * Streams `totalBytes` of filler (forever when Infinity) as fast as the client reads.
 * `declareLength` sends an honest Content-Length so the client can refuse before reading.
 */
export function oversized(totalBytes = Infinity, declareLength = false): RouteHandler {
  const chunk = Buffer.alloc(64 * 1024, 'x');
  return (_req, res) => {
    const headers: Record<string, string | number> = { 'content-type': RSS_TYPE };
    if (declareLength && Number.isFinite(totalBytes)) headers['content-length'] = totalBytes;
    res.writeHead(200, headers);
    let left = totalBytes;
    const pump = (): void => {
      while (left > 0 && !res.destroyed) {
        const piece = left >= chunk.length ? chunk : chunk.subarray(0, left);
        left -= piece.length;
        if (!res.write(piece)) {
          res.once('drain', pump);
          return;
        }
      }
      if (left <= 0) res.end();
    };
    pump();
  };
}

export function redirectTo(location: string, code = 302): RouteHandler {
  return (_req, res) => {
    res.writeHead(code, { location });
    res.end();
  };
}

export type Encoding = 'gzip' | 'br' | 'deflate';

const ENCODERS: Record<Encoding, (buf: Buffer) => Buffer> = {
  gzip: (buf) => gzipSync(buf),
  br: (buf) => brotliCompressSync(buf),
  deflate: (buf) => deflateSync(buf),
};

/** Serves `body` compressed with `encoding` (the client is expected to decode it). */
export function encoded(body: string | Uint8Array, encoding: Encoding, contentType = RSS_TYPE): RouteHandler {
  const buf = ENCODERS[encoding](toBuffer(body));
  return (_req, res) => {
    res.writeHead(200, {
      'content-type': contentType,
      'content-encoding': encoding,
      'content-length': buf.length,
      vary: 'accept-encoding',
    });
    res.end(buf);
  };
}

/** What a news site serves when the feed URL is wrong: a 200 HTML page, not a feed. */
export const HTML_PAGE = `<!doctype html>
<html lang="uk"><head><meta charset="utf-8"><title>Новини України</title></head>
<body><h1>Головні новини</h1><p>Сторінку не знайдено — спробуйте розділ «Новини».</p></body></html>
`;

export function htmlPage(): RouteHandler {
  return bytes(HTML_PAGE, 'text/html; charset=utf-8');
}
