import { GrammyError, HttpError } from 'grammy';
import { TelegramStartupError } from '../errors/telegram-startup-error.js';
import { redactSecrets, type Logger } from '../logger.js';

export interface StartupState {
  ok: boolean;
  detail: string;
}

export interface UntilStartedOptions {
  logger: Logger;
  /** Aborted at shutdown: the wait between attempts ends and the attempt's error is rethrown. */
  signal?: AbortSignal;
  /** Told about every failure and retry, for /healthz. */
  onState?: (state: StartupState) => void;
  firstDelayMs?: number;
  maxDelayMs?: number;
}

type Failure =
  { permanent: true; error: TelegramStartupError } | { permanent: false; reason: string; waitMs?: number };

/**
 * Runs one startup call of the Bot API until it succeeds or `signal` aborts (then the abort reason is thrown). Network failures, timeouts, 5xx and 429 are logged with
 * their reason and retried with backoff (1 s, doubling, at most a minute), so an unreachable Bot API shows in the
 * log and /healthz instead of hanging silently. A refusal (4xx) is permanent: a TelegramStartupError.
 */
export async function untilStarted<T>(
  method: string,
  call: () => Promise<T>,
  options: UntilStartedOptions,
): Promise<T> {
  let delay = options.firstDelayMs ?? 1_000;
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await call();
    } catch (error) {
      // Shutdown: the abort reason, not the attempt's error (a grammY HttpError carries the token in its URL).
      options.signal?.throwIfAborted();
      const failure = classifyStartupFailure(method, error);
      if (failure.permanent) throw failure.error;
      const waitMs = failure.waitMs ?? delay;
      options.logger.warn(
        { err: error, method, attempt, retryInMs: waitMs },
        `Bot API not ready: ${failure.reason}; retrying`,
      );
      options.onState?.({
        ok: false,
        detail: `${method} failed ${attempt}x: ${failure.reason}; next try in ${Math.ceil(waitMs / 1000)} s`,
      });
      await sleep(waitMs, options.signal);
      options.signal?.throwIfAborted();
      delay = Math.min(delay * 2, options.maxDelayMs ?? 60_000);
    }
  }
}

function classifyStartupFailure(method: string, error: unknown): Failure {
  if (error instanceof GrammyError) {
    const { error_code: code, description, parameters } = error;
    if (code === 429) {
      return { permanent: false, reason: 'rate limited (429)', waitMs: (parameters.retry_after ?? 1) * 1000 };
    }
    if (code >= 500) return { permanent: false, reason: `Bot API error ${code}` };
    return { permanent: true, error: new TelegramStartupError(method, code, description) };
  }
  if (error instanceof HttpError) {
    // The nested error of a failed fetch repeats the request URL, and the URL holds the token: masked here too,
    // since this reason also goes to /healthz, which does not pass through the logger.
    const inner = error.error instanceof Error ? `: ${error.error.message}` : '';
    return { permanent: false, reason: redactSecrets(`unreachable${inner}`, []) };
  }
  throw error;
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
    function done(): void {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
  });
}
