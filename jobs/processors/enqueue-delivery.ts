import type { Queue } from 'bullmq';
import { chatKeyId, type ChatSettings } from '../../src/core/chat/chat-settings.js';
import { deliverJobId, type DeliverJobData } from '../queues.js';

/** The first part of a digest for a chat; each part queues the next after it is sent, so parts stay in order. */
export function deliverJob(settings: Pick<ChatSettings, 'key' | 'kind'>, digestId: string, part = 0) {
  const chat = chatKeyId(settings.key);
  const data: DeliverJobData = {
    chat,
    chatId: settings.key.chatId,
    ...(settings.key.threadId !== undefined ? { threadId: settings.key.threadId } : {}),
    kind: settings.kind,
    digestId,
    part,
  };
  return { name: 'deliver', data, opts: { jobId: deliverJobId(chat, digestId, part) } };
}

export async function enqueueDeliveries(
  queue: Queue<DeliverJobData>,
  jobs: ReturnType<typeof deliverJob>[],
): Promise<void> {
  for (let i = 0; i < jobs.length; i += 1000) await queue.addBulk(jobs.slice(i, i + 1000));
}
