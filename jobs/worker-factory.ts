import { Queue, UnrecoverableError, Worker, type ConnectionOptions, type Job } from 'bullmq';
import type { RedisClient } from '../src/adapters/redis/redis-client.js';
import { JOB_OPTIONS } from '../src/adapters/queue/job-options.js';
import { createFeedFetcher, type FeedFetcher } from '../src/adapters/http/feed-fetcher.js';
import { FeedStore } from '../src/adapters/redis/feed-store.js';
import type { ChatStore } from '../src/adapters/redis/chat-store.js';
import { DeliveryStore } from '../src/adapters/redis/delivery-store.js';
import { seedDeliveryIndex, withDeliveryIndex } from '../src/adapters/redis/indexed-chat-store.js';
import { createKeys, type Keys } from '../src/adapters/redis/keys.js';
import { OutgoingBudget } from '../src/adapters/redis/outgoing-budget.js';
import type { TelegramSender } from '../src/adapters/telegram/sender.js';
import type { TopicDefinition } from '../src/core/types.js';
import { SeenStore } from '../src/adapters/redis/seen-store.js';
import { StoryStore } from '../src/adapters/redis/story-store.js';
import type { Logger } from '../src/logger.js';
import { buildTopics } from '../src/services/build-topics.js';
import type { WorkerSettings } from '../src/settings.js';
import { createBroadcastProcessor } from './processors/broadcast.js';
import { createBuildDigestProcessor } from './processors/build-digest.js';
import { createDeliverProcessor, type DeliverDeps } from './processors/deliver.js';
import {
  createInstantTickProcessor,
  runInstantConsumer,
  type InstantDeps,
} from './processors/instant-digests.js';
import {
  handleBreakingStories,
  runBreakingConsumer,
  type BreakingDeps,
  type BreakingResult,
} from './processors/breaking-news.js';
import { BreakingStore } from '../src/adapters/redis/breaking-store.js';
import { createPollFeedProcessor } from './processors/poll-feed.js';
import { createScheduleDigestsProcessor, type TickResult } from './processors/schedule-digests.js';
import { createProcessStoriesProcessor, type ProcessStoriesDeps } from './processors/process-stories.js';
import { createSweepFeedsProcessor } from './processors/sweep-feeds.js';
import {
  DIGEST_TICK_MS,
  INSTANT_TICK_MS,
  QUEUE_NAMES,
  SWEEP_EVERY_MS,
  type BroadcastJobData,
  type BuildJobData,
  type DeliverJobData,
  type PollJobData,
  type StoriesJobData,
} from './queues.js';

/** Digests and delivery; without it the worker only ingests (no token, or tests of ingestion). */
export interface DeliveryDeps {
  chats: ChatStore;
  topics: () => readonly TopicDefinition[];
  sender: TelegramSender;
  /** Told each delivery outcome (for /stats and /metrics). */
  onOutcome?: DeliverDeps['onOutcome'];
  /** Told how many chats' digest builds a tick could not queue (for /metrics). */
  onQueueFailure?: (chats: number) => void;
  /** Told of each job given up on for good, after it was put on the dead-letter list (for /metrics). */
  onDeadLetter?: (queue: string) => void;
}

/** Switches tests and benchmarks turn off to drive the worker themselves; all on in production. */
export interface WorkerSwitches {
  /** The periodic feed sweep. */
  sweep?: boolean;
  /** The digest and instant ticks. */
  schedule?: boolean;
  /** Consuming new-story events for instant chats. */
  instant?: boolean;
  /** Consuming new-story events for breaking news. */
  breaking?: boolean;
}

interface WorkerDeps extends WorkerSwitches {
  /** Connection for BullMQ; it must have `maxRetriesPerRequest: null`. BullMQ duplicates it for blocking calls. */
  connection: RedisClient;
  /** Connection for the stores. */
  redis: RedisClient;
  keys: Keys;
  settings: WorkerSettings;
  feeds: FeedStore;
  seen: SeenStore;
  stories: StoryStore;
  fetcher: FeedFetcher;
  classify: ProcessStoriesDeps['classify'];
  logger: Logger;
  now: () => number;
  delivery?: DeliveryDeps;
}

export interface RunningDelivery {
  queues: { digest: Queue; deliver: Queue<DeliverJobData> };
  workers: { digest: Worker; deliver: Worker<DeliverJobData> };
  store: DeliveryStore;
  budget: OutgoingBudget;
  /** The chat store wrapped so settings changes keep the due index current. */
  chats: ChatStore;
  /** Runs one scheduling tick now (tests, benchmark). */
  tick(): Promise<TickResult>;
  instantTick(): Promise<{ sent: number }>;
  breaking: BreakingStore;
  /** Handles new stories for breaking news now, as the consumer does (tests, demo). */
  breakingStories(storyIds: string[]): Promise<BreakingResult>;
}

