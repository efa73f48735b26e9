import { Queue, type ConnectionOptions, type Job } from 'bullmq';
import type { RedisClient } from './redis-client.js';
import { chatKeyId } from '../../core/chat/chat-settings.js';
import { DELIVER_QUEUE, DIGEST_QUEUE } from '../queue/digest-requests.js';
import { chatIdPart } from '../queue/job-ids.js';
import type { BreakingStore } from './breaking-store.js';
import type { ChatStore } from './chat-store.js';
import type { DeliveryStore } from './delivery-store.js';
import type { Keys } from './keys.js';
import { OperatorLocaleStore } from './operator-locale-store.js';

export interface ChatForgetterDeps {
  redis: RedisClient;
  keys: Keys;
  /** The raw chat store (the delivery index is cleared here, with the rest of the delivery state). */
  chats: ChatStore;
  delivery: DeliveryStore;
  /** BullMQ queues whose jobs may carry the chat (digest builds, deliveries, breaking work). */
  queueNames: readonly string[];
  /** Per-chat state kept by stores outside the delivery store (breaking news, ...), removed by each owner. */
  extra?: readonly ((chatId: number, chats: readonly string[]) => Promise<void>)[];
}

export interface ForgetReport {
  /** Chat keys (the chat and its forum threads) whose settings were deleted. */
  chats: string[];
  /** Queue jobs that named the chat and were removed (or, for shared batches, rewritten without it). */
  jobs: number;
}

/**
 * The one way the bot (/forget) and the worker (retention sweep) forget a chat: every store that keeps per-chat
 * state is named here, so a new one cannot be missed in one place and remembered in another.
 */
export function createChatForgetter(deps: {
  redis: RedisClient;
  keys: Keys;
  chats: ChatStore;
  delivery: DeliveryStore;
  breaking: Pick<BreakingStore, 'forget'>;
}): (chatId: number) => Promise<ForgetReport> {
  return (chatId) =>
    forgetChat(
      {
        redis: deps.redis,
        keys: deps.keys,
        chats: deps.chats,
        delivery: deps.delivery,
        queueNames: [DIGEST_QUEUE, DELIVER_QUEUE],
        extra: [
          (_chatId, ids) => deps.breaking.forget(ids),
          (id) => new OperatorLocaleStore(deps.redis, deps.keys).forget(id),
        ],
      },
      chatId,
    );
}

/**
 * Deletes everything newsdigest keeps about one chat: settings of the chat and its threads, the links a user made
 * to channels, keywords (inside the settings), schedule index entries, last-digest marks, strikes, spacing gates,
 * pending instant work, ledger entries, instant digests rendered for it, dead letters, and queue jobs and queue
 * events that name it. Shared digests (cached by their inputs, not by chat) and hourly counters hold no chat id.
 */
export async function forgetChat(deps: ChatForgetterDeps, chatId: number): Promise<ForgetReport> {
  const stored = await deps.chats.listForChat(chatId);
  const ids = [...new Set([String(chatId), ...stored.map((s) => chatKeyId(s.key))])];

  // Channels this user linked stay subscribed, but no longer name the user.
  for (const channel of await deps.chats.listLinkedBy(chatId)) {
    const { linkedBy: _dropped, ...rest } = channel;
    await deps.chats.save(rest);
  }
  for (const settings of stored) await deps.chats.remove(settings.key);

  await deps.delivery.forgetChats(chatId, ids);
  for (const forget of deps.extra ?? []) await forget(chatId, ids);
  const jobs = await forgetQueueTraces(deps, chatId, ids);
  return { chats: stored.map((s) => chatKeyId(s.key)), jobs };
}

function namesChat(job: Job, chatId: number, ids: readonly string[]): 'own' | 'shared' | undefined {
  const data = job.data as { chat?: string; chatId?: number; chats?: string[] };
  if (data.chatId === chatId || (data.chat !== undefined && ids.includes(data.chat))) return 'own';
  if (data.chats?.some((chat) => ids.includes(chat))) return data.chats.length === 1 ? 'own' : 'shared';
  return undefined;
}

/**
 * Jobs for the chat are removed; a pending batch shared with other chats is rewritten without it. Queue event
 * streams are history only, so their entries that name the chat are deleted.
 */
async function forgetQueueTraces(deps: ChatForgetterDeps, chatId: number, ids: readonly string[]) {
  let touched = 0;
  const needle = String(chatId);
  for (const name of deps.queueNames) {
    const queue = new Queue(name, {
      connection: deps.redis as unknown as ConnectionOptions,
      prefix: deps.keys.bullPrefix(name),
    });
    try {
      const jobs = await queue.getJobs(['waiting', 'delayed', 'prioritized', 'completed', 'failed']);
      for (const job of jobs) {
        const match = namesChat(job, chatId, ids);
        const idNames = job.id !== undefined && ids.some((id) => job.id!.includes(`-${chatIdPart(id)}-`));
        if (!match && !idNames) continue;
        const finished = (await job.isCompleted()) || (await job.isFailed());
        if (match === 'shared' && !finished && !idNames) {
          const data = job.data as { chats: string[] };
          await job.updateData({ ...data, chats: data.chats.filter((chat) => !ids.includes(chat)) });
        } else {
          await job.remove().catch(() => undefined); // A job running right now keeps its lock; it finds no chat.
        }
        touched += 1;
      }
      const stream = `${deps.keys.bullPrefix(name)}:${name}:events`;
      const entries = (await deps.redis.xrange(stream, '-', '+')) as [string, string[]][];
      const named = entries.filter(([, fields]) => fields.some((value) => value.includes(needle)));
      if (named.length > 0) await deps.redis.xdel(stream, ...named.map(([id]) => id));
    } finally {
      await queue.close();
    }
  }
  return touched;
}
