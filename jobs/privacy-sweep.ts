import type { RedisClient } from '../src/adapters/redis/redis-client.js';
import { BreakingStore } from '../src/adapters/redis/breaking-store.js';
import { DEFAULT_BREAKING_PER_DAY, DEFAULT_BREAKING_RULE } from '../src/core/breaking/breaking-rule.js';
import { createChatForgetter } from '../src/adapters/redis/chat-forgetter.js';
import { createChatStore } from '../src/adapters/redis/chat-store.js';
import { DeliveryStore } from '../src/adapters/redis/delivery-store.js';
import type { Keys } from '../src/adapters/redis/keys.js';
import type { Logger } from '../src/logger.js';
import { forgetInactiveChats } from '../src/services/forget-inactive.js';

/** How often inactive chats past retention are looked for; retention is days, so hourly is plenty. */
export const PRIVACY_SWEEP_EVERY_MS = 3_600_000;

/** Runs the retention sweep now and then every hour; any number of workers may run it (forgetting is idempotent). */
export function startPrivacySweep(deps: {
  redis: RedisClient;
  keys: Keys;
  retentionMs: number;
  logger: Logger;
  now?: () => number;
}): { stop(): void } {
  const now = deps.now ?? Date.now;
  const chats = createChatStore(deps.redis, deps.keys);
  const delivery = new DeliveryStore(deps.redis, deps.keys);
  // Forgetting needs only its key names and forget(); the defaults are never read here.
  const breaking = new BreakingStore(deps.redis, deps.keys, {
    ...DEFAULT_BREAKING_RULE,
    perDay: DEFAULT_BREAKING_PER_DAY,
  });
  const forget = createChatForgetter({ redis: deps.redis, keys: deps.keys, chats, delivery, breaking });
  const run = () =>
    forgetInactiveChats(
      {
        chats,
        retentionMs: deps.retentionMs,
        logger: deps.logger,
        forget: async (chatId) => {
          await forget(chatId);
        },
      },
      now(),
    ).catch((error: unknown) => deps.logger.warn({ err: error }, 'privacy sweep failed'));
  void run();
  const timer = setInterval(() => void run(), PRIVACY_SWEEP_EVERY_MS);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
