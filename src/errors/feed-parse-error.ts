export type FeedParseErrorCode = 'MALFORMED_XML' | 'NOT_A_FEED' | 'EMPTY' | 'TOO_DEEP';

/**
 * A fetched body could not be turned into feed items. `code` says why, so the poller can tell a feed that moved
 * to an HTML page (NOT_A_FEED) from one that is temporarily truncated or broken (MALFORMED_XML).
 */
export class FeedParseError extends Error {
  constructor(
    readonly code: FeedParseErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'FeedParseError';
  }
}