export interface RunningWorker {
  queues: { poll: Queue<PollJobData>; stories: Queue<StoriesJobData>; maintenance: Queue };
  workers: { poll: Worker<PollJobData>; stories: Worker<StoriesJobData>; maintenance: Worker };
  delivery?: RunningDelivery;
  close(): Promise<void>;
}

/** Queues, processors and schedules from ready-made stores. Several workers can run on one Redis. */
async function startWorker(deps: WorkerDeps): Promise<RunningWorker> {
  const { now, settings } = deps;
  const connection = deps.connection as unknown as ConnectionOptions;
  const prefix = deps.keys.bullPrefix;
  const logger = deps.logger.child({ component: 'worker' });

  const pollQueue = new Queue<PollJobData>(QUEUE_NAMES.poll, {
    connection,
    prefix: prefix(QUEUE_NAMES.poll),
    defaultJobOptions: JOB_OPTIONS.poll,
  });
  const storiesQueue = new Queue<StoriesJobData>(QUEUE_NAMES.stories, {
    connection,
    prefix: prefix(QUEUE_NAMES.stories),
    defaultJobOptions: JOB_OPTIONS.stories,
  });
  const maintenanceQueue = new Queue(QUEUE_NAMES.maintenance, {
    connection,
    prefix: prefix(QUEUE_NAMES.maintenance),
    defaultJobOptions: JOB_OPTIONS.maintenance,
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
      maxAgeMs: settings.retentionMs,
    }),
    { connection, prefix: prefix(QUEUE_NAMES.poll), concurrency: settings.concurrency },
  );
  const storiesWorker = new Worker<StoriesJobData>(
    QUEUE_NAMES.stories,
    createProcessStoriesProcessor({
      stories: deps.stories,
      redis: deps.redis,
      keys: deps.keys,
      classify: deps.classify,
      now,
      logger,
    }),
    { connection, prefix: prefix(QUEUE_NAMES.stories), concurrency: 4 },
  );
  const maintenanceWorker = new Worker(
    QUEUE_NAMES.maintenance,
    createSweepFeedsProcessor({ feeds: deps.feeds, pollQueue, now }),
    { connection, prefix: prefix(QUEUE_NAMES.maintenance), concurrency: 1 },
  );

  const delivery = deps.delivery ? await startDelivery(deps, deps.delivery, logger) : undefined;

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
    // The scheduler's first run waits up to SWEEP_EVERY_MS; one sweep now polls what is already due at start
    // (a restart, a deploy). The fixed id makes workers starting together queue it once.
    await maintenanceQueue.add('sweep-feeds', {}, { jobId: 'sweep-feeds-at-start', removeOnFail: true });
  }
  logger.info({ concurrency: settings.concurrency }, 'worker started');

  return {
    queues: { poll: pollQueue, stories: storiesQueue, maintenance: maintenanceQueue },
    workers: { poll: pollWorker, stories: storiesWorker, maintenance: maintenanceWorker },
    ...(delivery ? { delivery: delivery.running } : {}),
    async close() {
      // BullMQ's order: workers finish or hand back their active jobs first, then queues close.
      await Promise.all([
        pollWorker.close(),
        storiesWorker.close(),
        maintenanceWorker.close(),
        delivery?.stop(),
      ]);
      await Promise.all([pollQueue.close(), storiesQueue.close(), maintenanceQueue.close()]);
      await delivery?.closeQueues();
    },
  };
}

/** BullMQ emits 'failed' for every failed attempt; only the last one (or an unrecoverable one) is final. */
function isFinalFailure(job: Job, error: Error): boolean {
  return error instanceof UnrecoverableError || job.attemptsMade >= (job.opts.attempts ?? 1);
}

/** A job given up on goes to the dead-letter list with its chats and reason; a tick itself names no chats. */
async function deadLetter(store: DeliveryStore, queue: string, job: Job, error: Error, at: number) {
  const data = job.data as Partial<BuildJobData & DeliverJobData>;
  const chats = Array.isArray(data.chats) ? data.chats : typeof data.chat === 'string' ? [data.chat] : [];
  await store.addDeadLetter({
    queue,
    name: job.name,
    ...(job.id ? { jobId: job.id } : {}),
    chats,
    reason: `${error.name}: ${error.message}`,
    at,
  });
}

