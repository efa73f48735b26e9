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

/*
 * Telegram gives some failures only as a description class under a generic 400. These prefixes are the one place
 * where description text is read; everything else goes by error_code and parameters.
 */
const DESCRIPTION_CLASSES: { prefix: string; outcome: 'bad-entities' | 'forbidden' }[] = [
  { prefix: "bad request: can't parse entities", outcome: 'bad-entities' },
  { prefix: 'bad request: chat not found', outcome: 'forbidden' },
];

/** Maps a grammY error (or anything thrown by a send) to a typed outcome. */
export function classifySendError(error: unknown): SendOutcome {
  if (error instanceof GrammyError) {
    const { error_code: code, parameters } = error;
    if (parameters.migrate_to_chat_id !== undefined)
      return { kind: 'migrated', newChatId: parameters.migrate_to_chat_id };
    if (code === 429) return { kind: 'rate-limited', retryAfterMs: (parameters.retry_after ?? 1) * 1000 };
    if (code === 403) return { kind: 'forbidden', code };
    if (code >= 500) return { kind: 'transient', code };
    const description = error.description.toLowerCase();
    const match = DESCRIPTION_CLASSES.find((entry) => description.startsWith(entry.prefix));
    if (match?.outcome === 'bad-entities') return { kind: 'bad-entities' };
    if (match?.outcome === 'forbidden') return { kind: 'forbidden', code };
    return { kind: 'rejected', code };
  }
  if (error instanceof HttpError) return { kind: 'transient', code: 'network' };
  throw error;
}
