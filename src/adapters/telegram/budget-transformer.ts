import type { Transformer } from 'grammy';
import type { OutgoingBudget } from '../redis/outgoing-budget.js';

/*
 * Methods that put something in front of a user: Telegram's flood limits count these. Reads (getMe, getChat...),
 * long polling and bot set-up do not draw from the budget.
 */
const COUNTED = /^(send|edit|copy|forward|answerCallbackQuery|answerInlineQuery|deleteMessage)/;

/**
 * A grammY API transformer that makes every counted request wait for the token's shared budget first, and turns a
 * 429 answer into a penalty every process respects. Install it before auto-retry, so each retry waits too.
 */
export function budgetTransformer(budget: OutgoingBudget): Transformer {
  return async (prev, method, payload, signal) => {
    if (!COUNTED.test(method)) return prev(method, payload, signal);
    const chatId = (payload as { chat_id?: unknown } | undefined)?.chat_id;
    const chat = typeof chatId === 'number' ? { chatId, group: chatId < 0 } : undefined; // @usernames are channels
    const grant = await budget.acquire(
      chat ?? (typeof chatId === 'string' ? { chatId: hashId(chatId), group: true } : undefined),
      signal as AbortSignal | undefined,
    );
    let result;
    try {
      result = await prev(method, payload, signal);
    } finally {
      await budget.settle(grant);
    }
    if (!result.ok && result.error_code === 429) {
      await budget.penalise(
        (result.parameters?.retry_after ?? 1) * 1000,
        typeof chatId === 'number' ? chatId : undefined,
      );
    }
    return result;
  };
}

/** A stable numeric key for a `@channel` username, so its per-chat window is shared like a numeric id's. */
function hashId(username: string): number {
  let h = 0;
  for (const ch of username.toLowerCase()) h = (h * 31 + ch.charCodeAt(0)) | 0;
  return -Math.abs(h) - 1;
}
