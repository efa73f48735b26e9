import type { OutgoingBudget } from '../redis/outgoing-budget.js';
import type { TelegramSender } from './sender.js';

/**
 * A sender that waits for the token's shared budget before each message and reports a 429 as a penalty for every
 * process. For senders with a caller who can wait (operator alerts); deliveries take the budget themselves, so
 * they can hand a long wait back to the queue instead.
 */
export function budgetedSender(sender: TelegramSender, budget: OutgoingBudget): TelegramSender {
  return {
    async send(message) {
      const grant = await budget.acquire({ chatId: message.chatId, group: message.chatId < 0 });
      let outcome;
      try {
        outcome = await sender.send(message);
      } finally {
        await budget.settle(grant);
      }
      if (outcome.kind === 'rate-limited') await budget.penalise(outcome.retryAfterMs, message.chatId);
      return outcome;
    },
  };
}
