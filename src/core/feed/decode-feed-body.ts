import { yieldToEventLoop } from './yield-to-event-loop.js';

export interface DecodedFeedBody {
  text: string;
  /** Canonical WHATWG name of the charset used, e.g. `utf-8`, `windows-1251`, `koi8-u`. */
  encoding: string;
}

const XML_DECL_ENCODING = /^\s*<\?xml[^>]*?\bencoding\s*=\s*["']([^"']+)["']/i;
const CHARSET_PARAM = /;\s*charset\s*=\s*"?([^";\s]+)"?/i;

/**
 * Decodes a feed body to a string. A BOM wins over everything (it cannot be wrong about the bytes that follow
 * it, while servers often send a stale `charset=`); then the Content-Type charset, then the XML declaration,
 * then UTF-8. When the chosen charset is UTF-8 but the bytes are not valid UTF-8 and the XML declaration names
 * another charset, the declaration is believed: Ukrainian sites often serve windows-1251 files as `utf-8`.
 */
export function decodeFeedBody(bytes: Uint8Array, contentType?: string): DecodedFeedBody {
  const plan = planDecoding(bytes, contentType);
  if (plan.fallback && !isValidUtf8(plan.bytes)) return decodeWith(plan.bytes, plan.fallback);
  return decodeWith(plan.bytes, plan.encoding);
}

/** Bytes decoded between two yields to the event loop (about 2 ms of work). */
const SLICE_BYTES = 262_144;

/**
 * decodeFeedBody's result, decoded in slices with yields between them so a 5 MB body never blocks the event loop.
 * The UTF-8 validity check is the same streaming pass (fatal decoder), not a second one.
 */
export async function decodeFeedBodyInSlices(
  bytes: Uint8Array,
  contentType?: string,
): Promise<DecodedFeedBody> {
  const plan = planDecoding(bytes, contentType);
  if (plan.fallback) {
    try {
      return await decodeSliced(plan.bytes, plan.encoding, true);
    } catch {
      return decodeSliced(plan.bytes, plan.fallback, false);
    }
  }
  return decodeSliced(plan.bytes, plan.encoding, false);
}

async function decodeSliced(bytes: Uint8Array, label: string, fatal: boolean): Promise<DecodedFeedBody> {
  const decoder = new TextDecoder(label, { fatal });
  const parts: string[] = [];
  for (let start = 0; start < bytes.length; start += SLICE_BYTES) {
    if (start > 0) await yieldToEventLoop();
    parts.push(decoder.decode(bytes.subarray(start, start + SLICE_BYTES), { stream: true }));
  }
  parts.push(decoder.decode());
  const text = parts.join('');
  return { text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text, encoding: decoder.encoding };
}

interface DecodingPlan {
  bytes: Uint8Array;
  encoding: string;
  /** Charset to use instead when `encoding` (UTF-8) turns out not to fit the bytes. */
  fallback?: string;
}

function planDecoding(bytes: Uint8Array, contentType: string | undefined): DecodingPlan {
  const bom = sniffBom(bytes);
  if (bom) return { bytes: bytes.subarray(bom.length), encoding: bom.encoding };

  const declared = xmlDeclEncoding(bytes);
  // A header longer than any real one is not read: the charset regex would only waste time on it.
  const header = contentType && contentType.length <= 1_024 ? contentType : undefined;
  const fromHeader = header ? decoderFor(CHARSET_PARAM.exec(header)?.[1]) : undefined;
  const fromDecl = decoderFor(declared);
  const chosen = fromHeader ?? fromDecl ?? decoderFor(sniffUtf16(bytes)) ?? 'utf-8';
  if (chosen === 'utf-8' && fromDecl && fromDecl !== 'utf-8')
    return { bytes, encoding: chosen, fallback: fromDecl };
  return { bytes, encoding: chosen };
}

function decodeWith(bytes: Uint8Array, label: string): DecodedFeedBody {
  const decoder = new TextDecoder(label);
  // TextDecoder strips a BOM matching its own encoding; a stray one left by a mislabelled body goes too.
  const text = decoder.decode(bytes).replace(/^\uFEFF/, '');
  return { text, encoding: decoder.encoding };
}

/** Canonical encoding for a label, or undefined when TextDecoder does not know it. */
function decoderFor(label: string | undefined): string | undefined {
  if (!label) return undefined;
  try {
    return new TextDecoder(label.trim()).encoding;
  } catch {
    return undefined;
  }
}

function sniffBom(bytes: Uint8Array): { encoding: string; length: number } | undefined {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { encoding: 'utf-8', length: 3 };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: 'utf-16le', length: 2 };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { encoding: 'utf-16be', length: 2 };
  return undefined;
}

/** UTF-16 without a BOM still starts with `<` next to a zero byte. */
function sniffUtf16(bytes: Uint8Array): string | undefined {
  if (bytes[0] === 0x3c && bytes[1] === 0x00) return 'utf-16le';
  if (bytes[0] === 0x00 && bytes[1] === 0x3c) return 'utf-16be';
  return undefined;
}

function xmlDeclEncoding(bytes: Uint8Array): string | undefined {
  // The declaration is ASCII in every charset we accept, so latin1 reads it whatever the body's charset is.
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 200));
  return XML_DECL_ENCODING.exec(head)?.[1];
}

function isValidUtf8(bytes: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}
