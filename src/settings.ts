import { TELEGRAM_LIMITS } from './adapters/redis/outgoing-budget.js';
import type { BreakingSettings } from './adapters/redis/breaking-store.js';
import type { Config } from './config.js';
import { breakingDefaults } from './services/breaking-defaults.js';
import { CLUSTER_WINDOW_MS } from './core/cluster/similarity.js';
import type { DigestLimits } from './core/digest/digest-types.js';

const DAY_MS = 86_400_000;

/** What the worker factory needs, every default resolved. */
export interface WorkerSettings {
  /** Feed polls in flight per worker process. */
  concurrency: number;
  /** Stories older than this are neither ingested nor kept (RETENTION_DAYS). */
  retentionMs: number;
  clusterWindowMs: number;
  allowPrivateFeeds: boolean;
  delivery: DeliverySettings;
}

export interface DeliverySettings {
  /** Messages per second across all workers (Telegram: 30; more only with paid broadcast). */
  ratePerSecond: number;
  paidBroadcast: boolean;
  /** Deliver jobs in flight per worker process. */
  concurrency: number;
  limits: DigestLimits;
  /** The token's budget besides the rate (see OutgoingBudget): per-chat limits and margins. */
  budget: { marginMs: number; chatMarginMs: number; privateIntervalMs: number; groupPerMinute: number };
  /** A job's lock, which is also how soon a job whose worker died is taken again (JOB_LOCK_MS). */
  lockMs: number;
  /** Deliver attempts for 5xx, network failures and timeouts; JOB_OPTIONS.deliver when absent (tests shorten it). */
  retry?: { attempts: number; backoffMs: number };
  /** Breaking-news defaults (operators' /breaking_threshold overrides them in Redis). */
  breaking: BreakingSettings;
}

/** The typed settings of every process kind, derived once from the validated config. */
export interface Settings {
  redisPrefix: string;
  feedsFile: string;
  worker: WorkerSettings;
  /** `sendTimeoutMs`: each digest send's timeout (SEND_TIMEOUT_MS). */
  telegram: { token?: string; apiRoot: string; sendTimeoutMs: number };
  operatorIds: readonly number[];
  defaultTimezone: string;
}

export function settingsFrom(config: Config): Settings {
  return {
    redisPrefix: config.REDIS_PREFIX,
    feedsFile: config.FEEDS_FILE,
    worker: {
      concurrency: config.WORKER_CONCURRENCY,
      retentionMs: config.RETENTION_DAYS * DAY_MS,
      clusterWindowMs: CLUSTER_WINDOW_MS,
      allowPrivateFeeds: config.ALLOW_PRIVATE_FEEDS,
      delivery: {
        ratePerSecond: config.DELIVERY_RATE,
        paidBroadcast: config.PAID_BROADCAST,
        concurrency: config.DELIVER_CONCURRENCY,
        limits: { perTopic: config.DIGEST_MAX_PER_TOPIC, total: config.DIGEST_MAX_ITEMS },
        budget: {
          marginMs: TELEGRAM_LIMITS.marginMs,
          chatMarginMs: TELEGRAM_LIMITS.chatMarginMs,
          privateIntervalMs: TELEGRAM_LIMITS.privateIntervalMs,
          groupPerMinute: TELEGRAM_LIMITS.groupPerMinute,
        },
        lockMs: config.JOB_LOCK_MS,
        breaking: breakingDefaults(config),
      },
    },
    telegram: {
      ...(config.BOT_TOKEN ? { token: config.BOT_TOKEN } : {}),
      apiRoot: config.TELEGRAM_API_ROOT,
      sendTimeoutMs: config.SEND_TIMEOUT_MS,
    },
    operatorIds: config.OPERATOR_IDS,
    defaultTimezone: config.DEFAULT_TIMEZONE,
  };
}
