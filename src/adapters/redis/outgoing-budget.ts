import type { RedisClient } from './redis-client.js';
import type { Keys } from './keys.js';
import { luaScript, runScript } from './lua-script.js';

/*
 * Takes sends from the bot token's budget, or says how long each must wait: one call for every request a process
 * has waiting at that moment (see OutgoingBudget.take). Telegram counts over rolling windows, so this is a
 * sliding-window log (a ZSET of grants), not fixed spacing: a slot is used the moment its oldest grant leaves the
 * window, and a refused request is told exactly when that is. Redis's clock (TIME) is the one clock every process
 * shares.
 *
 * A grant is entered as pending, scored `now + hold`: until SETTLE moves it to its answer time it cannot leave the
 * window, however slow the request, so no later grant can overtake it at Telegram. When the grant that must leave
 * next is still pending, the wait is one window span: the least it can be. Requests refused together are told
 * the times of successive slots, so they wake one slot at a time.
 *
 * KEYS: global window, global penalty, then a chat window and chat penalty for each request that names a chat.
 * ARGV: window ms, max per window, private interval ms, group window ms, group max, hold ms; then per request its
 * grant id, chat mode ('private' | 'group' | '') and the KEYS index of its chat window (0 for none).
 * Returns {wait ms, reason} per request: {0, 0} granted, else reason 1 penalty (token), 2 global window, 3 chat
 * penalty, 4 chat window.
 */
const TAKE = luaScript(`
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local requests = (#ARGV - 6) / 3
local out = {}
local left = redis.call('PTTL', KEYS[2])
if left > 0 then
  for i = 1, requests do out[2 * i - 1] = left; out[2 * i] = 1 end
  return out
end
local span, max = tonumber(ARGV[1]), tonumber(ARGV[2])
local interval, gspan, gmax, hold = ARGV[3], tonumber(ARGV[4]), tonumber(ARGV[5]), tonumber(ARGV[6])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - span)
local n = redis.call('ZCARD', KEYS[1])
local queue = nil
local refused = 0
local granted = 0
for i = 1, requests do
  local id, mode, k = ARGV[4 + 3 * i], ARGV[5 + 3 * i], tonumber(ARGV[6 + 3 * i])
  local wait, reason = 0, 0
  if k > 0 then
    left = redis.call('PTTL', KEYS[k + 1])
    if left > 0 then wait, reason = left, 3 end
  end
  if wait == 0 and n >= max then
    -- The j-th request refused here waits for the j-th oldest grant that must leave, so waiters wake one slot
    -- at a time instead of all at once.
    if not queue then queue = redis.call('ZRANGE', KEYS[1], n - max, -1, 'WITHSCORES') end
    local at = tonumber(queue[2 * refused + 2])
    refused = refused + 1
    if at == nil or at > now then wait = span + 1 else wait = math.max(1, at + span - now + 1) end
    reason = 2
  end
  if wait == 0 and mode == 'private' then
    left = redis.call('PTTL', KEYS[k])
    if left > 0 then wait, reason = left, 4 end
  elseif wait == 0 and mode == 'group' then
    redis.call('ZREMRANGEBYSCORE', KEYS[k], '-inf', now - gspan)
    local g = redis.call('ZCARD', KEYS[k])
    if g >= gmax then
      local at = tonumber(redis.call('ZRANGE', KEYS[k], g - gmax, g - gmax, 'WITHSCORES')[2])
      wait, reason = math.max(1, at + gspan - now + 1), 4
    end
  end
  if wait == 0 then
    redis.call('ZADD', KEYS[1], now + hold, id)
    n = n + 1
    granted = granted + 1
    if mode == 'private' then
      redis.call('SET', KEYS[k], id, 'PX', interval)
    elseif mode == 'group' then
      redis.call('ZADD', KEYS[k], now, id)
      redis.call('PEXPIRE', KEYS[k], gspan + 1000)
    end
  end
  out[2 * i - 1] = wait
  out[2 * i] = reason
end
if granted > 0 then redis.call('PEXPIRE', KEYS[1], span + hold + 1000) end
return out
`);

/*
 * Called when requests' answers (or failures) are back: their window entries move to now. Telegram counts a
 * request when it arrives, which is somewhere between grant and answer, so a later grant that waits for this entry
 * to leave the window can never arrive within Telegram's window of it, however late this one arrived. The margin
 * this costs is the request's own round trip, measured, not guessed.
 * KEYS: global window, then the chat windows named. ARGV: private interval ms; then per grant its id, chat mode
 * and the KEYS index of its chat window (0 for none).
 */
