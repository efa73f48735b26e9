import type { RedisClient } from './redis-client.js';
import type { Keys } from './keys.js';
import { luaScript, runScript } from './lua-script.js';

/*
 * Takes one send from the bot token's budget, or says how long to wait. Telegram counts over rolling windows, so
 * this is a sliding-window log (a ZSET of grant times), not fixed spacing: a free slot is used the moment the oldest
 * grant leaves the window. Redis's clock (TIME) is the one clock every process shares.
 * KEYS: global window, global penalty, [chat window, chat penalty]. ARGV: grant id, window ms, max per window,
 * chat mode ('private' | 'group' | ''), private interval ms, group window ms, group max.
 * Returns {0, 0} when granted, else {wait ms, reason}: 1 penalty (token), 2 global window, 3 chat penalty, 4 chat window.
 */
const TAKE = luaScript(`
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local left = redis.call('PTTL', KEYS[2])
if left > 0 then return {left, 1} end
if KEYS[4] then
  left = redis.call('PTTL', KEYS[4])
  if left > 0 then return {left, 3} end
end
local span = tonumber(ARGV[2])
local max = tonumber(ARGV[3])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - span)
local n = redis.call('ZCARD', KEYS[1])
if n >= max then
  local oldest = redis.call('ZRANGE', KEYS[1], n - max, n - max, 'WITHSCORES')
  return {math.max(1, tonumber(oldest[2]) + span - now + 1), 2}
end
local mode = ARGV[4]
if mode == 'private' then
  left = redis.call('PTTL', KEYS[3])
  if left > 0 then return {left, 4} end
elseif mode == 'group' then
  local gspan = tonumber(ARGV[6])
  local gmax = tonumber(ARGV[7])
  redis.call('ZREMRANGEBYSCORE', KEYS[3], '-inf', now - gspan)
  local g = redis.call('ZCARD', KEYS[3])
  if g >= gmax then
    local oldest = redis.call('ZRANGE', KEYS[3], g - gmax, g - gmax, 'WITHSCORES')
    return {math.max(1, tonumber(oldest[2]) + gspan - now + 1), 4}
  end
end
redis.call('ZADD', KEYS[1], now, ARGV[1])
redis.call('PEXPIRE', KEYS[1], span + 1000)
if mode == 'private' then
  redis.call('SET', KEYS[3], ARGV[1], 'PX', ARGV[5])
elseif mode == 'group' then
  redis.call('ZADD', KEYS[3], now, ARGV[1])
  redis.call('PEXPIRE', KEYS[3], tonumber(ARGV[6]) + 1000)
end
return {0, 0}
`);

/*
 * Called when the request's answer (or failure) is back: its window entries move from the grant time to now.
 * Telegram counts a request when it arrives, which is somewhere between the two, so a later grant that waits for
 * this entry to leave the window can never arrive within Telegram's window of it, however late this one arrived.
 * The margin this costs is the request's own round trip, measured, not guessed.
 * KEYS: global window, [chat window]. ARGV: grant id, chat mode, private interval ms, group window ms.
 */
const SETTLE = luaScript(`
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
redis.call('ZADD', KEYS[1], 'XX', now, ARGV[1])
if ARGV[2] == 'private' then
  if redis.call('GET', KEYS[2]) == ARGV[1] then redis.call('SET', KEYS[2], ARGV[1], 'PX', ARGV[3]) end
elseif ARGV[2] == 'group' then
  redis.call('ZADD', KEYS[2], 'XX', now, ARGV[1])
end
return 1
`);

/*
 * A 429 stops the scope it names for retry_after, for every process. A penalty is only ever lengthened, never
 * shortened by a later, smaller retry_after. KEYS: penalty keys. ARGV: ms.
 */
const PENALISE = luaScript(`
for _, key in ipairs(KEYS) do
  if redis.call('PTTL', key) < tonumber(ARGV[1]) then redis.call('SET', key, '1', 'PX', ARGV[1]) end
end
return 1
`);

export type BudgetWaitReason = 'penalty' | 'global' | 'chat-penalty' | 'chat';
/** A granted send; hand it to settle() when the answer is back. */
export interface BudgetGrant {
  id: string;
  chat?: BudgetChat;
}
export type BudgetTake =
  { granted: true; grant: BudgetGrant } | { granted: false; waitMs: number; reason: BudgetWaitReason };

