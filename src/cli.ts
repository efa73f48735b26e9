import { config as loadDotenv } from 'dotenv';
import { loadConfig, type Config } from './config.js';
import { ConfigError } from './errors/config-error.js';
import { FeedsFileError } from './errors/feeds-file-error.js';
import { RedisUnavailableError } from './errors/redis-unavailable-error.js';
import { UsageError } from './errors/usage-error.js';
import { runFeedsCheck } from './cli/feeds-check.js';
import { runPreview } from './cli/preview.js';
import type { ServiceRoots } from './runtime/run-services.js';

export type { ServiceRoots };

/** What the entry point hands the CLI: the service roots, and the demo when this install has it. */
export interface CliRoots extends ServiceRoots {
  runDemo?: (
    roots: ServiceRoots,
    io: { out: (line: string) => void; err: (line: string) => void },
  ) => Promise<number>;
}

const HELP = `newsdigest — Ukrainian news digests for Telegram, in Ukrainian or Russian

Usage:
  newsdigest start                 bot and worker in one process (default for npm start)
  newsdigest bot                   only the Telegram bot
  newsdigest worker                only the feed worker (run as many as you like on one Redis)
  newsdigest demo                  offline demo: embedded Redis, local Bot API and feeds, scripted chat
  newsdigest feeds check [--json] [--allow-private] <url | feeds-file> ...
                                   fetch and parse each feed once; exit 1 when any fails
  newsdigest preview --lang uk|ru [--topics a,b] [--since 24h] [--html] [--allow-private]
                     [--feeds FILE | URL ...]
                                   print the digest that would be sent
  newsdigest help

Configuration comes from the environment and .env (see .env.example).`;

/** The `newsdigest` command. Returns the exit code; long-running commands resolve after a graceful shutdown. */
export async function runCli(argv: string[], roots: CliRoots = {}): Promise<number> {
  loadDotenv({ quiet: true });
  const [command, ...rest] = argv;
  const out = (line: string) => process.stdout.write(`${line}\n`);
  const err = (line: string) => process.stderr.write(`${line}\n`);
  try {
    switch (command) {
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        out(HELP);
        return 0;
      case 'feeds': {
        const [sub, ...args] = rest;
        if (sub !== 'check')
          throw new UsageError('try: newsdigest feeds check [--json] <url | feeds-file> ...');
        const config = loadConfig();
        return await runFeedsCheck(args, {
          out,
          err,
          defaultFeedsFile: config.FEEDS_FILE,
          allowPrivateDefault: config.ALLOW_PRIVATE_FEEDS,
        });
      }
      case 'preview': {
        const config = loadConfig();
        return await runPreview(rest, {
          out,
          err,
          defaultFeedsFile: config.FEEDS_FILE,
          allowPrivateDefault: config.ALLOW_PRIVATE_FEEDS,
          timezone: config.DEFAULT_TIMEZONE,
          now: Date.now,
        });
      }
      case 'demo': {
        // The demo is a dev tool (tools/demo) that the production image leaves out; the entry point hands it in.
        if (!roots.runDemo) {
          err(
            'newsdigest: the offline demo is a dev tool and is not part of this install; run `npm run demo` in a source checkout',
          );
          return 1;
        }
        return await roots.runDemo(roots, { out, err });
      }
      case 'start':
      case 'bot':
      case 'worker': {
        const config: Config = loadConfig();
        // Loaded here: the services pull in BullMQ, Express and grammY, which `feeds check` and `preview` never need.
        const { runServices } = await import('./runtime/run-services.js');
        return await runServices(command, config, roots);
      }
      default:
        throw new UsageError(`unknown command "${command}"\n\n${HELP}`);
    }
  } catch (error) {
    if (
      error instanceof UsageError ||
      error instanceof ConfigError ||
      error instanceof FeedsFileError ||
      error instanceof RedisUnavailableError
    ) {
      err(`newsdigest: ${error.message}`);
      return error instanceof UsageError ? 2 : 1;
    }
    if ((error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      err(`newsdigest: ${(error as Error).message}`);
      return 2;
    }
    throw error;
  }
}
