import { DELIVER_QUEUE, DIGEST_QUEUE } from '../src/adapters/queue/queue-names.js';
import type { ChatKind } from '../src/core/chat/chat-settings.js';
import type { NormalisedStory } from '../src/core/types.js';

export { buildJobId, deliverJobId, storiesJobId } from '../src/adapters/queue/job-ids.js';
export type { BroadcastJobData, BuildJobData, DigestJobName } from '../src/adapters/queue/digest-requests.js';

/** Queue names: operators see these in the dashboard and metrics. */
export const QUEUE_NAMES = {
  poll: 'poll',
  stories: 'stories',
  maintenance: 'maintenance',
  /** Digest ticks, builds, instant batches and broadcasts (names shared with the bot, which adds builds). */
  digest: DIGEST_QUEUE,
  deliver: DELIVER_QUEUE,
} as const;

export interface PollJobData {
  feedId: string;
}

/** New stories of one poll; job data carries only public feed text, never secrets. */
export interface StoriesJobData {
  feedId: string;
  stories: NormalisedStory[];
}

export type MaintenanceJobName = 'sweep-feeds';

/**
 * At most one pending poll per feed. BullMQ deduplication (not a fixed job id) so that a finished poll kept in the
 * queue's history does not block the next one.
 */
export const pollJobOptions = (feedId: string) => ({ deduplication: { id: `poll-${feedId}` } });

/** How often the sweeper looks for due feeds. */
export const SWEEP_EVERY_MS = 5_000;
/** How many new stories go into one stories job. */
export const STORIES_BATCH = 50;

/** One message part for one chat; its text lives in the (shared) digest cache, not in the job. */
export interface DeliverJobData {
  /** Chat key id: `<chatId>` or `<chatId>:<threadId>`. */
  chat: string;
  chatId: number;
  threadId?: number;
  kind: ChatKind;
  digestId: string;
  part: number;
}

/** How often scheduled digests are looked for. */
export const DIGEST_TICK_MS = 60_000;
/** How often instant chats with queued stories are served. */
export const INSTANT_TICK_MS = 5_000;
