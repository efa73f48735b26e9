import { GrammyError, HttpError } from 'grammy';

/** What a send attempt means for delivery; the deliver processor decides on these, never on error text. */
export type SendOutcome =
  | { kind: 'sent'; messageId: number }
  | { kind: 'rate-limited'; retryAfterMs: number }
  /** 403 (blocked, kicked, deactivated) or a chat that no longer exists: a strike toward deactivation. */
  | { kind: 'forbidden'; code: number }
  | { kind: 'migrated'; newChatId: number }
  /** The HTML was rejected; the same text goes again as plain text. */
  | { kind: 'bad-entities' }
  /** 5xx, network failures and timeouts: retry with backoff. */
  | { kind: 'transient'; code: number | 'network' }
  /** Any other 4xx: retrying cannot help. */
  | { kind: 'rejected'; code: number };

/** Failures Telegram gives only as a description class under a generic 400. */
export type ApiErrorClass = 'bad-entities' | 'chat-not-found' | 'not-modified';

/*
 * These prefixes are the one place where Telegram's description text is read; everything else goes by error_code
 * and parameters.
 */
const DESCRIPTION_CLASSES: { prefix: string; kind: ApiErrorClass }[] = [
  { prefix: "bad request: can't parse entities", kind: 'bad-entities' },
  { prefix: 'bad request: chat not found', kind: 'chat-not-found' },
  { prefix: 'bad request: message is not modified', kind: 'not-modified' },
];

/** The description class of a 400, or undefined for any other error. */
export function apiErrorClass(error: unknown): ApiErrorClass | undefined {
  if (!(error instanceof GrammyError) || error.error_code !== 400) return undefined;
  const description = error.description.toLowerCase();
  return DESCRIPTION_CLASSES.find((entry) => description.startsWith(entry.prefix))?.kind;
}

/** An edit that changed nothing: expected when a button is pressed twice, not a failure. */
export const isNotModified = (error: unknown): boolean => apiErrorClass(error) === 'not-modified';

/** Maps a grammY error (or anything thrown by a send) to a typed outcome. */
export function classifySendError(error: unknown): SendOutcome {
  if (error instanceof GrammyError) {
    const { error_code: code, parameters } = error;
    if (parameters.migrate_to_chat_id !== undefined)
      return { kind: 'migrated', newChatId: parameters.migrate_to_chat_id };
    if (code === 429) return { kind: 'rate-limited', retryAfterMs: (parameters.retry_after ?? 1) * 1000 };
    if (code === 403) return { kind: 'forbidden', code };
    if (code >= 500) return { kind: 'transient', code };
    const kind = apiErrorClass(error);
    if (kind === 'bad-entities') return { kind: 'bad-entities' };
    if (kind === 'chat-not-found') return { kind: 'forbidden', code };
    return { kind: 'rejected', code };
  }
  if (error instanceof HttpError) return { kind: 'transient', code: 'network' };
  throw error;
}
