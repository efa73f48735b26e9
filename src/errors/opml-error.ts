export type OpmlErrorCode = 'NOT_OPML' | 'MALFORMED_XML' | 'TOO_MANY';

/** An uploaded OPML document was refused as a whole; `code` says why. */
export class OpmlError extends Error {
  constructor(
    readonly code: OpmlErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'OpmlError';
  }
}