const SETTLE = luaScript(`
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
for i = 0, (#ARGV - 1) / 3 - 1 do
  local id, mode, k = ARGV[2 + 3 * i], ARGV[3 + 3 * i], tonumber(ARGV[4 + 3 * i])
  redis.call('ZADD', KEYS[1], 'XX', now, id)
  if mode == 'private' then
    if redis.call('GET', KEYS[k]) == id then redis.call('SET', KEYS[k], id, 'PX', ARGV[1]) end
  elseif mode == 'group' then
    redis.call('ZADD', KEYS[k], 'XX', now, id)
  end
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
 * How long an unsettled grant holds its place in the window: a request whose process died before settling stops
 * counting after this (plus the window). A request still unanswered this long is assumed to have arrived.
 */
export const PENDING_HOLD_MS = 5_000;

/** Requests past this many in one script call wait for the next call. */
const MAX_BATCH = 500;

interface Waiting<T, R> {
  item: T;
  resolve: (result: R) => void;
  reject: (error: unknown) => void;
}

/**
 * Gathers the calls made in one turn of the event loop and runs them as one batch (setImmediate: every timer and
 * I/O callback of the turn has had its say). Woken waiters and finished sends arrive in bursts, so each burst costs
 * one Redis round trip instead of one per request.
 */
class Batcher<T, R> {
  private waiting: Waiting<T, R>[] = [];
  private scheduled = false;

  constructor(private readonly run: (items: T[]) => Promise<R[]>) {}

  call(item: T): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.waiting.push({ item, resolve, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => void this.flush());
      }
    });
  }

  private async flush(): Promise<void> {
    this.scheduled = false;
    const batch = this.waiting.splice(0, MAX_BATCH);
    if (this.waiting.length > 0) {
      this.scheduled = true;
      setImmediate(() => void this.flush());
    }
    try {
      const results = await this.run(batch.map((w) => w.item));
      batch.forEach((w, i) => w.resolve(results[i] as R));
    } catch (error) {
      for (const w of batch) w.reject(error);
    }
  }
}

interface TakeRequest {
  id: string;
  chat: BudgetChat | undefined;
}

/**
 * The bot token's one outgoing budget, in Redis so every process (bot replies, deliveries, alerts) draws from the
 * same windows. Its keys share one hash slot (see the key registry).
 */
export class OutgoingBudget {
  private grants = 0;
  private readonly id = `${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
  private readonly key;
  private readonly takes = new Batcher<TakeRequest, BudgetTake>((requests) => this.takeMany(requests));
  private readonly settles = new Batcher<BudgetGrant, void>((grants) => this.settleMany(grants));

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

  /**
   * Takes one send if the windows have room and no penalty is running; otherwise says exactly how long until the
   * window that refused can have room. Calls made together go to Redis together (one script call).
   */
  take(chat?: BudgetChat): Promise<BudgetTake> {
    return this.takes.call({ id: `${this.id}-${(this.grants += 1)}`, chat });
  }

  private async takeMany(requests: TakeRequest[]): Promise<BudgetTake[]> {
    const l = this.limits;
    const keys = [this.key.window(), this.key.penalty()];
    const args: (string | number)[] = [
      1000 + l.marginMs,
      l.perSecond,
      l.privateIntervalMs + l.chatMarginMs,
      60_000 + l.chatMarginMs,
      l.groupPerMinute,
      PENDING_HOLD_MS,
    ];
    for (const { id, chat } of requests) {
      if (chat) keys.push(this.key.chatWindow(chat.chatId), this.key.chatPenalty(chat.chatId));
      args.push(id, chat ? (chat.group ? 'group' : 'private') : '', chat ? keys.length - 1 : 0);
    }
    const replies = (await runScript(this.redis, TAKE, keys, args)) as number[];
    return requests.map(({ id, chat }, i): BudgetTake => {
      const waitMs = replies[2 * i] ?? 0;
      if (waitMs !== 0) {
        return { granted: false, waitMs, reason: REASONS[replies[2 * i + 1] ?? 2] ?? 'global' };
      }
      return { granted: true, grant: chat ? { id, chat } : { id } };
    });
  }

  /** The granted request is answered (or failed): its window entries count from now (see SETTLE). */
  settle(grant: BudgetGrant): Promise<void> {
    return this.settles.call(grant);
  }

  private async settleMany(grants: BudgetGrant[]): Promise<void[]> {
    const l = this.limits;
    const keys = [this.key.window()];
    const args: (string | number)[] = [l.privateIntervalMs + l.chatMarginMs];
    for (const { id, chat } of grants) {
      if (chat) keys.push(this.key.chatWindow(chat.chatId));
      args.push(id, chat ? (chat.group ? 'group' : 'private') : '', chat ? keys.length : 0);
    }
    await runScript(this.redis, SETTLE, keys, args);
    return grants.map(() => undefined);
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
