import type { RedisClient } from '../adapters/redis/redis-client.js';
import { collectDefaultMetrics, Counter, Gauge, Registry } from 'prom-client';
import type { Keys } from '../adapters/redis/keys.js';
import { parseNewStoryEvent } from '../adapters/redis/story-events.js';

/**
 * The process's metrics. Counters count what this process did (polls by this worker, messages sent by this
 * process); queue depths and stories ingested are read from Redis at scrape time and cover every process.
 */
export interface Metrics {
  registry: Registry;
  feedPolls: Counter<'outcome'>;
  feedFailures: Counter<'reason' | 'feed'>;
  storiesIngested: Counter<'lang'>;
  digestsBuilt: Counter;
  messagesSent: Counter;
  messagesFailed: Counter<'reason'>;
  telegram429: Counter;
  digestQueueFailures: Counter;
  deadLetters: Counter<'queue'>;
  /** The dead-letter list's length in Redis (every process's), read at scrape time. */
  deadLettersKept: Gauge;
}

/** A fresh registry per call (no prom-client globals), so tests and several roots in one process never collide. */
export function createMetrics(options: { defaults?: boolean } = {}): Metrics {
  const registry = new Registry();
  if (options.defaults !== false) collectDefaultMetrics({ register: registry });
  const counter = <L extends string>(name: string, help: string, labelNames: L[] = []) =>
    new Counter<L>({ name, help, labelNames, registers: [registry] });
  return {
    registry,
    feedPolls: counter(
      'newsdigest_feed_polls_total',
      'Feed polls by outcome (fetched, not-modified, failed, skipped)',
      ['outcome'],
    ),
    // Feeds are tens, not thousands, so a feed label is a bounded set.
    feedFailures: counter(
      'newsdigest_feed_poll_failures_total',
      'Failed feed polls by error code and feed id',
      ['reason', 'feed'],
    ),
    storiesIngested: counter(
      'newsdigest_stories_ingested_total',
      'Stories stored since this process started (all workers), by language',
      ['lang'],
    ),
    digestsBuilt: counter('newsdigest_digests_built_total', 'Digests built'),
    messagesSent: counter('newsdigest_messages_sent_total', 'Telegram messages sent'),
    messagesFailed: counter('newsdigest_messages_failed_total', 'Telegram sends that failed, by reason', [
      'reason',
    ]),
    telegram429: counter('newsdigest_telegram_429_total', 'Telegram 429 (flood wait) answers'),
    digestQueueFailures: counter(
      'newsdigest_digest_queue_failures_total',
      'Chats whose scheduled digest build could not be queued (they come due again after the lease)',
    ),
    deadLetters: counter('newsdigest_dead_letters_total', 'Jobs given up on for good, by queue', ['queue']),
    deadLettersKept: new Gauge({
      name: 'newsdigest_dead_letters',
      help: 'Work given up on for good, kept for operators (the dead-letter list in Redis)',
      registers: [registry],
    }),
  };
}

/**
 * Follows the new-stories stream from where it stood when this process started and counts stories by language.
 * Called before each scrape, so the count needs no hook inside the stories processor.
 */
export function createStoriesTail(redis: RedisClient, keys: Keys, metrics: Metrics) {
  let lastId: string | undefined;
  return async (): Promise<void> => {
    const stream = keys.newStories();
    if (lastId === undefined) {
      const [newest] = await redis.xrevrange(stream, '+', '-', 'COUNT', 1);
      lastId = newest?.[0] ?? '0-0';
      return;
    }
    for (let round = 0; round < 20; round += 1) {
      const entries: [string, string[]][] = await redis.xrange(stream, `(${lastId}`, '+', 'COUNT', 1000);
      for (const [id, fields] of entries) {
        lastId = id;
        const { lang } = parseNewStoryEvent(fields);
        if (lang === 'uk' || lang === 'ru') metrics.storiesIngested.inc({ lang });
      }
      if (entries.length < 1000) return;
    }
  };
}
