import type { ChatStore } from '../adapters/redis/chat-store.js';
import type { OperatorLocaleStore } from '../adapters/redis/operator-locale-store.js';
import type { OperatorLocale } from '../core/ops/operator-locale.js';

/**
 * The language an operator's alerts are in: the one their Telegram client reported with their last operator
 * command, else the language of their private chat with the bot (an operator is often a subscriber too), else
 * English.
 */
export function createOperatorLocaleLookup(deps: {
  remembered: Pick<OperatorLocaleStore, 'get'>;
  chats: Pick<ChatStore, 'get'>;
}): (operatorId: number) => Promise<OperatorLocale> {
  return async (operatorId) =>
    (await deps.remembered.get(operatorId)) ?? (await deps.chats.get({ chatId: operatorId }))?.lang ?? 'en';
}
