// One worker process for bench:ingest. Reports completed polls and stored stories to the parent over IPC,
// and its peak RSS when asked to stop.
import { pino } from 'pino';
import { buildWorker } from '../../jobs/worker-factory.js';
import { connectRedis } from '../../src/runtime/redis-connection.js';
import { loadConfig } from '../../src/config.js';
import { settingsFrom } from '../../src/settings.js';
import { createFeedFetcher } from '../../src/adapters/http/feed-fetcher.js';
import { trackPeakRss } from './stats.js';
import type { ProcessStoriesResult } from '../../jobs/processors/process-stories.js';

// concurrency: polls at once ('' for WORKER_CONCURRENCY's default, as production runs).
const [redisUrl = '', prefix = 'bench', concurrency = ''] = process.argv.slice(2);
const rss = trackPeakRss();
// connectRedis: a redis:// URL or a redis+cluster:// one (bench:cluster). As in production (worker-root), the
// stores' connection pipelines automatically.
const redis = connectRedis(redisUrl, 'bench-ingest-stores', undefined, { autoPipelining: true });
const connection = connectRedis(redisUrl, 'bench-ingest-queues');
const base = settingsFrom(loadConfig({})).worker;
const fetcher = createFeedFetcher({ allowPrivate: true, perHostConcurrency: 64 });
const { worker } = await buildWorker({
  connection,
  redis,
  redisPrefix: prefix,
  settings: { ...base, concurrency: Number(concurrency) || base.concurrency },
  fetcher,
  logger: pino({ level: process.env['BENCH_LOG'] ?? 'silent' }),
  sweep: false,
});
worker.workers.poll.on('completed', () => process.send?.({ polled: 1 }));
worker.workers.stories.on('completed', (_job, result: ProcessStoriesResult) =>
  process.send?.({
    stored: result.stored,
    batches: 1,
    rounds: result.rounds,
    conflicts: result.refused.conflict,
    stale: result.refused.stale + result.refused.blocked,
  }),
);
process.on('message', (message: { stop?: boolean; cpu?: boolean }) => {
  // CPU time (user + system, µs) so far, for the parent's CPU per item.
  if (message.cpu) {
    const { user, system } = process.cpuUsage();
    process.send?.({ cpuUs: user + system });
    return;
  }
  if (!message.stop) return;
  void (async () => {
    await worker.close();
    await fetcher.close();
    await Promise.all([redis.quit(), connection.quit()]);
    process.send?.({ peakRss: rss.stop() }, () => process.exit(0));
  })();
});
process.send?.({ ready: true });
