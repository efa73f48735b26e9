import { Api } from 'grammy';
import { botApiClient } from './bot-api-client.js';
import { classifySendError, type SendOutcome } from './send-outcome.js';

export interface OutgoingMessage {
  chatId: number;
  threadId?: number;
  text: string;
  /** False sends the text as plain text (the fallback after "can't parse entities"). */
  html: boolean;
  /** Paid broadcast: Telegram lets such messages past 30/s, charging Stars. */
  paid?: boolean;
}

export interface TelegramSender {
  send(message: OutgoingMessage): Promise<SendOutcome>;
}

export interface SenderOptions {
  /**
   * Per-request timeout. grammY's default is 500 s, so one hung request would hold a delivery slot for minutes; a
   * timed-out send is a network failure, retried like a 5xx.
   */
  timeoutMs?: number;
}

/** Sends with link previews off and maps every failure to a SendOutcome; programming errors still throw. */
export function createTelegramSender(
  token: string,
  apiRoot: string,
  options: SenderOptions = {},
): TelegramSender {
  const api = new Api(token, botApiClient(apiRoot, (options.timeoutMs ?? 30_000) / 1000));
  return {
    async send(message) {
      try {
        const sent = await api.sendMessage(message.chatId, message.text, {
          ...(message.html ? { parse_mode: 'HTML' as const } : {}),
          ...(message.threadId !== undefined ? { message_thread_id: message.threadId } : {}),
          ...(message.paid ? { allow_paid_broadcast: true } : {}),
          link_preview_options: { is_disabled: true },
        });
        return { kind: 'sent', messageId: sent.message_id };
      } catch (error) {
        return classifySendError(error);
      }
    },
  };
}
