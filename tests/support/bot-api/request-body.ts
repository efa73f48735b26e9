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
    // undici's Request already implements a multipart parser; no need for a dependency.
    const form = await new Request('http://fake.local/', {
      method: 'POST',
      headers: { 'content-type': type },
      body,
    }).formData();
    for (const [k, v] of form) {
      params[k] =
        typeof v === 'string'
          ? fromFormValue(v)
          : { file_name: v.name, size: v.size, data: Buffer.from(await v.arrayBuffer()) };
    }
    return params;
  }
  return params;
}
