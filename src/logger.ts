import { pino, type Logger } from 'pino';

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

export function redactSecrets(line: string, secrets: readonly string[]): string {
  let out = line;
  for (const secret of secrets) {
    if (secret.length >= 8) out = out.split(secret).join('[REDACTED]');
  }
  return out.replace(TOKEN_PATTERN, '[REDACTED]');
}

/** Creates the process logger. Redaction runs on the serialised line, so nested error messages are covered too. */
export function createLogger(options: LoggerOptions): Logger {
  const secrets = (options.secrets ?? []).filter((s): s is string => typeof s === 'string' && s.length > 0);
  const pretty = options.pretty ?? (process.stdout.isTTY === true && options.destination === undefined);
  const base = {
    level: options.level,
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
