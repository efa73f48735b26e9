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

/** Deterministic ids: at most one pending poll per feed, and a retried poll never queues a batch twice. */
export const pollJobId = (feedId: string): string => `poll-${feedId}`;
export const storiesJobId = (feedId: string, firstStoryId: string, count: number): string =>
  `stories-${feedId}-${firstStoryId}-${count}`;

/** How often the sweeper looks for due feeds. */
export const SWEEP_EVERY_MS = 5_000;
/** How many new stories go into one stories job. */
export const STORIES_BATCH = 50;
