import { Parser } from 'xml2js';

export type XmlRecord = Record<string, unknown>;

/** Characters handed to the XML tokenizer at a time; other work runs between slices (about 2 ms each). */
const CHUNK_CHARS = 32_768;

/**
 * Parses XML text with xml2js (sax underneath: a linear state machine, strict, so a truncated feed is an error)
 * in slices separated by `setImmediate`, so a 5 MB feed never blocks the event loop for long. Rejects with the
 * tokenizer's own error; the caller maps it to a typed one.
 */
export function parseXml(xml: string): Promise<XmlRecord | null> {
  return new Promise((resolve, reject) => {
    let settled = false;
    const parser = new Parser({ async: true, chunkSize: CHUNK_CHARS });
    parser.parseString(xml, (error: Error | null, result: unknown) => {
      if (settled) return;
      settled = true;
      if (error) reject(error);
      else resolve(result && typeof result === 'object' ? (result as XmlRecord) : null);
    });
  });
}