async function startDelivery(deps: WorkerDeps, options: DeliveryDeps, logger: WorkerDeps['logger']) {
  const { now } = deps;
  const settings = deps.settings.delivery;
  const connection = deps.connection as unknown as ConnectionOptions;
  const prefix = deps.keys.bullPrefix;
  const store = new DeliveryStore(deps.redis, deps.keys);
  const chats = withDeliveryIndex(options.chats, store, now);
  const { sender } = options;
  const { limits } = settings;
  const budget = new OutgoingBudget(deps.redis, deps.keys, {
    ...settings.budget,
    perSecond: settings.ratePerSecond,
  });
  /*
   * A job whose worker died is taken again after its lock runs out. It is re-run, never failed for stalling, short
   * of a job that kills every worker that takes it: the ledger makes a re-run safe (see the deliver processor).
   */
  const stalling = { lockDuration: settings.lockMs, stalledInterval: settings.lockMs, maxStalledCount: 20 };

  const digestQueue = new Queue(QUEUE_NAMES.digest, {
    connection,
    prefix: prefix(QUEUE_NAMES.digest),
    defaultJobOptions: JOB_OPTIONS.digest,
  });
  const deliverQueue = new Queue<DeliverJobData>(QUEUE_NAMES.deliver, {
    connection,
    prefix: prefix(QUEUE_NAMES.deliver),
    defaultJobOptions: settings.retry
      ? {
          ...JOB_OPTIONS.deliver,
          attempts: settings.retry.attempts,
          backoff: { type: 'exponential', delay: settings.retry.backoffMs },
        }
      : JOB_OPTIONS.deliver,
  });
  const instantDeps: InstantDeps = {
    redis: deps.redis,
    keys: deps.keys,
    chats,
    delivery: store,
    stories: deps.stories,
    topics: options.topics,
    deliverQueue,
    limits,
    logger,
    now,
  };
  const tick = createScheduleDigestsProcessor({
    delivery: store,
    digestQueue,
    logger,
    now,
    ...(options.onQueueFailure ? { onQueueFailure: options.onQueueFailure } : {}),
  });
  const build = createBuildDigestProcessor({ ...instantDeps, limits });
  const instantTick = createInstantTickProcessor(instantDeps);
  const broadcast = createBroadcastProcessor({ chats, delivery: store, deliverQueue });
  const digestWorker = new Worker(
    QUEUE_NAMES.digest,
    async (job: Job) => {
      switch (job.name) {
        case 'tick':
          return tick(job);
        case 'instant-tick':
          return instantTick();
        case 'broadcast':
          return broadcast(job as Job<BroadcastJobData>);
        default:
          return build(job as Job<BuildJobData>);
      }
    },
    { connection, prefix: prefix(QUEUE_NAMES.digest), concurrency: 4, ...stalling },
  );
  const rate = settings.ratePerSecond;
  const deliverWorker = new Worker<DeliverJobData>(
    QUEUE_NAMES.deliver,
    createDeliverProcessor({
      sender,
      delivery: store,
      chats,
      deliverQueue,
      logger,
      now,
      budget,
      paidBroadcast: settings.paidBroadcast,
      ...(options.onOutcome ? { onOutcome: options.onOutcome } : {}),
    }),
    {
      connection,
      prefix: prefix(QUEUE_NAMES.deliver),
      concurrency: settings.concurrency,
      ...stalling,
      /*
       * Pacing is the shared budget's (sliding windows in Redis, counted with the bot's replies). BullMQ's limiter is
       * only a loose ceiling on fetching here, and what makes queue.rateLimit work: during a 429 penalty no worker
       * on this Redis takes deliver jobs at all.
       */
      limiter: { max: rate * 2, duration: 1000 },
    },
  );
  for (const worker of [digestWorker, deliverWorker] as Worker[]) {
    worker.on('error', (error) => logger.error({ err: error, queue: worker.name }, 'worker error'));
    worker.on('stalled', (jobId) =>
      logger.warn({ queue: worker.name, jobId }, 'job stalled (its worker died or froze); running it again'),
    );
    worker.on('failed', (job, error) => {
      logger.warn(
        { err: error, queue: worker.name, jobId: job?.id, attempts: job?.attemptsMade },
        'job failed',
      );
      if (job && isFinalFailure(job, error)) {
        void deadLetter(store, worker.name, job, error, now())
          .then(() => options.onDeadLetter?.(worker.name))
          .catch((err: unknown) => logger.error({ err, jobId: job.id }, 'dead letter not recorded'));
      }
    });
  }

  const seeded = await seedDeliveryIndex(options.chats, store, now());
  if (seeded > 0) logger.info({ seeded }, 'due index seeded');
  if (deps.schedule !== false) {
    await digestQueue.upsertJobScheduler('digest-tick', { every: DIGEST_TICK_MS }, { name: 'tick' });
    await digestQueue.upsertJobScheduler(
      'instant-tick',
      { every: INSTANT_TICK_MS },
      { name: 'instant-tick' },
    );
  }
  const breaking = new BreakingStore(deps.redis, deps.keys, settings.breaking);
  const breakingDeps: BreakingDeps = { ...instantDeps, breaking };
  const consumerAbort = new AbortController();
  const consumerName = `c-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
  const breakingConsumer =
    deps.breaking === false
      ? undefined
      : runBreakingConsumer(breakingDeps, consumerName, consumerAbort.signal).catch((error: unknown) =>
          logger.error({ err: error }, 'breaking consumer stopped'),
        );
  const consumer =
    deps.instant === false
      ? undefined
      : runInstantConsumer(
          instantDeps,
          `c-${process.pid}-${Math.random().toString(36).slice(2, 8)}`,
          consumerAbort.signal,
        ).catch((error: unknown) => logger.error({ err: error }, 'instant consumer stopped'));

  const running: RunningDelivery = {
    queues: { digest: digestQueue, deliver: deliverQueue },
    workers: { digest: digestWorker, deliver: deliverWorker },
    store,
    budget,
    chats,
    tick: () => tick(),
    instantTick,
    breaking,
    breakingStories: (ids) => handleBreakingStories(breakingDeps, ids),
  };
  return {
    running,
    async stop() {
      consumerAbort.abort();
      await Promise.all([digestWorker.close(), deliverWorker.close(), consumer, breakingConsumer]);
    },
    async closeQueues() {
      await Promise.all([digestQueue.close(), deliverQueue.close()]);
    },
  };
}

/** What the factory is given; everything else it builds from the settings. */
export interface WorkerParts extends WorkerSwitches {
  /** BullMQ's connection (`maxRetriesPerRequest: null`) and the stores' connection. */
  connection: RedisClient;
  redis: RedisClient;
  redisPrefix: string;
  settings: WorkerSettings;
  logger: Logger;
  now?: () => number;
  /** Default: a fetcher with the poller's guards and `settings.allowPrivateFeeds`. */
  fetcher?: FeedFetcher;
  /** Default: the built-in topics. */
  classify?: ProcessStoriesDeps['classify'];
  delivery?: DeliveryDeps;
}

export interface BuiltWorker {
  worker: RunningWorker;
  keys: Keys;
  feeds: FeedStore;
  seen: SeenStore;
  stories: StoryStore;
  fetcher: FeedFetcher;
  /** Closes the worker, and the fetcher when the factory made it. */
  close(): Promise<void>;
}

/**
 * The one way to build a worker: the worker root, the test harnesses and the benchmarks all come through here, so
 * the stores are wired the same everywhere.
 */
export async function buildWorker(parts: WorkerParts): Promise<BuiltWorker> {
  const { redis, settings } = parts;
  const keys = createKeys(parts.redisPrefix);
  const feeds = new FeedStore(redis, keys);
  const seen = new SeenStore(redis, keys, settings.retentionMs);
  const stories = new StoryStore(redis, keys, {
    retentionMs: settings.retentionMs,
    clusterWindowMs: settings.clusterWindowMs,
  });
  const ownFetcher = parts.fetcher === undefined;
  const fetcher = parts.fetcher ?? createFeedFetcher({ allowPrivate: settings.allowPrivateFeeds });
  const worker = await startWorker({
    connection: parts.connection,
    redis,
    keys,
    settings,
    feeds,
    seen,
    stories,
    fetcher,
    classify: parts.classify ?? buildTopics({}).classify,
    logger: parts.logger,
    now: parts.now ?? Date.now,
    ...(parts.sweep !== undefined ? { sweep: parts.sweep } : {}),
    ...(parts.schedule !== undefined ? { schedule: parts.schedule } : {}),
    ...(parts.instant !== undefined ? { instant: parts.instant } : {}),
    ...(parts.breaking !== undefined ? { breaking: parts.breaking } : {}),
    ...(parts.delivery ? { delivery: parts.delivery } : {}),
  });
  return {
    worker,
    keys,
    feeds,
    seen,
    stories,
    fetcher,
    async close() {
      await worker.close();
      if (ownFetcher) await fetcher.close();
    },
  };
}
