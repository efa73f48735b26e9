export interface FailureParameters {
  retry_after?: number;
  migrate_to_chat_id?: number;
}

/** An error the fake answers as `{ ok: false, error_code, description, parameters }`. */
export class ApiFailure extends Error {
  readonly code = 'BOT_API_FAILURE';

  constructor(
    readonly errorCode: number,
    readonly description: string,
    readonly parameters?: FailureParameters,
    /** For a 429: the chat whose own limit was hit; absent when the token's limit was (a global penalty). */
    readonly penaltyChatId?: number,
  ) {
    super(description);
    this.name = 'ApiFailure';
  }

  toJSON(): Record<string, unknown> {
    return {
      ok: false,
      error_code: this.errorCode,
      description: this.description,
      ...(this.parameters ? { parameters: this.parameters } : {}),
    };
  }
}

export const badRequest = (what: string): ApiFailure => new ApiFailure(400, `Bad Request: ${what}`);

export const forbidden = (what: string): ApiFailure => new ApiFailure(403, `Forbidden: ${what}`);

export const tooManyRequests = (retryAfter: number, chatId?: number): ApiFailure =>
  new ApiFailure(429, `Too Many Requests: retry after ${retryAfter}`, { retry_after: retryAfter }, chatId);
