export type FeedFetchErrorCode =
  | 'BAD_URL'
  | 'CREDENTIALS_IN_URL'
  | 'PRIVATE_ADDRESS'
  | 'TIMEOUT'
  | 'TOO_LARGE'
  | 'TOO_MANY_REDIRECTS'
  | 'HTTP_STATUS'
  | 'NETWORK';

/** Transient codes: trying the same URL again later may well succeed. */
const RETRYABLE_CODES: ReadonlySet<FeedFetchErrorCode> = new Set(['TIMEOUT', 'NETWORK']);

/** A feed could not be fetched; `code` says why and never changes wording, unlike `message`. */
export class FeedFetchError extends Error {
  readonly httpStatus?: number;
  readonly url?: string;

  constructor(
    readonly code: FeedFetchErrorCode,
    message: string,
    options: { httpStatus?: number; url?: string; cause?: unknown } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'FeedFetchError';
    this.httpStatus = options.httpStatus;
    this.url = options.url;
  }

  /**
   * Whether a later attempt may succeed: timeouts, network failures, 5xx, 408 and 429 are retryable.
   * Other 4xx, refused addresses, bad URLs, oversized bodies and redirect loops will fail the same way again.
   */
  get retryable(): boolean {
    if (RETRYABLE_CODES.has(this.code)) return true;
    if (this.code !== 'HTTP_STATUS' || this.httpStatus === undefined) return false;
    return this.httpStatus >= 500 || this.httpStatus === 408 || this.httpStatus === 429;
  }
}
