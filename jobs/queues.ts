import type { NormalisedStory } from '../src/core/types.js';

/** Queue names: operators see these in the dashboard and metrics. */
export const QUEUE_NAMES = {
  poll: 'poll',
  stories: 'stories',
  maintenance: 'maintenance',
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
/** A deterministic id: a retried poll never queues the same batch twice. */
export const storiesJobId = (feedId: string, firstStoryId: string, count: number): string =>
  `stories-${feedId}-${firstStoryId}-${count}`;

/** How often the sweeper looks for due feeds. */
export const SWEEP_EVERY_MS = 5_000;
/** How many new stories go into one stories job. */
export const STORIES_BATCH = 50;
