import type { Api } from 'grammy';
import type { SendOutcome } from './send-outcome.js';

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

/**
 * Sends with link previews off and maps every failure to a SendOutcome; programming errors still throw.
 * grammY (with its fetch stack) is loaded at the first send: a worker that only ingests never needs it.
 */
export function createTelegramSender(
  token: string,
  apiRoot: string,
  options: SenderOptions = {},
): TelegramSender {
  let client: Promise<Client> | undefined;
  return {
    async send(message) {
      const { api, classify } = await (client ??= loadClient(token, apiRoot, options));
      try {
        const sent = await api.sendMessage(message.chatId, message.text, {
          ...(message.html ? { parse_mode: 'HTML' as const } : {}),
          ...(message.threadId !== undefined ? { message_thread_id: message.threadId } : {}),
          ...(message.paid ? { allow_paid_broadcast: true } : {}),
          link_preview_options: { is_disabled: true },
        });
        return { kind: 'sent', messageId: sent.message_id };
      } catch (error) {
        return classify(error);
      }
    },
  };
}

interface Client {
  api: Api;
  classify: (error: unknown) => SendOutcome;
}

async function loadClient(token: string, apiRoot: string, options: SenderOptions): Promise<Client> {
  const [{ Api }, { botApiClient }, { classifySendError }] = await Promise.all([
    import('grammy'),
    import('./bot-api-client.js'),
    import('./send-outcome.js'),
  ]);
  return {
    api: new Api(token, botApiClient(apiRoot, (options.timeoutMs ?? 30_000) / 1000)),
    classify: classifySendError,
  };
}
