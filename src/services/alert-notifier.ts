import { hostname } from 'node:os';
import type { AlertInbox, InboxEntry } from '../adapters/redis/alert-inbox.js';
import type { FeedAlert } from '../adapters/redis/alert-record.js';
import type { SendOutcome } from '../adapters/telegram/send-outcome.js';
import type { OperatorLocale } from '../core/ops/operator-locale.js';
import { escapeHtml } from '../core/render/escape-html.js';
import type { Logger } from '../logger.js';

/** Sends one HTML message to one operator: the deliveries' sender, so its outcomes mean the same here. */
export type OperatorSend = (operatorId: number, html: string) => Promise<SendOutcome>;

/** A message of the bot's .ftl files in one locale (the composition root hands in the bot's i18n). */
export type AlertTranslate = (
  locale: OperatorLocale,
  key: string,
  variables: Record<string, string | number>,
) => string;

export interface AlertNotifierDeps {
  inbox: AlertInbox;
  operatorIds: readonly number[];
  send: OperatorSend;
  /**
   * The translations, asked for when an alert is sent: the composition root loads the bot's i18n only then, so a
   * worker that never alerts never loads Fluent and the .ftl files.
   */
  translations: () => Promise<AlertTranslate>;
  /** The operator's language; English when absent. */
  localeOf?: (operatorId: number) => Promise<OperatorLocale>;
  logger: Logger;
  now: () => number;
  everyMs?: number;
  consumer?: string;
}

export interface AlertNotifier {
  /** Delivers what is waiting; returns how many alerts were completed. Exposed for tests. */
  runOnce(): Promise<number>;
  stop(): Promise<void>;
}

/** Alerts older than this when first read (e.g. history before the first deploy) are acknowledged unsent. */
const MAX_ALERT_AGE_MS = 24 * 3_600_000;
/** An entry a crashed process was delivering is taken over after this long. */
const CLAIM_IDLE_MS = 60_000;

const HEADING: Record<FeedAlert['kind'], string> = {
  failing: 'alert-feed-failing',
  dead: 'alert-feed-dead',
  recovered: 'alert-feed-recovered',
  silent: 'alert-feed-silent',
  'dead-letter': 'alert-given-up',
};

/**
 * One alert in one operator's language. The stored message (an error code and its detail) is shown as recorded:
 * it is a diagnostic, the same words the logs carry.
 */
export function formatAlert(alert: FeedAlert, locale: OperatorLocale, translate: AlertTranslate): string {
  const heading = translate(locale, HEADING[alert.kind], { id: escapeHtml(alert.feedId) });
  const where =
    alert.kind === 'dead-letter'
      ? translate(locale, 'alert-chats', { chats: escapeHtml(alert.url) })
      : escapeHtml(alert.url);
  return `${heading}\n${where}\n${escapeHtml(alert.message)}`;
}

/**
 * Delivers every feed-health alert once to every operator, through the alerts inbox (a consumer group: see
 * AlertInbox for what that guarantees).
 */
export function startAlertNotifier(deps: AlertNotifierDeps): AlertNotifier {
  const consumer = deps.consumer ?? `${hostname()}-${process.pid}`;

  const deliver = async ({ id, alert }: InboxEntry): Promise<void> => {
    if (alert && deps.now() - alert.at <= MAX_ALERT_AGE_MS) {
      const done = await deps.inbox.sentTo(id);
      const translate = await deps.translations();
      for (const operatorId of deps.operatorIds) {
        if (done.has(String(operatorId))) continue;
        const locale = (await deps.localeOf?.(operatorId)) ?? 'en';
        const outcome = await deps.send(operatorId, formatAlert(alert, locale, translate));
        // A blocked bot or an unknown chat does not heal by retrying: that operator is skipped.
        if (outcome.kind === 'forbidden') {
          deps.logger.warn({ operatorId, code: outcome.code }, 'operator cannot receive alerts; skipped');
        } else if (outcome.kind !== 'sent') {
          throw new Error(`alert to operator ${operatorId} not sent (${outcome.kind}); retrying later`);
        }
        await deps.inbox.markSent(id, operatorId);
      }
    }
    await deps.inbox.done(id);
  };

  const runOnce = async (): Promise<number> => {
    const entries = await deps.inbox.take(consumer, 20, CLAIM_IDLE_MS);
    for (const entry of entries) await deliver(entry);
    return entries.length;
  };

  let stopped = false;
  let running: Promise<unknown> = Promise.resolve();
  let busy = false;
  const timer = setInterval(() => {
    if (stopped || busy) return;
    busy = true;
    running = runOnce()
      .catch((error: unknown) => deps.logger.warn({ err: error }, 'alert delivery failed; retrying later'))
      .finally(() => {
        busy = false;
      });
  }, deps.everyMs ?? 5_000);
  timer.unref();

  return {
    runOnce,
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
