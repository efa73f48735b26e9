import { chatIdPart } from '../queue/job-ids.js';
import { getMany, scanKeys, type RedisClient } from './redis-client.js';
import { alertFields, type FeedAlert } from './alert-record.js';
import type { Keys } from './keys.js';
import { luaScript, runScript } from './lua-script.js';

/*
 * KEYS: due index. ARGV: now, limit, lease ms. Takes due chats and pushes them a lease ahead, so a second worker
 * ticking at the same moment does not take them too; building the digest sets the real next time.
 */
/*
 * KEYS: ledger hash. ARGV: field, sending-mark field, now, ttl ms. 2 = already sent (nothing written);
 * 1 = an earlier attempt's mark was there (uncertain); 0 = new. Otherwise the mark is (re)written.
 */
const BEGIN_SEND = luaScript(`
if redis.call('HEXISTS', KEYS[1], ARGV[1]) == 1 then return 2 end
local uncertain = redis.call('HEXISTS', KEYS[1], ARGV[2])
redis.call('HSET', KEYS[1], ARGV[2], ARGV[3])
redis.call('PEXPIRE', KEYS[1], ARGV[4])
return uncertain
`);

const CLAIM_DUE = luaScript(`
local ids = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'LIMIT', 0, ARGV[2])
for _, id in ipairs(ids) do redis.call('ZADD', KEYS[1], tonumber(ARGV[1]) + tonumber(ARGV[3]), id) end
return ids
`);

/**
 * Where one message stands in the sent ledger. `uncertain`: an earlier attempt was marked as sending but never
 * recorded an answer, so the process died (or the request timed out) after the request went out; Telegram may or
 * may not have accepted it.
 */
export type LedgerState = 'new' | 'uncertain' | 'sent';

/** The ledger field of a message's sending mark. */
const sendingField = (field: string) => `${field}!sending`;

/** Work given up on for good, with its reason, kept for operators (newest first). */
export interface DeadLetter {
  queue: string;
  /** The job name, or the step that failed. */
  name: string;
  jobId?: string;
  /** Chat key ids the work was for. */
  chats: string[];
  reason: string;
  at: number;
}

/** How many dead letters are kept; older ones are dropped. */
const DEAD_LETTERS_KEPT = 1000;

export interface CachedDigest {
  parts: string[];
}

/** How long sent-ledger entries and built digests are kept: longer than any retry or restart takes. */
const LEDGER_TTL_MS = 3 * 86_400_000;

/**
 * Delivery state in Redis: the due index (a ZSET by next digest time, so the tick reads only what is due), the
 * time of each chat's previous digest, built digests shared by chats with equal inputs, the sent ledger, per-chat
 * spacing, 403 strikes and the instant-mode indexes.
 */
export class DeliveryStore {
  private readonly key;
  private readonly alerts: string;

  constructor(
    private readonly redis: RedisClient,
    private readonly keys: Keys,
  ) {
    this.alerts = keys.alerts();
    this.key = {
      due: keys.deliveryDue,
      last: keys.deliveryLast,
      manualLast: keys.deliveryManualLast,
      strikes: keys.deliveryStrikes,
      digest: keys.deliveryDigest,
      ledger: keys.deliveryLedger,
      counters: keys.deliveryCounters,
      instantChats: keys.instantChats,
      instantDue: keys.instantDue,
      instantPending: keys.instantPending,
      instantLast: keys.instantLast,
      instantProcessing: keys.instantProcessing,
      instantProcessingIndex: keys.instantProcessingIndex,
      deadLetters: keys.deadLetters,
    };
  }

