import { pino, stdSerializers, type Logger } from 'pino';
import { redactUrlCredentials } from './core/text/redact-url-credentials.js';
import { isClusterUrl } from './lib/redis-cluster-url.js';

export type { Logger };

export interface LoggerOptions {
  level: string;
  /** Secrets that must never reach a log line, e.g. the bot token. */
  secrets?: (string | undefined)[];
  /** Pretty output for humans; defaults to whether stdout is a TTY. */
  pretty?: boolean;
  destination?: NodeJS.WritableStream;
}

// Bot API URLs embed the token (`/bot<id>:<secret>/method`); grammY's nested fetch errors repeat that URL,
// so besides the known secrets we mask anything that looks like a token.
const TOKEN_PATTERN = /(?<![0-9])\d{5,}:[A-Za-z0-9_-]{30,}/g;
// The token's place in a Bot API URL, whatever its shape: `/bot<token>/<method>`.
const BOT_API_PATH = /\/bot\d+:[^/\s"]+\//g;

export function redactSecrets(line: string, secrets: readonly string[]): string {
  let out = line;
  for (const secret of secrets) {
    if (secret.length >= 8) out = out.split(secret).join('[REDACTED]');
  }
  return redactUrlCredentials(
    out.replace(TOKEN_PATTERN, '[REDACTED]').replace(BOT_API_PATH, '/bot[REDACTED]/'),
  );
}

/**
 * The secrets of a configuration (or of a raw environment, when the configuration is the thing that failed):
 * the bot token, the webhook secret, the dashboard password and the password in REDIS_URL, raw and decoded.
 */
export function secretsOf(env: {
  BOT_TOKEN?: string | undefined;
  WEBHOOK_SECRET?: string | undefined;
  ADMIN_PASSWORD?: string | undefined;
  REDIS_URL?: string | undefined;
}): string[] {
  const secrets = [env.BOT_TOKEN, env.WEBHOOK_SECRET, env.ADMIN_PASSWORD];
  for (const part of env.REDIS_URL ? redisUrlCredentials(env.REDIS_URL) : []) {
    if (part === '') continue;
    secrets.push(part);
    try {
      secrets.push(decodeURIComponent(part));
    } catch {
      // Not percent-encoded after all: the raw form is already listed.
    }
  }
  return [...new Set(secrets.filter((s): s is string => typeof s === 'string' && s.trim() !== ''))];
}

/** The user and password in REDIS_URL, as written: a cluster URL (`redis+cluster://`) or any URL. */
function redisUrlCredentials(url: string): string[] {
  if (isClusterUrl(url)) {
    // WHATWG URL cannot parse a host list; the raw parts are decoded by the caller.
    const at = url.lastIndexOf('@');
    if (at === -1) return [];
    const userInfo = url.slice(url.indexOf('://') + 3, at);
    const colon = userInfo.indexOf(':');
    return colon === -1 ? [userInfo] : [userInfo.slice(colon + 1), userInfo.slice(0, colon)];
  }
  if (!URL.canParse(url)) return [];
  const { password, username } = new URL(url);
  return [password, username];
}

/**
 * pino's error serializer without grammY's `payload`: a GrammyError or HttpError keeps the request's parameters
 * there (setWebhook's secret_token among them), and nested errors (`error`, `cause`) are serialized the same way.
 */
export function serializeError(error: unknown): unknown {
  if (!(error instanceof Error)) return error;
  const out = stdSerializers.err(error) as unknown as Record<string, unknown>;
  delete out.payload;
  const inner = (error as { error?: unknown }).error;
  if (inner instanceof Error) out.error = serializeError(inner);
  return out;
}

/**
 * Creates the process logger. Redaction runs on the serialised line, so nested error messages are covered too:
 * the given secrets, anything shaped like a bot token, and the user:password@ of every URL.
 */
export function createLogger(options: LoggerOptions): Logger {
  const secrets = (options.secrets ?? []).filter((s): s is string => typeof s === 'string' && s.length > 0);
  const pretty = options.pretty ?? (process.stdout.isTTY === true && options.destination === undefined);
  const base = {
    level: options.level,
    serializers: { err: serializeError },
    hooks: { streamWrite: (line: string) => redactSecrets(line, secrets) },
  };
  if (options.destination) return pino(base, options.destination);
  if (pretty) {
    return pino({
      ...base,
      transport: { target: 'pino-pretty', options: { colorize: true, translateTime: 'SYS:HH:MM:ss' } },
    });
  }
  return pino(base);
}
