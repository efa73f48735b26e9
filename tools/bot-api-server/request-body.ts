import type { IncomingMessage } from 'node:http';
import { badRequest } from './api-failure.js';

export type Params = Record<string, unknown>;

/** Form fields arrive as strings; grammY JSON-encodes objects and arrays, so decode those back. */
function fromFormValue(value: string): unknown {
  const t = value.trim();
  if (t.startsWith('{') || t.startsWith('[')) {
    try {
      return JSON.parse(t) as unknown;
    } catch {
      return value;
    }
  }
  if (t === 'true') return true;
  if (t === 'false') return false;
  return value;
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/**
 * Reads parameters the ways the Bot API accepts them: query string, JSON, urlencoded and multipart
 * (uploaded files become `{ file_name, size, data }`).
 */
export async function readParams(req: IncomingMessage, url: URL): Promise<Params> {
  const params: Params = {};
  for (const [k, v] of url.searchParams) params[k] = fromFormValue(v);
  const type = (req.headers['content-type'] ?? '').toLowerCase();
  const body = await readBody(req);
  if (body.length === 0) return params;
  if (type.startsWith('application/json')) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(body.toString('utf8'));
    } catch {
      throw badRequest('invalid JSON in request body');
    }
    if (typeof parsed === 'object' && parsed !== null) Object.assign(params, parsed);
    return params;
  }
  if (type.startsWith('application/x-www-form-urlencoded')) {
    for (const [k, v] of new URLSearchParams(body.toString('utf8'))) params[k] = fromFormValue(v);
    return params;
  }
  if (type.startsWith('multipart/form-data')) {
    // grammY writes `content-disposition:form-data;name=...` without spaces, which undici's parser rejects.
    const boundary = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(req.headers['content-type'] ?? '');
    const parts = parseMultipart(body, boundary?.[1] ?? boundary?.[2]?.trim() ?? '');
    const files = new Map<string, { file_name: string; size: number; data: Buffer }>();
    for (const part of parts) {
      if (part.fileName !== undefined) {
        files.set(part.name, { file_name: part.fileName, size: part.data.length, data: part.data });
      }
    }
    for (const part of parts) {
      if (part.fileName !== undefined) {
        params[part.name] = files.get(part.name);
        continue;
      }
      const value = part.data.toString('utf8');
      // InputFile fields arrive as `attach://<part name>`, the bytes in that part.
      const attached = value.startsWith('attach://') ? files.get(value.slice('attach://'.length)) : undefined;
      params[part.name] = attached ?? fromFormValue(value);
    }
    return params;
  }
  return params;
}

interface MultipartPart {
  name: string;
  fileName?: string;
  data: Buffer;
}

function parseMultipart(body: Buffer, boundary: string): MultipartPart[] {
  if (!boundary) throw badRequest('multipart body without a boundary');
  const delimiter = Buffer.from(`--${boundary}`);
  const parts: MultipartPart[] = [];
  let at = body.indexOf(delimiter);
  while (at !== -1) {
    const start = at + delimiter.length;
    if (body.subarray(start, start + 2).toString() === '--') break;
    const next = body.indexOf(delimiter, start);
    if (next === -1) break;
    const chunk = body.subarray(start + 2, next - 2);
    const split = chunk.indexOf('\r\n\r\n');
    const head = chunk.subarray(0, split === -1 ? 0 : split).toString('utf8');
    const disposition = /content-disposition:\s*form-data\s*;([^\r\n]*)/i.exec(head)?.[1] ?? '';
    const name = /(?:^|;)\s*name="([^"]*)"/.exec(disposition)?.[1];
    const fileName = /filename=(?:"([^"]*)"|([^;\s]+))/
      .exec(disposition)
      ?.slice(1)
      .find((v) => v !== undefined);
    if (name !== undefined && split !== -1) {
      parts.push({ name, ...(fileName !== undefined ? { fileName } : {}), data: chunk.subarray(split + 4) });
    }
    at = next;
  }
  return parts;
}
