import { isIP } from 'node:net';
import { z } from 'zod';
import { ConfigError } from './errors/config-error.js';
import { isClusterUrl, parseClusterUrl } from './lib/redis-cluster-url.js';

const booleanFromEnv = z
  .enum(['true', 'false', '1', '0', 'yes', 'no', ''])
  .default('false')
  .transform((value) => value === 'true' || value === '1' || value === 'yes');

const optionalString = z
  .string()
  .optional()
  .transform((value) => (value === undefined || value.trim() === '' ? undefined : value.trim()));

const MIN_WEBHOOK_SECRET = 32;

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

const configSchema = z.object({
  BOT_TOKEN: optionalString.refine((token) => token === undefined || /^\d+:[\w-]{20,}$/.test(token), {
    message: 'must look like 123456:ABC-DEF... (from @BotFather)',
  }),
  TELEGRAM_API_ROOT: z.url({ message: 'must be an http(s) URL' }).default('https://api.telegram.org'),
  REDIS_URL: optionalString.refine(
    (url) =>
      url === undefined ||
      (isClusterUrl(url) ? parseClusterUrl(url) !== undefined : /^(rediss?|unix):\/\//.test(url)),
    {
      message:
        'must start with redis://, rediss:// or unix://, or name a cluster as redis+cluster://[user:password@]host:port,host:port',
    },
  ),
  REDIS_PREFIX: z
    .string()
    .regex(/^[\w{}:.-]+$/, 'letters, digits and _ { } : . - only')
    .default('nd'),
  FEEDS_FILE: z.string().min(1).default('./feeds.yaml'),
  OPERATOR_IDS: z
    .string()
    .default('')
    .refine((ids) => ids.split(',').every((id) => id.trim() === '' || /^-?\d+$/.test(id.trim())), {
      message: 'must be a comma-separated list of numeric Telegram user ids',
    })
    .transform((ids) =>
      ids
        .split(',')
        .map((id) => id.trim())
        .filter((id) => id !== '')
        .map(Number),
    ),
  ALLOW_PRIVATE_FEEDS: booleanFromEnv,
  /** Inline mode (`@bot words` in any chat); also switch it on with @BotFather /setinline. */
  INLINE_MODE: booleanFromEnv,
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  DEFAULT_TIMEZONE: z
    .string()
    .default('Europe/Kyiv')
    .refine(isTimeZone, { message: 'must be an IANA time zone such as Europe/Kyiv' }),
  HTTP_PORT: z.coerce.number().int().min(0).max(65535).optional(),
  // /healthz, /metrics and the dashboard are for the operator: loopback unless the deployment says otherwise.
  HTTP_HOST: z
    .string()
    .default('127.0.0.1')
    .refine((host) => isIP(host) !== 0 || /^[A-Za-z0-9.-]{1,253}$/.test(host), {
      message: 'must be an IP address or host name, e.g. 127.0.0.1 or 0.0.0.0',
    }),
  RETENTION_DAYS: z.coerce.number().int().min(1).max(365).default(14),
  /** Breaking news: a cluster reported by this many distinct outlets within BREAKING_WINDOW_MINUTES... */
  BREAKING_OUTLETS: z.coerce.number().int().min(2).max(50).default(4),
  BREAKING_WINDOW_MINUTES: z.coerce.number().int().min(5).max(1440).default(60),
  /** ...is sent to subscribers, at most this many a day per chat. Operators override all three with /breaking_threshold. */
  BREAKING_PER_DAY: z.coerce.number().int().min(1).max(50).default(3),
  /** A chat that blocked or removed the bot is forgotten (as by /forget) after this many days. */
  FORGET_INACTIVE_DAYS: z.coerce.number().int().min(1).max(3650).default(30),
  DATA_DIR: z.string().min(1).default('./data'),
  // Polls mostly wait on outlets' servers (hundreds of ms each): 10,000 feeds every 5 minutes keep about ten in
  // flight on average, and an all-304 cycle of 500 local feeds took 572–859 ms at 8 against 358–645 ms at 32.
  WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(200).default(32),
  DELIVERY_RATE: z.coerce.number().int().min(1).max(1000).default(30),
  PAID_BROADCAST: booleanFromEnv,
  DELIVER_CONCURRENCY: z.coerce.number().int().min(1).max(500).default(50),
  SEND_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(30_000),
  JOB_LOCK_MS: z.coerce.number().int().min(1_000).max(600_000).default(30_000),
  DIGEST_MAX_PER_TOPIC: z.coerce.number().int().min(1).max(20).default(5),
  DIGEST_MAX_ITEMS: z.coerce.number().int().min(1).max(60).default(20),
  WEBHOOK_URL: optionalString.refine((url) => url === undefined || /^https:\/\//.test(url), {
    message: 'must be an https:// URL (Telegram only posts to HTTPS webhooks)',
  }),
  // Anyone who knows the secret can post forged updates (operator commands included), so it must not be guessable.
  WEBHOOK_SECRET: optionalString.refine(
    (secret) => secret === undefined || /^[A-Za-z0-9_-]{32,256}$/.test(secret),
    {
      message: `must be ${MIN_WEBHOOK_SECRET}-256 characters of A-Z a-z 0-9 _ - (e.g. openssl rand -hex 24)`,
    },
  ),
  WEBHOOK_PORT: z.coerce.number().int().min(1).max(65535).default(8080),
  ADMIN_USER: optionalString,
  ADMIN_PASSWORD: optionalString.refine((password) => password === undefined || password.length >= 12, {
    message: 'must be at least 12 characters',
  }),
  ADMIN_QUEUES_WRITE: booleanFromEnv,
});

export type Config = z.infer<typeof configSchema>;

/** Validates the environment once; the first invalid key is named in the thrown ConfigError. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const result = configSchema.safeParse(env);
  if (!result.success) {
    const issue = result.error.issues[0];
    const key = issue?.path.join('.') || 'env';
    throw new ConfigError(key, issue?.message ?? 'invalid');
  }
  if (result.data.DELIVERY_RATE > 30 && !result.data.PAID_BROADCAST) {
    throw new ConfigError(
      'DELIVERY_RATE',
      'above 30 messages/s needs PAID_BROADCAST=true (Telegram charges Stars)',
    );
  }
  if (result.data.REDIS_URL && isClusterUrl(result.data.REDIS_URL) && /[{}]/.test(result.data.REDIS_PREFIX)) {
    throw new ConfigError(
      'REDIS_PREFIX',
      'must not hold a {hash tag} on Redis Cluster: it would put every key in one slot (keys.ts places the tags)',
    );
  }
  if (result.data.WEBHOOK_URL && !result.data.WEBHOOK_SECRET) {
    throw new ConfigError('WEBHOOK_SECRET', 'is required when WEBHOOK_URL is set');
  }
  if (result.data.WEBHOOK_URL && result.data.HTTP_PORT === result.data.WEBHOOK_PORT) {
    throw new ConfigError(
      'HTTP_PORT',
      `must differ from WEBHOOK_PORT (${result.data.WEBHOOK_PORT}): the webhook and /healthz cannot share a port`,
    );
  }
  if ((result.data.ADMIN_USER === undefined) !== (result.data.ADMIN_PASSWORD === undefined)) {
    const missing = result.data.ADMIN_USER === undefined ? 'ADMIN_USER' : 'ADMIN_PASSWORD';
    throw new ConfigError(missing, 'is required when the other of ADMIN_USER / ADMIN_PASSWORD is set');
  }
  return result.data;
}
