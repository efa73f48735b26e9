import type { Update } from 'grammy/types';
import { createServer, type Server } from 'node:http';
import { run, type RunnerHandle } from '@grammyjs/runner';
import { webhookCallback, type Bot } from 'grammy';
import type { BotCommand } from 'grammy/types';
import type { Logger } from '../logger.js';
import type { BotContext } from './context.js';
import { createI18n } from './i18n.js';

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

/** Command menus per language; a failure is logged and the bot runs on without them. */
async function publishCommands(bot: Bot<BotContext>, logger: Logger): Promise<void> {
  for (const language_code of ['uk', 'ru', undefined] as const) {
    try {
      await bot.api.setMyCommands(commandMenu(language_code ?? 'en'), language_code ? { language_code } : {});
    } catch (error) {
      logger.warn({ err: error, language_code }, 'setMyCommands failed');
    }
  }
}

/** Starts the bot by long polling (runner, concurrent across chats) or webhook; returns a handle for shutdown. */
export async function runBot(bot: Bot<BotContext>, options: RunBotOptions): Promise<RunningBot> {
  const { logger, webhook } = options;
  await bot.init();
  await publishCommands(bot, logger);

  if (!webhook) {
    await bot.api.deleteWebhook();
    const runner: RunnerHandle = run(bot, {
      runner: {
        fetch: { allowed_updates: allowedUpdates(options.inline) },
      },
    });
    logger.info({ username: bot.botInfo.username }, 'bot polling');
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
  await bot.api.setWebhook(webhook.url, {
    secret_token: webhook.secret,
    allowed_updates: allowedUpdates(options.inline),
  });
  logger.info({ username: bot.botInfo.username, port: webhook.port }, 'bot webhook listening');
  return {
    async stop() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
