import { hostname } from 'node:os';
import type { Redis } from 'ioredis';
import type { FeedAlert } from '../adapters/redis/feed-store.js';
import type { Keys } from '../adapters/redis/keys.js';
import { escapeHtml } from '../core/render/escape-html.js';
import type { Logger } from '../logger.js';

/** Sends one HTML message to one operator; throws when Telegram refused it. */
export type OperatorSend = (operatorId: number, html: string) => Promise<void>;

export interface AlertNotifierDeps {
  redis: Redis;
  keys: Keys;
  operatorIds: readonly number[];
  send: OperatorSend;
  logger: Logger;
  now: () => number;
  /** Whether a send error is permanent (blocked bot, unknown chat): that operator is skipped, not retried. */
  isPermanent?: (error: unknown) => boolean;
  everyMs?: number;
  consumer?: string;
}

export interface AlertNotifier {
  /** Delivers what is waiting; returns how many alerts were completed. Exposed for tests. */
  runOnce(): Promise<number>;
  stop(): Promise<void>;
}

export const ALERT_GROUP = 'operators';
/** Alerts older than this when first read (e.g. history before the first deploy) are acknowledged unsent. */
const MAX_ALERT_AGE_MS = 24 * 3_600_000;
/** An entry a crashed process was delivering is taken over after this long. */
const CLAIM_IDLE_MS = 60_000;

const ICON: Record<FeedAlert['kind'], string> = {
  failing: '⚠️',
  dead: '💀',
  recovered: '✅',
  silent: '🔇',
  'dead-letter': '📭',
};

export function formatAlert(alert: FeedAlert): string {
  if (alert.kind === 'dead-letter') {
    return `${ICON[alert.kind]} <b>Given up</b> <code>${escapeHtml(alert.feedId)}</code>\nchats: ${escapeHtml(alert.url)}\n${escapeHtml(alert.message)}`;
  }
  return `${ICON[alert.kind]} <b>Feed ${alert.kind}</b> <code>${escapeHtml(alert.feedId)}</code>\n${escapeHtml(alert.url)}\n${escapeHtml(alert.message)}`;
}

type StreamEntries = [id: string, fields: string[]][];

/**
 * Delivers every feed-health alert once to every operator. The alerts stream is read through a consumer group, so
 * an entry is acknowledged only after all operators got it, several processes share the work, and a restart neither
 * repeats nor loses alerts. Which operators already got an entry is recorded, so a retry skips them.
 */
export function startAlertNotifier(deps: AlertNotifierDeps): AlertNotifier {
  const stream = deps.keys.alerts();
  const consumer = deps.consumer ?? `${hostname()}-${process.pid}`;
  const sentKey = (id: string) => `${stream}:sent:${id}`;
  let ready = false;

  const ensureGroup = async (): Promise<void> => {
    if (ready) return;
    try {
      await deps.redis.xgroup('CREATE', stream, ALERT_GROUP, '0', 'MKSTREAM');
    } catch (error) {
      if (!(error as Error).message.includes('BUSYGROUP')) throw error;
    }
    ready = true;
  };

  const deliver = async (id: string, fields: string[]): Promise<void> => {
    const json = fields[fields.indexOf('json') + 1];
    const alert = json ? (JSON.parse(json) as FeedAlert) : undefined;
    if (alert && deps.now() - alert.at <= MAX_ALERT_AGE_MS) {
      const done = new Set(await deps.redis.smembers(sentKey(id)));
      for (const operatorId of deps.operatorIds) {
        if (done.has(String(operatorId))) continue;
        try {
          await deps.send(operatorId, formatAlert(alert));
        } catch (error) {
          if (!deps.isPermanent?.(error)) throw error;
          deps.logger.warn({ err: error, operatorId }, 'operator cannot receive alerts; skipped');
        }
        await deps.redis
          .multi()
          .sadd(sentKey(id), String(operatorId))
          .expire(sentKey(id), 7 * 86_400)
          .exec();
      }
    }
    await deps.redis.multi().xack(stream, ALERT_GROUP, id).del(sentKey(id)).exec();
  };

  const runOnce = async (): Promise<number> => {
    await ensureGroup();
    const claimed = (await deps.redis.xautoclaim(
      stream,
      ALERT_GROUP,
      consumer,
      CLAIM_IDLE_MS,
      '0-0',
      'COUNT',
      20,
    )) as [string, StreamEntries];
    // Our own pending entries first (a send failed last time), then new ones.
    const own = (await deps.redis.xreadgroup(
      'GROUP',
      ALERT_GROUP,
      consumer,
      'COUNT',
      20,
      'STREAMS',
      stream,
      '0',
    )) as [string, StreamEntries][] | null;
    const fresh = (await deps.redis.xreadgroup(
      'GROUP',
      ALERT_GROUP,
      consumer,
      'COUNT',
      20,
      'STREAMS',
      stream,
      '>',
    )) as [string, StreamEntries][] | null;
    const entries = new Map<string, string[]>();
    for (const [id, fields] of [
      ...(claimed[1] ?? []),
      ...(own?.[0]?.[1] ?? []),
      ...(fresh?.[0]?.[1] ?? []),
    ]) {
      if (fields) entries.set(id, fields);
    }
    let delivered = 0;
    for (const [id, fields] of entries) {
      await deliver(id, fields);
      delivered += 1;
    }
    return delivered;
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
