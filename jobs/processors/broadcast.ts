import type { Job, Queue } from 'bullmq';
import { broadcastDigestId } from '../../src/adapters/queue/job-ids.js';
import type { ChatStore } from '../../src/adapters/redis/chat-store.js';
import type { DeliveryStore } from '../../src/adapters/redis/delivery-store.js';
import { splitMessages } from '../../src/core/render/split-messages.js';
import { cleanText, HtmlBlock } from '../../src/core/render/telegram-html.js';
import { LANGS, type Lang } from '../../src/core/types.js';
import type { BroadcastJobData, DeliverJobData } from '../queues.js';
import { deliverJob, enqueueDeliveries } from './enqueue-delivery.js';

export interface BroadcastDeps {
  chats: ChatStore;
  delivery: DeliveryStore;
  deliverQueue: Queue<DeliverJobData>;
}

/** Operator text as escaped HTML messages, split between paragraphs. */
export function renderBroadcast(text: string): string[] {
  const blocks = text
    .split(/\n{2,}/)
    .map((paragraph) => new HtmlBlock().plain(cleanText(paragraph.replace(/\n/g, ' '), 4000)));
  return splitMessages(blocks);
}

/** Queues an operator broadcast to every active chat, in the chat's language (or the only one given). */
export function createBroadcastProcessor(deps: BroadcastDeps) {
  return async (job: Job<BroadcastJobData>): Promise<{ queued: number }> => {
    const { id, texts } = job.data;
    const available = LANGS.filter((lang) => texts[lang] !== undefined);
    if (available.length === 0) return { queued: 0 };
    for (const lang of available) {
      await deps.delivery.putDigest(broadcastDigestId(id, lang), {
        parts: renderBroadcast(texts[lang] as string),
      });
    }
    let queued = 0;
    for await (const batch of deps.chats.listActive(1000)) {
      const jobs = batch.map((settings) => {
        const lang: Lang = texts[settings.lang] !== undefined ? settings.lang : (available[0] as Lang);
        return deliverJob(settings, broadcastDigestId(id, lang));
      });
      await enqueueDeliveries(deps.deliverQueue, jobs);
      queued += jobs.length;
    }
    return { queued };
  };
}
