import type { DeliveryOutcome } from '../../src/adapters/redis/delivery-stats.js';
import { DelayedError, UnrecoverableError, Worker, type Job, type Queue } from 'bullmq';
import type { ChatStore } from '../../src/adapters/redis/chat-store.js';
import type { DeliveryStore } from '../../src/adapters/redis/delivery-store.js';
import type { BudgetGrant, OutgoingBudget } from '../../src/adapters/redis/outgoing-budget.js';
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
  /** The bot token's budget, shared with the bot process and every other worker. */
  budget: OutgoingBudget;
  /** Consecutive 403s that deactivate a chat. */
  maxStrikes?: number;
  paidBroadcast?: boolean;
  /** Told every outcome (counters for /stats and /metrics); failures here never fail the delivery. */
  onOutcome?: (outcome: DeliveryOutcome) => void | Promise<void>;
}

export type DeliverResult =
  'sent' | 'plain' | 'duplicate' | 'forbidden' | 'deactivated' | 'migrated' | 'gone';

/** Waits shorter than this are slept through inside the job; longer ones give the slot back to the queue. */
const SLEEP_WAIT_MS = 1_500;

/**
 * Sends one part of one digest to one chat, at least once. The sent ledger is read before the send; a sending mark
 * is written just before the request and replaced by the message id after it, so a message is posted twice only
 * when the process dies (or the request times out) after Telegram accepted it and before the id is recorded, and
 * such a resend is counted. Telegram's answer decides what happens next (see SendOutcome).
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

    // The ledger read and the sending mark in one step: the mark is down before the budget is taken, so nothing
    // but the request itself stands between grant and send.
    const state = await deps.delivery.beginSend(digestId, field, deps.now());
    if (state === 'sent') return 'duplicate';
    if (state === 'uncertain') {
      await deps.delivery.countUncertainResend();
      deps.logger.warn(
        { chat, digestId, part },
        'resending a message whose earlier send has no recorded answer',
      );
    }
    let grant;
    try {
      grant = await takeBudget(deps, job, token);
    } catch (error) {
      // Handed back to the queue (delayed or rate limited) without a request: the message is certainly not out.
      await deps.delivery.clearSending(digestId, field);
      throw error;
    }

    const message = {
      chatId,
      ...(job.data.threadId !== undefined ? { threadId: job.data.threadId } : {}),
      text,
      html: true,
      ...(deps.paidBroadcast ? { paid: true } : {}),
    };
    let outcome = await deps.sender.send(message);
    await deps.budget.settle(grant);
    let result: DeliverResult = 'sent';
    if (outcome.kind === 'bad-entities') {
      deps.logger.warn(
        { chat, digestId, part },
        'Telegram could not parse the digest HTML; resending as plain text',
      );
      const plainGrant = await takeBudget(deps, job, token);
      outcome = await deps.sender.send({ ...message, text: htmlToPlain(text), html: false });
      await deps.budget.settle(plainGrant);
      result = 'plain';
    }
    // A definite answer other than success means the message is not in the chat. A network failure or timeout
    // keeps the mark: the request may have been accepted.
    if (outcome.kind !== 'sent' && !(outcome.kind === 'transient' && outcome.code === 'network')) {
      await deps.delivery.clearSending(digestId, field);
    }

    await report(deps, outcome.kind === 'sent' ? (result === 'plain' ? 'plain' : 'sent') : outcome.kind);
    switch (outcome.kind) {
      case 'sent': {
        await deps.delivery.afterSend(digestId, field, chat, outcome.messageId);
        if (part + 1 < parts!.length) {
          const next = deliverJob({ key: keyOf(job.data), kind: job.data.kind }, digestId, part + 1);
          // A private chat takes one message a second: the next part waits in the queue, not in a worker slot.
          const delay = job.data.kind === 'private' ? privateSpacingMs(deps) : 0;
          await deps.deliverQueue.add(next.name, next.data, delay > 0 ? { ...next.opts, delay } : next.opts);
        }
        return result;
      }
      case 'rate-limited':
        // Every process waits out retry_after (the budget refuses until then), and so does this queue; then this
        // same message is tried again. A rate-limited retry does not use up an attempt.
        await deps.budget.penalise(outcome.retryAfterMs, chatId);
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

/**
 * Waits for the token's budget. Short waits (the global window, a second's spacing) are slept through; a chat's
 * longer spacing delays the job; a penalty after a 429 pauses the whole queue, so no worker fetches jobs meanwhile.
 */
async function takeBudget(deps: DeliverDeps, job: Job<DeliverJobData>, token?: string): Promise<BudgetGrant> {
  const chat = { chatId: job.data.chatId, group: job.data.kind !== 'private' };
  for (;;) {
    const taken = await deps.budget.take(chat);
    if (taken.granted) return taken.grant;
    if (taken.waitMs <= SLEEP_WAIT_MS) {
      await new Promise((resolve) => setTimeout(resolve, taken.waitMs));
      continue;
    }
    if (taken.reason === 'penalty') {
      await deps.deliverQueue.rateLimit(taken.waitMs);
      throw Worker.RateLimitError();
    }
    await job.moveToDelayed(Date.now() + taken.waitMs, token);
    throw new DelayedError();
  }
}

function privateSpacingMs(deps: DeliverDeps): number {
  const limits = deps.budget.limits;
  return limits.privateIntervalMs + limits.chatMarginMs;
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
