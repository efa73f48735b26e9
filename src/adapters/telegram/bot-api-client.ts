import { HttpError, type Transformer } from 'grammy';

/**
 * Every Bot API request gives up after this long (grammY's default is 500 s). A request that hangs then fails as
 * an HttpError, which callers treat like a 5xx: retried with backoff, never waited on forever.
 */
export const BOT_API_TIMEOUT_SECONDS = 30;

/** getUpdates long-polls this long, well inside the request timeout above, so polling never trips it. */
export const LONG_POLL_SECONDS = 20;

/** grammY client options for every Api and Bot we build: one place for the root and the timeout. */
export function botApiClient(
  apiRoot: string,
  timeoutSeconds = BOT_API_TIMEOUT_SECONDS,
): { apiRoot: string; timeoutSeconds: number } {
  return { apiRoot, timeoutSeconds };
}

/**
 * Retries network failures and timeouts (HttpError) a few times with a short backoff, then lets the error out so it
 * is logged. @grammyjs/auto-retry would retry them forever, silently (its rethrowHttpErrors option is off by
 * default), which hung startup and shutdown when the Bot API was unreachable.
 */
export function retryNetworkErrors(attempts = 2, firstDelayMs = 500): Transformer {
  return async (prev, method, payload, signal) => {
    let delay = firstDelayMs;
    for (let attempt = 0; ; attempt += 1) {
      try {
        return await prev(method, payload, signal);
      } catch (error) {
        if (!(error instanceof HttpError) || attempt >= attempts || signal?.aborted) throw error;
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, delay);
          signal?.addEventListener('abort', () => {
            clearTimeout(timer);
            resolve();
          });
        });
        if (signal?.aborted) throw error;
        delay *= 2;
      }
    }
  };
}
