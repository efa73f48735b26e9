// One worker process for the clustering race: the production worker (buildWorker), stories queue only in use.
// Argv: redisUrl prefix. Tells the parent when it is ready; stops on { stop: true }.
import { Redis } from 'ioredis';
import { pino } from 'pino';
import { buildWorker } from '../../jobs/worker-factory.js';
import { createFeedFetcher } from '../../src/adapters/http/feed-fetcher.js';
import { loadConfig } from '../../src/config.js';
import { settingsFrom } from '../../src/settings.js';

const [redisUrl = '', prefix = 'race'] = process.argv.slice(2);
const redis = new Redis(redisUrl, { maxRetriesPerRequest: null });
const connection = new Redis(redisUrl, { maxRetriesPerRequest: null });
const fetcher = createFeedFetcher({ allowPrivate: true });
const { worker } = await buildWorker({
  connection,
  redis,
  redisPrefix: prefix,
  settings: settingsFrom(loadConfig({})).worker,
  fetcher,
  logger: pino({ level: 'silent' }),
  sweep: false,
});
process.on('message', (message: { stop?: boolean }) => {
  if (!message.stop) return;
  void (async () => {
    await worker.close();
    await fetcher.close();
    await Promise.all([redis.quit(), connection.quit()]);
    process.exit(0);
  })();
});
process.send?.({ ready: true });
