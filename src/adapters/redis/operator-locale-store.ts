import type { RedisClient } from './redis-client.js';
import { isOperatorLocale, type OperatorLocale } from '../../core/ops/operator-locale.js';
import type { Keys } from './keys.js';

/**
 * Each operator's language as their Telegram client last reported it with an operator command. The worker that
 * sends feed alerts never sees a Telegram update, so the bot leaves the language here for it.
 */
export class OperatorLocaleStore {
  constructor(
    private readonly redis: RedisClient,
    private readonly keys: Keys,
  ) {}

  async remember(operatorId: number, locale: OperatorLocale): Promise<void> {
    await this.redis.hset(this.keys.operatorLocales(), String(operatorId), locale);
  }

  /** /forget in the operator's private chat (whose id is the operator's) removes this too. */
  async forget(operatorId: number): Promise<void> {
    await this.redis.hdel(this.keys.operatorLocales(), String(operatorId));
  }

  /** Undefined until the operator has used an operator command. */
  async get(operatorId: number): Promise<OperatorLocale | undefined> {
    const value = await this.redis.hget(this.keys.operatorLocales(), String(operatorId));
    return isOperatorLocale(value) ? value : undefined;
  }
}
