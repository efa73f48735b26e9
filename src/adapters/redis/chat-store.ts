import { getMany, scanKeys, type RedisClient } from './redis-client.js';
import { chatKeyId, type ChatKey, type ChatSettings } from '../../core/chat/chat-settings.js';
import type { OpsStats } from '../../core/ops/stats-text.js';
import type { Keys } from './keys.js';

export { chatKeyId };

export interface ChatStore {
  get(key: ChatKey): Promise<ChatSettings | undefined>;
  save(settings: ChatSettings): Promise<void>;
  /** Loads, applies `fn` and saves; returns undefined (and writes nothing) when the chat is unknown. */
  update(key: ChatKey, fn: (settings: ChatSettings) => ChatSettings): Promise<ChatSettings | undefined>;
  remove(key: ChatKey): Promise<void>;
  /** Chats (channels) a user linked from a private chat. */
  listLinkedBy(userId: number): Promise<ChatSettings[]>;
  /** Every key stored for a chat: the chat itself and its forum threads. */
  listForChat(chatId: number): Promise<ChatSettings[]>;
  /** Active chats in batches, via an index set so no keyspace SCAN is needed. */
  listActive(batchSize?: number): AsyncGenerator<ChatSettings[]>;
  deactivate(key: ChatKey, now: number): Promise<ChatSettings | undefined>;
  /**
   * Chats deactivated (blocked, removed) and unchanged since before `before`; a keyspace SCAN, so for a rare
   * sweep only (the privacy retention).
   */
  listInactiveSince(before: number): AsyncGenerator<ChatSettings[]>;
  reactivate(key: ChatKey, now: number): Promise<ChatSettings | undefined>;
  /** Chats by kind and language, and how many are active, paused or deactivated (for /stats). */
  tally(): Promise<OpsStats['chats']>;
}

// A record's id is `<chat>` or `<chat>:<thread>`; index keys have a `*` segment instead.
const RECORD_ID = /^-?\d+(?::\d+)?$/;

/**
 * One JSON string per chat (about 300 bytes) plus index sets: active chats, keys per chat id (forum threads) and
 * chats linked per user. Records hash by their whole key, so chats spread over a Cluster's masters; the indexes are
 * one key each. A record and its indexes sit in different slots, so a write is ordered single-slot steps instead of
 * one MULTI: the record first, then the indexes. A crash between them leaves an index entry whose record is gone or
 * says otherwise, and every reader checks the record (missing ones are skipped, inactive ones filtered).
 */
export function createChatStore(redis: RedisClient, keys: Keys): ChatStore {
  const chatKey = keys.chat;
  const activeSet = keys.chatsActive();
  const byChat = keys.chatKeysOf;
  const linkedBy = keys.chatsLinkedBy;

  const decode = (raw: string | null): ChatSettings | undefined =>
    raw === null ? undefined : (JSON.parse(raw) as ChatSettings);

  async function loadMany(ids: string[]): Promise<ChatSettings[]> {
    if (ids.length === 0) return [];
    const raws = await getMany(redis, ids.map(chatKey));
    return raws.map(decode).filter((s): s is ChatSettings => s !== undefined);
  }

  async function get(key: ChatKey): Promise<ChatSettings | undefined> {
    return decode(await redis.get(chatKey(chatKeyId(key))));
  }

  async function save(settings: ChatSettings): Promise<void> {
    const id = chatKeyId(settings.key);
    const previous = await get(settings.key);
    // Record first, then each index (single-slot steps: see above).
    await redis.set(chatKey(id), JSON.stringify(settings));
    const indexes: Promise<unknown>[] = [redis.sadd(byChat(settings.key.chatId), id)];
    indexes.push(settings.active ? redis.sadd(activeSet, id) : redis.srem(activeSet, id));
    if (previous?.linkedBy !== undefined && previous.linkedBy !== settings.linkedBy)
      indexes.push(redis.srem(linkedBy(previous.linkedBy), id));
    if (settings.linkedBy !== undefined) indexes.push(redis.sadd(linkedBy(settings.linkedBy), id));
    await Promise.all(indexes);
  }

  async function update(
    key: ChatKey,
    fn: (settings: ChatSettings) => ChatSettings,
  ): Promise<ChatSettings | undefined> {
    const current = await get(key);
    if (!current) return undefined;
    const next = fn(current);
    await save(next);
    return next;
  }

  return {
    get,
    save,
    update,
    async remove(key) {
      const id = chatKeyId(key);
      const previous = await get(key);
      // Record first: an index entry left by a crash points to nothing, which readers skip.
      await redis.del(chatKey(id));
      const indexes = [redis.srem(activeSet, id), redis.srem(byChat(key.chatId), id)];
      if (previous?.linkedBy !== undefined) indexes.push(redis.srem(linkedBy(previous.linkedBy), id));
      await Promise.all(indexes);
    },
    async listLinkedBy(userId) {
      const linked = await loadMany((await redis.smembers(linkedBy(userId))).sort());
      return linked.filter((chat) => chat.linkedBy === userId);
    },
    async listForChat(chatId) {
      return loadMany((await redis.smembers(byChat(chatId))).sort());
    },
    async *listActive(batchSize = 500) {
      let cursor = '0';
      do {
        const [next, ids] = await redis.sscan(activeSet, cursor, 'COUNT', batchSize);
        cursor = next;
        const chats = (await loadMany(ids)).filter((chat) => chat.active);
        if (chats.length > 0) yield chats;
      } while (cursor !== '0');
    },
    async *listInactiveSince(before) {
      const recordPrefix = keys.chatRecordPrefix();
      for await (const batch of scanKeys(redis, `${recordPrefix}*`, 500)) {
        const ids = batch.map((name) => name.slice(recordPrefix.length)).filter((id) => RECORD_ID.test(id));
        const found = (await loadMany(ids)).filter((s) => !s.active && s.updatedAt < before);
        if (found.length > 0) yield found;
      }
    },
    deactivate: (key, now) => update(key, (s) => ({ ...s, active: false, updatedAt: now })),
    reactivate: (key, now) => update(key, (s) => ({ ...s, active: true, updatedAt: now })),
    // SCAN over every chat record: fine for an operator command, never on a hot path.
    async tally() {
      const recordPrefix = keys.chatRecordPrefix();
      const chats: OpsStats['chats'] = { byKind: {}, active: 0, deactivated: 0, paused: 0 };
      for await (const found of scanKeys(redis, `${recordPrefix}*`, 1000)) {
        const ids = found.filter((key) => RECORD_ID.test(key.slice(recordPrefix.length)));
        if (ids.length === 0) continue;
        for (const chat of (await getMany(redis, ids)).map(decode)) {
          if (!chat) continue;
          const kind = (chats.byKind[chat.kind] ??= {});
          kind[chat.lang] = (kind[chat.lang] ?? 0) + 1;
          if (!chat.active) chats.deactivated += 1;
          else if (chat.paused) chats.paused += 1;
          else chats.active += 1;
        }
      }
      return chats;
    },
  };
}