/** The chat a request goes to; absent for requests that count only against the token (callback answers). */
export interface BudgetChat {
  chatId: number;
  /** Private chats: one message a second. Groups, supergroups and channels: 20 a minute. */
  group: boolean;
}

export interface BudgetLimits {
  /** Messages per second for the whole token (Telegram: 30; paid broadcast up to 1000). */
  perSecond: number;
  /**
   * Added to the token's window for what settle() cannot see: clock granularity, and a process that dies before
   * settling. Costs margin/window of the rate (5 ms = 0.5 %).
   */
  marginMs: number;
  /** The same for a chat's own windows, where it costs nothing measurable (a chat rarely gets two messages). */
  chatMarginMs: number;
  privateIntervalMs: number;
  groupPerMinute: number;
}

export const TELEGRAM_LIMITS: BudgetLimits = {
  perSecond: 30,
  marginMs: 5,
  chatMarginMs: 250,
  privateIntervalMs: 1000,
  groupPerMinute: 20,
};

const REASONS: Record<number, BudgetWaitReason> = { 1: 'penalty', 2: 'global', 3: 'chat-penalty', 4: 'chat' };

/**
 * The bot token's one outgoing budget, in Redis so every process (bot replies, deliveries, alerts) draws from the
 * same windows. Its keys share one hash slot (see the key registry).
 */
export class OutgoingBudget {
  private grants = 0;
  private readonly id = `${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
  private readonly key;

  constructor(
    private readonly redis: RedisClient,
    keys: Keys,
    readonly limits: BudgetLimits = TELEGRAM_LIMITS,
  ) {
    this.key = {
      window: keys.budgetWindow,
      penalty: keys.budgetPenalty,
      chatWindow: keys.budgetChatWindow,
      chatPenalty: keys.budgetChatPenalty,
    };
  }

  /** Takes one send if the windows have room and no penalty is running. */
  async take(chat?: BudgetChat): Promise<BudgetTake> {
    const l = this.limits;
    const keys = [this.key.window(), this.key.penalty()];
    if (chat) keys.push(this.key.chatWindow(chat.chatId), this.key.chatPenalty(chat.chatId));
    const id = `${this.id}-${(this.grants += 1)}`;
    const [waitMs, reason] = (await runScript(this.redis, TAKE, keys, [
      id,
      1000 + l.marginMs,
      l.perSecond,
      chat ? (chat.group ? 'group' : 'private') : '',
      l.privateIntervalMs + l.chatMarginMs,
      60_000 + l.chatMarginMs,
      l.groupPerMinute,
    ])) as [number, number];
    if (waitMs !== 0) return { granted: false, waitMs, reason: REASONS[reason] ?? 'global' };
    return { granted: true, grant: chat ? { id, chat } : { id } };
  }

  /** The granted request is answered (or failed): its window entries count from now (see SETTLE). */
  async settle(grant: BudgetGrant): Promise<void> {
    const l = this.limits;
    const chat = grant.chat;
    const keys = [this.key.window(), ...(chat ? [this.key.chatWindow(chat.chatId)] : [])];
    await runScript(this.redis, SETTLE, keys, [
      grant.id,
      chat ? (chat.group ? 'group' : 'private') : '',
      l.privateIntervalMs + l.chatMarginMs,
      60_000 + l.chatMarginMs,
    ]);
  }

  /** Waits until a send is granted (bot replies: a user is waiting, so they queue here rather than fail). */
  async acquire(chat?: BudgetChat, signal?: AbortSignal): Promise<BudgetGrant> {
    for (;;) {
      const taken = await this.take(chat);
      if (taken.granted) return taken.grant;
      signal?.throwIfAborted();
      await new Promise((resolve) => setTimeout(resolve, taken.waitMs));
    }
  }

  /** How long the token's current 429 penalty still runs (0 when none): for /healthz and tests. */
  async penaltyMs(): Promise<number> {
    return Math.max(0, await this.redis.pttl(this.key.penalty()));
  }

  /**
   * Telegram answered 429. Its reply does not say which limit was hit, so the whole token stops for retry_after
   * (and the chat with it): no process sends inside a penalty window, whatever the scope was.
   */
  async penalise(retryAfterMs: number, chatId?: number): Promise<void> {
    const keys = [this.key.penalty(), ...(chatId === undefined ? [] : [this.key.chatPenalty(chatId)])];
    await runScript(this.redis, PENALISE, keys, [Math.max(1, Math.ceil(retryAfterMs))]);
  }
}