  /** Keeps the entry and raises an operator alert for it (the alerts stream the notifier delivers). */
  async addDeadLetter(entry: DeadLetter): Promise<void> {
    const alert: FeedAlert = {
      kind: 'dead-letter',
      feedId: `${entry.queue}/${entry.name}`,
      url: entry.chats.slice(0, 10).join(', '),
      message: entry.reason,
      at: entry.at,
    };
    // The list and the alerts stream are in different slots: the entry first, then its alert. A crash between them
    // keeps the dead letter (what /stats and /metrics count) and loses only the push to operators.
    await this.redis
      .multi()
      .lpush(this.key.deadLetters(), JSON.stringify(entry))
      .ltrim(this.key.deadLetters(), 0, DEAD_LETTERS_KEPT - 1)
      .exec();
    await this.redis.xadd(this.alerts, 'MAXLEN', '~', '1000', '*', ...alertFields(alert));
  }

  async deadLetterCount(): Promise<number> {
    return this.redis.llen(this.key.deadLetters());
  }

  /** The newest dead letters first. */
  async deadLetters(limit = 100): Promise<DeadLetter[]> {
    const raws = await this.redis.lrange(this.key.deadLetters(), 0, limit - 1);
    return raws.map((raw) => JSON.parse(raw) as DeadLetter);
  }

  async setDue(chat: string, at: number | undefined): Promise<void> {
    if (at === undefined) await this.redis.zrem(this.key.due(), chat);
    else await this.redis.zadd(this.key.due(), at, chat);
  }

  async dueAt(chat: string): Promise<number | undefined> {
    const score = await this.redis.zscore(this.key.due(), chat);
    return score === null ? undefined : Number(score);
  }

  async claimDue(now: number, limit: number, leaseMs: number): Promise<string[]> {
    return (await runScript(this.redis, CLAIM_DUE, [this.key.due()], [now, limit, leaseMs])) as string[];
  }

  /**
   * After a build, in one transaction: each chat's consumed window ends at `lastAt` (omitted when the window was
   * not consumed), its next digest is due at `nextAt` (omitted when nothing is scheduled), and a /digest's window
   * ends at `manualAt` (where the next /digest starts; scheduled digests never read it).
   */
  async commitBuilds(
    builds: readonly { chat: string; lastAt?: number; nextAt?: number; manualAt?: number }[],
  ): Promise<void> {
    if (builds.length === 0) return;
    const tx = this.redis.multi();
    for (const { chat, lastAt, nextAt, manualAt } of builds) {
      if (lastAt !== undefined) tx.hset(this.key.last(), chat, lastAt);
      if (nextAt !== undefined) tx.zadd(this.key.due(), nextAt, chat);
      if (manualAt !== undefined) tx.hset(this.key.manualLast(), chat, manualAt);
    }
    await tx.exec();
  }

  async lastDigests(chats: string[]): Promise<(number | undefined)[]> {
    if (chats.length === 0) return [];
    const values = await this.redis.hmget(this.key.last(), ...chats);
    return values.map((value) => (value === null ? undefined : Number(value)));
  }

  async lastManualDigests(chats: string[]): Promise<(number | undefined)[]> {
    if (chats.length === 0) return [];
    const values = await this.redis.hmget(this.key.manualLast(), ...chats);
    return values.map((value) => (value === null ? undefined : Number(value)));
  }

  async setLastDigest(chat: string, at: number): Promise<void> {
    await this.redis.hset(this.key.last(), chat, at);
  }

  async getDigests(ids: string[]): Promise<(CachedDigest | undefined)[]> {
    if (ids.length === 0) return [];
    const values = await getMany(
      this.redis,
      ids.map((id) => this.key.digest(id)),
    );
    return values.map((value) => (value === null ? undefined : (JSON.parse(value) as CachedDigest)));
  }

  async putDigest(id: string, digest: CachedDigest): Promise<void> {
    await this.redis.set(this.key.digest(id), JSON.stringify(digest), 'PX', LEDGER_TTL_MS);
  }

  /**
   * Read and marked in one step before each send. A message the ledger has is never sent again; otherwise a
   * sending mark is written, so if the process dies before the answer is recorded, the next attempt finds the mark
   * and knows the message may already be in the chat (`uncertain`, counted: see uncertainResends).
   */
  async beginSend(digestId: string, field: string, at: number): Promise<LedgerState> {
    const result = (await runScript(
      this.redis,
      BEGIN_SEND,
      [this.key.ledger(digestId)],
      [field, sendingField(field), at, LEDGER_TTL_MS],
    )) as number;
    return result === 2 ? 'sent' : result === 1 ? 'uncertain' : 'new';
  }

