import { Queue, type ConnectionOptions } from 'bullmq';
import type { RedisClient } from '../redis/redis-client.js';
import { chatKeyId, type ChatKey } from '../../core/chat/chat-settings.js';
import { broadcastJobId } from './job-ids.js';
import type { Lang } from '../../core/types.js';
import { JOB_OPTIONS } from './job-options.js';
import { DIGEST_QUEUE } from './queue-names.js';

export { DELIVER_QUEUE, DIGEST_QUEUE } from './queue-names.js';

export interface BuildJobData {
  /** Chat key ids (`<chatId>` or `<chatId>:<threadId>`). */
  chats: string[];
  /** The tick or request time: window end and next-due base. */
  at: number;
  reason: 'schedule' | 'manual';
}

export interface BroadcastJobData {
  id: string;
  texts: Partial<Record<Lang, string>>;
  by: number;
}

export type DigestJobName = 'tick' | 'build' | 'instant-tick' | 'broadcast';

export interface DigestRequests {
  /** `/digest`: build and send this chat's digest now (or tell it nothing is new). */
  requestDigest(key: ChatKey): Promise<void>;
  /** Operator broadcast to every active chat in its language; returns the broadcast id. */
  broadcast(texts: Partial<Record<Lang, string>>, by: number): Promise<string>;
  close(): Promise<void>;
}

/** The bot's side of the digest queue. */
export function createDigestRequests(
  connection: RedisClient,
  bullPrefix: (queue: string) => string,
  now = Date.now,
): DigestRequests {
  const queue = new Queue(DIGEST_QUEUE, {
    connection: connection as unknown as ConnectionOptions,
    prefix: bullPrefix(DIGEST_QUEUE),
    // The worker's own digest options: a /digest build retries like a scheduled one.
    defaultJobOptions: JOB_OPTIONS.digest,
  });
  return {
    async requestDigest(key) {
      const data: BuildJobData = { chats: [chatKeyId(key)], at: now(), reason: 'manual' };
      await queue.add('build', data);
    },
    async broadcast(texts, by) {
      const id = `${now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`;
      const data: BroadcastJobData = { id, texts, by };
      await queue.add('broadcast', data, { jobId: broadcastJobId(id) });
      return id;
    },
    close: () => queue.close(),
  };
}
