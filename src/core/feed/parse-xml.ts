import { Parser } from 'xml2js';

export type XmlRecord = Record<string, unknown>;

/** Characters handed to the XML tokenizer at a time; other work runs between slices (about 1 ms each). */
const CHUNK_CHARS = 8_192;
/** Attributes kept per element; feeds use a handful, and xml2js copies them all in one go when the tag opens. */
const MAX_ATTRIBUTES = 64;

/** Elements nested deeper than this end the parse: real feeds nest a dozen deep, XHTML content a few more. */
export const MAX_DEPTH = 256;

interface SaxHooks {
  tag?: { attributes: Record<string, unknown> };
  onopentagstart?: () => void;
  onattribute?: (attribute: { name: string }) => void;
  onclosetag?: (name: string) => void;
}

/** Thrown inside the tokenizer when a document nests deeper than MAX_DEPTH. */
export class XmlTooDeepError extends Error {
  constructor() {
    super(`elements nested deeper than ${MAX_DEPTH}`);
    this.name = 'XmlTooDeepError';
  }
}

/**
 * Parses XML text with xml2js (sax underneath: a linear state machine, strict, so a truncated feed is an error)
 * in slices separated by `setImmediate`, so a 5 MB feed never blocks the event loop for long. Rejects with the
 * tokenizer's own error; the caller maps it to a typed one.
 */
export function parseXml(xml: string): Promise<XmlRecord | null> {
  return new Promise((resolve, reject) => {
    let settled = false;
    const parser = new Parser({ async: true, chunkSize: CHUNK_CHARS });
    // xml2js 0.6 reports an exception thrown while parsing a slice as `emit(error)`, an event named by the error
    // that nobody listens to, so the callback never ran and the poll hung. Routed to 'error' here, and the
    // parse stops there (no further slice is scheduled).
    const emitter = parser as unknown as { emit: (event: unknown, ...args: unknown[]) => boolean };
    const emit = emitter.emit.bind(parser);
    emitter.emit = (event, ...args) => (event instanceof Error ? emit('error', event) : emit(event, ...args));
    // sax stores each attribute as it reads it; dropping those past the cap here, one at a time, keeps 10^5
    // attributes on one element from becoming one long synchronous copy later.
    const sax = (parser as unknown as { saxParser: SaxHooks }).saxParser;
    let attributes = 0;
    let depth = 0;
    sax.onopentagstart = () => {
      attributes = 0;
      depth += 1;
      // 10^5 nested elements build a 10^5-deep object tree whose handling (and collection) stalls the loop.
      if (depth > MAX_DEPTH) throw new XmlTooDeepError();
    };
    const closeTag = sax.onclosetag;
    sax.onclosetag = (name) => {
      depth -= 1;
      closeTag?.(name);
    };
    sax.onattribute = ({ name }) => {
      attributes += 1;
      if (attributes > MAX_ATTRIBUTES && sax.tag) delete sax.tag.attributes[name];
    };
    parser.parseString(xml, (error: Error | null, result: unknown) => {
      if (settled) return;
      settled = true;
      if (error) reject(error);
      else resolve(result && typeof result === 'object' ? (result as XmlRecord) : null);
    });
  });
}