  /** Telegram answered with a definite refusal: the message is not in the chat, so the mark goes. */
  async clearSending(digestId: string, field: string): Promise<void> {
    await this.redis.hdel(this.key.ledger(digestId), sendingField(field));
  }

  /** Counts a resend after an uncertain attempt: the only way this design can post a message twice. */
  async countUncertainResend(): Promise<void> {
    await this.redis.hincrby(this.key.counters(), 'uncertain', 1);
  }

  async uncertainResends(): Promise<number> {
    return Number((await this.redis.hget(this.key.counters(), 'uncertain')) ?? 0);
  }

  /**
   * Written after each successful send; a success also clears the chat's strikes. The ledger (per digest) and the
   * strikes (the schedule's slot) are two steps, the ledger first: a crash between them leaves a stale strike,
   * which the next success clears, never a sent message unrecorded.
   */
  async afterSend(digestId: string, field: string, chat: string, messageId: number): Promise<void> {
    await this.redis
      .multi()
      .hset(this.key.ledger(digestId), field, messageId)
      .hdel(this.key.ledger(digestId), sendingField(field))
      .pexpire(this.key.ledger(digestId), LEDGER_TTL_MS)
      .exec();
    await this.redis.hdel(this.key.strikes(), chat);
  }

  async wasSent(digestId: string, field: string): Promise<boolean> {
    return (await this.redis.hexists(this.key.ledger(digestId), field)) === 1;
  }

  /** Counts a consecutive 403 and returns the count. */
  async strike(chat: string): Promise<number> {
    return this.redis.hincrby(this.key.strikes(), chat, 1);
  }

  async clearStrikes(chat: string): Promise<void> {
    await this.redis.hdel(this.key.strikes(), chat);
  }

  async setInstant(chat: string, on: boolean): Promise<void> {
    if (on) await this.redis.sadd(this.key.instantChats(), chat);
    else
      await this.redis.multi().srem(this.key.instantChats(), chat).zrem(this.key.instantDue(), chat).exec();
  }

  async instantChats(): Promise<string[]> {
    return this.redis.smembers(this.key.instantChats());
  }

  /** Queues matching stories for an instant chat; it is due at once, or a minute after its previous message. */
  async queueInstant(entries: { chat: string; storyIds: string[] }[], now: number): Promise<void> {
    if (entries.length === 0) return;
    const lasts = await this.redis.hmget(this.key.instantLast(), ...entries.map((e) => e.chat));
    const tx = this.redis.multi();
    entries.forEach((entry, index) => {
      const last = lasts[index];
      const dueAt = Math.max(now, last === null || last === undefined ? 0 : Number(last) + 60_000);
      tx.sadd(this.key.instantPending(entry.chat), ...entry.storyIds);
      tx.pexpire(this.key.instantPending(entry.chat), 86_400_000);
      tx.zadd(this.key.instantDue(), 'NX', dueAt, entry.chat);
    });
    await tx.exec();
  }

  /**
   * Takes the instant chats that are due, and marks them as sent to now. Their queued stories move to a processing
   * set (atomically), which is deleted only by ackInstant once the messages are queued; chats a crashed tick left
   * in processing are taken again, so a crash between taking and queueing loses nothing.
   */
  async takeInstantDue(now: number, limit: number): Promise<{ chat: string; storyIds: string[] }[]> {
    const due = await this.redis.zrangebyscore(this.key.instantDue(), '-inf', now, 'LIMIT', 0, limit);
    const leftovers = await this.redis.srandmember(this.key.instantProcessingIndex(), limit);
    const chats = [...new Set([...due, ...leftovers])];
    if (chats.length === 0) return [];
    const tx = this.redis.multi();
    for (const chat of due) {
      const processing = this.key.instantProcessing(chat);
      tx.sunionstore(processing, processing, this.key.instantPending(chat));
      tx.pexpire(processing, 86_400_000);
      tx.del(this.key.instantPending(chat));
      tx.zrem(this.key.instantDue(), chat);
      tx.hset(this.key.instantLast(), chat, now);
      tx.sadd(this.key.instantProcessingIndex(), chat);
    }
    for (const chat of chats) tx.smembers(this.key.instantProcessing(chat));
    const replies = (await tx.exec()) ?? [];
    const offset = due.length * 6;
    return chats.map((chat, index) => ({
      chat,
      storyIds: (replies[offset + index]?.[1] as string[] | undefined) ?? [],
    }));
  }

