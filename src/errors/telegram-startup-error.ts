/**
 * The Bot API refused to start the bot for good (a wrong token, a webhook URL it will not accept). The message
 * names the method, code and Telegram's description only: no request payload, no URL, no cause, so printing
 * this error can never show a secret.
 */
export class TelegramStartupError extends Error {
  readonly code = 'TELEGRAM_STARTUP_REFUSED';
  constructor(
    readonly method: string,
    readonly errorCode: number,
    description: string,
  ) {
    super(`the Bot API refused ${method} (${errorCode}: ${description})`);
    this.name = 'TelegramStartupError';
  }
}
