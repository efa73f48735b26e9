import type { DeliveryOutcome } from '../../src/adapters/redis/delivery-stats.js';
import { DelayedError, UnrecoverableError, Worker, type Job, type Queue } from 'bullmq';
import type { ChatStore } from '../../src/adapters/redis/chat-store.js';
import type { DeliveryStore } from '../../src/adapters/redis/delivery-store.js';
import type { TelegramSender } from '../../src/adapters/telegram/sender.js';
import { parseChatKeyId, type ChatKey } from '../../src/core/chat/chat-settings.js';
import { htmlToPlain } from '../../src/core/render/telegram-html.js';
import type { Logger } from '../../src/logger.js';
import type { DeliverJobData } from '../queues.js';
import { deliverJob } from './enqueue-delivery.js';

export interface DeliverDeps {
  sender: TelegramSender;
  delivery: DeliveryStore;
  chats: ChatStore;
  deliverQueue: Queue<DeliverJobData>;
  logger: Logger;
  now: () => number;
  /** Minimum gap between two messages to one private chat (Telegram: 1 s). */
  privateGapMs: number;
  /** Minimum gap for groups and channels (Telegram: 20 per minute, so 3 s). */
  groupGapMs: number;
  /** Consecutive 403s that deactivate a chat. */
  maxStrikes?: number;
  paidBroadcast?: boolean;
  /** Told every outcome (counters for /stats and /metrics); failures here never fail the delivery. */
  onOutcome?: (outcome: DeliveryOutcome) => void | Promise<void>;
}

export type DeliverResult =
  'sent' | 'plain' | 'duplicate' | 'forbidden' | 'deactivated' | 'migrated' | 'gone';

/**
 * Sends one part of one digest to one chat. The sent ledger is checked before and written after the send, so a
 * retry or a restart never posts twice; Telegram's answer decides what happens next (see SendOutcome).
 */
export function createDeliverProcessor(deps: DeliverDeps) {
  const maxStrikes = deps.maxStrikes ?? 3;
  // Built digests never change under their id, so parts read once are reused for every chat that shares them.
  const cache = new Map<string, string[]>();
  const partsOf = async (digestId: string): Promise<string[] | undefined> => {
    const hit = cache.get(digestId);
    if (hit) return hit;
    const [digest] = await deps.delivery.getDigests([digestId]);
    if (digest) {
      if (cache.size >= 5000) cache.delete(cache.keys().next().value as string);
      cache.set(digestId, digest.parts);
    }
    return digest?.parts;
  };
  return async (job: Job<DeliverJobData>, token?: string): Promise<DeliverResult> => {
    const { chat, chatId, digestId, part } = job.data;
    const field = `${chat}:${part}`;
    const parts = await partsOf(digestId);
    const text = parts?.[part];
    if (text === undefined) throw new UnrecoverableError(`digest ${digestId} part ${part} is gone`);
    // A little over Telegram's 1 s and 3 s (20/min), so network jitter never lands two messages too close.
    const gapMs = job.data.kind === 'private' ? deps.privateGapMs : deps.groupGapMs;

    const gate = await deps.delivery.beforeSend(digestId, field, chatId, gapMs);
    if (gate.kind === 'sent') return 'duplicate';
    if (gate.kind === 'wait') {
      // Another message to this chat went out moments ago; come back when its spacing is over.
      await job.moveToDelayed(Date.now() + gate.ms, token);
      throw new DelayedError();
    }

    const message = {
      chatId,
      ...(job.data.threadId !== undefined ? { threadId: job.data.threadId } : {}),
      text,
      html: true,
      ...(deps.paidBroadcast ? { paid: true } : {}),
    };
    let outcome = await deps.sender.send(message);
    let result: DeliverResult = 'sent';
    if (outcome.kind === 'bad-entities') {
      deps.logger.warn(
        { chat, digestId, part },
        'Telegram could not parse the digest HTML; resending as plain text',
      );
      outcome = await deps.sender.send({ ...message, text: htmlToPlain(text), html: false });
      result = 'plain';
    }

    await report(deps, outcome.kind === 'sent' ? (result === 'plain' ? 'plain' : 'sent') : outcome.kind);
    switch (outcome.kind) {
      case 'sent': {
        await deps.delivery.afterSend(digestId, field, chat, outcome.messageId);
        if (part + 1 < parts!.length) {
          const next = deliverJob({ key: keyOf(job.data), kind: job.data.kind }, digestId, part + 1);
          await deps.deliverQueue.add(next.name, next.data, { ...next.opts, delay: gapMs });
        }
        return result;
      }
      case 'rate-limited':
        // The whole queue waits out retry_after, then this same message is tried again.
        await deps.deliverQueue.rateLimit(outcome.retryAfterMs);
        throw Worker.RateLimitError();
      case 'forbidden': {
        const strikes = await deps.delivery.strike(chat);
        if (strikes < maxStrikes) return 'forbidden';
        await deps.chats.deactivate(keyOf(job.data), deps.now());
        await report(deps, 'deactivated');
        deps.logger.info({ chat, strikes }, 'chat deactivated after repeated 403');
        return 'deactivated';
      }
      case 'migrated':
        await migrate(deps, job.data, outcome.newChatId);
        return 'migrated';
      case 'transient':
        throw new Error(`Telegram send failed (${outcome.code}); will retry`);
      case 'bad-entities':
      case 'rejected':
        throw new UnrecoverableError(`Telegram rejected the message (${outcome.kind})`);
    }
  };
}

async function report(deps: DeliverDeps, outcome: DeliveryOutcome): Promise<void> {
  try {
    await deps.onOutcome?.(outcome);
  } catch (error) {
    deps.logger.warn({ err: error, outcome }, 'could not record a delivery outcome');
  }
}

function keyOf(data: DeliverJobData): ChatKey {
  return parseChatKeyId(data.chat) ?? { chatId: data.chatId };
}

/** A group became a supergroup: its subscriptions (and forum threads) move to the new id and the part goes there. */
async function migrate(deps: DeliverDeps, data: DeliverJobData, newChatId: number): Promise<void> {
  const at = deps.now();
  for (const settings of await deps.chats.listForChat(data.chatId)) {
    const key: ChatKey =
      settings.key.threadId === undefined
        ? { chatId: newChatId }
        : { chatId: newChatId, threadId: settings.key.threadId };
    if (!(await deps.chats.get(key))) {
      await deps.chats.save({ ...settings, key, kind: 'supergroup', updatedAt: at });
    }
    await deps.chats.remove(settings.key);
  }
  const key: ChatKey =
    data.threadId === undefined ? { chatId: newChatId } : { chatId: newChatId, threadId: data.threadId };
  const next = deliverJob({ key, kind: 'supergroup' }, data.digestId, data.part);
  await deps.deliverQueue.add(next.name, next.data, next.opts);
  deps.logger.info({ from: data.chatId, to: newChatId }, 'group migrated; subscription moved');
}
