import type { Update } from 'grammy/types';
import { createServer, type Server } from 'node:http';
import { run, type RunnerHandle } from '@grammyjs/runner';
import { webhookCallback, type Bot } from 'grammy';
import type { BotCommand } from 'grammy/types';
import { LONG_POLL_SECONDS } from '../adapters/telegram/bot-api-client.js';
import type { Logger } from '../logger.js';
import type { BotContext } from './context.js';
import { createI18n } from './i18n.js';
import { untilStarted, type StartupState } from './until-started.js';

/** The update kinds the bot handles; Telegram sends nothing else, which saves traffic. */
export const ALLOWED_UPDATES = ['message', 'callback_query', 'my_chat_member'] as const;

/** The updates asked for: inline queries only when inline mode is on, so a bot without it never receives them. */
export function allowedUpdates(inline: boolean | undefined): Exclude<keyof Update, 'update_id'>[] {
  return inline ? [...ALLOWED_UPDATES, 'inline_query'] : [...ALLOWED_UPDATES];
}

export interface WebhookOptions {
  /** Public HTTPS URL Telegram posts to; its path is the one served locally. */
  url: string;
  /** Checked against the X-Telegram-Bot-Api-Secret-Token header (1-256 chars of A-Z a-z 0-9 _ -). */
  secret: string;
  port: number;
  host?: string;
}

export interface RunBotOptions {
  logger: Logger;
  /** Webhook mode when set; long polling otherwise. */
  webhook?: WebhookOptions;
  /** Aborting it gives up a startup that is still waiting for the Bot API (shutdown during an outage). */
  signal?: AbortSignal;
  /** Startup progress for /healthz: failures with their reason while retrying, then running. */
  onState?: (state: StartupState) => void;
  /** Ask Telegram for inline queries too (INLINE_MODE). */
  inline?: boolean;
}

export interface RunningBot {
  stop(): Promise<void>;
}

const MENU = [
  'start',
  'latest',
  'digest',
  'topics',
  'search',
  'settings',
  'schedule',
  'lang',
  'follow',
  'mute',
  'stop',
  'resume',
  'breaking',
  'quiet',
  'channel',
  'forget',
  'help',
];

export function commandMenu(locale: string): BotCommand[] {
  const i18n = createI18n();
  return MENU.map((command) => ({ command, description: i18n.t(locale, `cmd-${command}`) }));
}

// grammY's Node build types its signal parameter with the abort-controller polyfill; Node's own is the same thing.
type ApiSignal = Parameters<Bot<BotContext>['api']['getMe']>[0];
const apiSignal = (signal: AbortSignal | undefined): ApiSignal => signal as unknown as ApiSignal;

/** Command menus per language; a failure is logged and the bot runs on without them. */
async function publishCommands(bot: Bot<BotContext>, logger: Logger, signal?: AbortSignal): Promise<void> {
  for (const language_code of ['uk', 'ru', undefined] as const) {
    if (signal?.aborted) return;
    try {
      await bot.api.setMyCommands(
        commandMenu(language_code ?? 'en'),
        language_code ? { language_code } : {},
        apiSignal(signal),
      );
    } catch (error) {
      logger.warn({ err: error, language_code }, 'setMyCommands failed');
    }
  }
}

/**
 * Starts the bot by long polling (runner, concurrent across chats) or webhook; returns a handle for shutdown.
 * Each startup call is retried with backoff and a log line while the Bot API is unreachable (see untilStarted);
 * a refusal rejects with a TelegramStartupError.
 */
export async function runBot(bot: Bot<BotContext>, options: RunBotOptions): Promise<RunningBot> {
  const { logger, webhook, signal } = options;
  const retry = <T>(method: string, call: () => Promise<T>) =>
    untilStarted(method, call, {
      logger,
      ...(signal ? { signal } : {}),
      ...(options.onState ? { onState: options.onState } : {}),
    });
  // getMe ourselves: grammY's bot.init() retries network errors forever without a word.
  if (!bot.isInited()) bot.botInfo = await retry('getMe', () => bot.api.getMe(apiSignal(signal)));
  await publishCommands(bot, logger, signal);

  if (!webhook) {
    await retry('deleteWebhook', () => bot.api.deleteWebhook(undefined, apiSignal(signal)));
    signal?.throwIfAborted();
    const runner: RunnerHandle = run(bot, {
      runner: { fetch: { timeout: LONG_POLL_SECONDS, allowed_updates: allowedUpdates(options.inline) } },
    });
    logger.info({ username: bot.botInfo.username }, 'bot polling');
    options.onState?.({ ok: true, detail: `polling as @${bot.botInfo.username}` });
    return {
      async stop() {
        if (runner.isRunning()) await runner.stop();
      },
    };
  }

  const path = new URL(webhook.url).pathname;
  const handle = webhookCallback(bot, 'http', { secretToken: webhook.secret, onTimeout: 'return' });
  const server: Server = createServer((req, res) => {
    if (req.method !== 'POST' || req.url !== path) {
      res.writeHead(404).end();
      return;
    }
    handle(req, res).catch((error: unknown) => {
      logger.error({ err: error }, 'webhook update failed');
      if (!res.headersSent) res.writeHead(500).end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(webhook.port, webhook.host ?? '0.0.0.0', () => resolve());
  });
  const close = () =>
    new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  try {
    await retry('setWebhook', () =>
      bot.api.setWebhook(
        webhook.url,
        { secret_token: webhook.secret, allowed_updates: allowedUpdates(options.inline) },
        apiSignal(signal),
      ),
    );
  } catch (error) {
    await close();
    throw error;
  }
  logger.info({ username: bot.botInfo.username, port: webhook.port }, 'bot webhook listening');
  options.onState?.({ ok: true, detail: `webhook set for @${bot.botInfo.username}` });
  return { stop: close };
}
