import { Queue, Worker, type ConnectionOptions } from 'bullmq';
import type { Redis } from 'ioredis';
import type { FeedFetcher } from '../src/adapters/http/feed-fetcher.js';
import type { FeedStore } from '../src/adapters/redis/feed-store.js';
import type { Keys } from '../src/adapters/redis/keys.js';
import type { SeenStore } from '../src/adapters/redis/seen-store.js';
import type { StoryStore } from '../src/adapters/redis/story-store.js';
import type { Logger } from '../src/logger.js';
import { createPollFeedProcessor } from './processors/poll-feed.js';
import { createProcessStoriesProcessor, type ProcessStoriesDeps } from './processors/process-stories.js';
import { createSweepFeedsProcessor } from './processors/sweep-feeds.js';
import { QUEUE_NAMES, SWEEP_EVERY_MS, type PollJobData, type StoriesJobData } from './queues.js';

export interface WorkerDeps {
  /** Connection for BullMQ; it must have `maxRetriesPerRequest: null`. BullMQ duplicates it for blocking calls. */
  connection: Redis;
  /** Connection for the stores. */
  redis: Redis;
  keys: Keys;
  feeds: FeedStore;
  seen: SeenStore;
  stories: StoryStore;
  fetcher: FeedFetcher;
  classify: ProcessStoriesDeps['classify'];
  logger: Logger;
  now?: () => number;
  concurrency?: number;
  /** Tests turn the periodic sweep off and drive polls themselves. */
  sweep?: boolean;
}

export interface RunningWorker {
  queues: { poll: Queue<PollJobData>; stories: Queue<StoriesJobData>; maintenance: Queue };
  workers: { poll: Worker<PollJobData>; stories: Worker<StoriesJobData>; maintenance: Worker };
  close(): Promise<void>;
}

// Finished jobs are removed so Redis does not grow with history; a few failures are kept for operators.
const CLEANUP = { removeOnComplete: { count: 100 }, removeOnFail: { count: 500 } };

/** The worker composition root: queues, processors and the sweeper schedule. Several can run on one Redis. */
export async function startWorker(deps: WorkerDeps): Promise<RunningWorker> {
  const now = deps.now ?? Date.now;
  const connection = deps.connection as unknown as ConnectionOptions;
  const prefix = deps.keys.bullPrefix();
  const logger = deps.logger.child({ component: 'worker' });

  const pollQueue = new Queue<PollJobData>(QUEUE_NAMES.poll, {
    connection,
    prefix,
    defaultJobOptions: { ...CLEANUP, attempts: 3, backoff: { type: 'exponential', delay: 2_000 } },
  });
  const storiesQueue = new Queue<StoriesJobData>(QUEUE_NAMES.stories, {
    connection,
    prefix,
    defaultJobOptions: { ...CLEANUP, attempts: 10, backoff: { type: 'exponential', delay: 1_000 } },
  });
  const maintenanceQueue = new Queue(QUEUE_NAMES.maintenance, {
    connection,
    prefix,
    defaultJobOptions: { removeOnComplete: true, removeOnFail: { count: 50 } },
  });

  const pollWorker = new Worker<PollJobData>(
    QUEUE_NAMES.poll,
    createPollFeedProcessor({
      feeds: deps.feeds,
      seen: deps.seen,
      fetcher: deps.fetcher,
      storiesQueue,
      logger,
      now,
    }),
    { connection, prefix, concurrency: deps.concurrency ?? 8 },
  );
  const storiesWorker = new Worker<StoriesJobData>(
    QUEUE_NAMES.stories,
    createProcessStoriesProcessor({
      stories: deps.stories,
      redis: deps.redis,
      keys: deps.keys,
      classify: deps.classify,
      now,
    }),
    { connection, prefix, concurrency: 4 },
  );
  const maintenanceWorker = new Worker(
    QUEUE_NAMES.maintenance,
    createSweepFeedsProcessor({ feeds: deps.feeds, pollQueue, now }),
    { connection, prefix, concurrency: 1 },
  );

  for (const worker of [pollWorker, storiesWorker, maintenanceWorker]) {
    // Without an error listener a Redis hiccup would be an unhandled 'error' event and end the process.
    worker.on('error', (error) => logger.error({ err: error, queue: worker.name }, 'worker error'));
    worker.on('failed', (job, error) =>
      logger.warn(
        { err: error, queue: worker.name, jobId: job?.id, attempts: job?.attemptsMade },
        'job failed',
      ),
    );
  }

  if (deps.sweep !== false) {
    await maintenanceQueue.upsertJobScheduler(
      'sweep-feeds',
      { every: SWEEP_EVERY_MS },
      { name: 'sweep-feeds' },
    );
  }
  logger.info({ concurrency: deps.concurrency ?? 8 }, 'worker started');

  return {
    queues: { poll: pollQueue, stories: storiesQueue, maintenance: maintenanceQueue },
    workers: { poll: pollWorker, stories: storiesWorker, maintenance: maintenanceWorker },
    async close() {
      // BullMQ's order: workers finish or hand back their active jobs first, then queues close.
      await Promise.all([pollWorker.close(), storiesWorker.close(), maintenanceWorker.close()]);
      await Promise.all([pollQueue.close(), storiesQueue.close(), maintenanceQueue.close()]);
    },
  };
}