  /** The taken stories of these chats are queued (or not deliverable): their processing sets go. */
  async ackInstant(chats: string[]): Promise<void> {
    if (chats.length === 0) return;
    const tx = this.redis.multi();
    for (const chat of chats) tx.del(this.key.instantProcessing(chat));
    tx.srem(this.key.instantProcessingIndex(), ...chats);
    await tx.exec();
  }

  /**
   * /forget: every delivery trace of a chat (`ids` are its key ids, the chat and its threads): due and last-digest
   * entries, strikes, the spacing gate, instant state, ledger fields (`<chat>:<part>`), the instant digests named
   * after it (`inst-<chat>-...`) and dead letters naming it. Shared digests are keyed by inputs, never by chat.
   */
  async forgetChats(chatId: number, ids: readonly string[]): Promise<void> {
    if (ids.length === 0) return;
    // The schedule's keys share one slot ({dl}); the chat's budget windows live in the budget's ({tg}).
    const tx = this.redis.multi();
    tx.zrem(this.key.due(), ...ids)
      .hdel(this.key.last(), ...ids)
      .hdel(this.key.strikes(), ...ids)
      .hdel(this.key.manualLast(), ...ids)
      .srem(this.key.instantChats(), ...ids)
      .srem(this.key.instantProcessingIndex(), ...ids)
      .zrem(this.key.instantDue(), ...ids)
      .hdel(this.key.instantLast(), ...ids);
    for (const id of ids) tx.del(this.key.instantPending(id), this.key.instantProcessing(id));
    await tx.exec();
    await this.redis.del(this.keys.budgetChatWindow(chatId), this.keys.budgetChatPenalty(chatId));

    // Operator alerts about dead letters list the chats they were for; those entries go too.
    const alerts = (await this.redis.xrange(this.alerts, '-', '+')) as [string, string[]][];
    const naming = alerts.filter(([, fields]) => fields.some((value) => value.includes(String(chatId))));
    if (naming.length > 0) await this.redis.xdel(this.alerts, ...naming.map(([id]) => id));

    const fieldPrefixes = ids.map((id) => `${id}:`);
    const ownDigest = ids.map((id) => `inst-${chatIdPart(id)}-`);
    const ledgerPrefix = this.key.ledger('');
    const digestPrefix = this.key.digest('');
    for (const prefix of [ledgerPrefix, digestPrefix]) {
      for await (const batch of scanKeys(this.redis, `${prefix}*`, 500)) {
        for (const name of batch) {
          if (ownDigest.some((own) => name.slice(prefix.length).startsWith(own))) {
            await this.redis.del(name);
            continue;
          }
          if (prefix !== ledgerPrefix) continue;
          const fields = (await this.redis.hkeys(name)).filter((f) =>
            fieldPrefixes.some((p) => f.startsWith(p)),
          );
          if (fields.length > 0) await this.redis.hdel(name, ...fields);
        }
      }
    }

    for (const raw of await this.redis.lrange(this.key.deadLetters(), 0, -1)) {
      const entry = JSON.parse(raw) as Partial<DeadLetter>;
      if (entry.chats?.some((chat) => ids.includes(chat)))
        await this.redis.lrem(this.key.deadLetters(), 0, raw);
    }
  }
}
