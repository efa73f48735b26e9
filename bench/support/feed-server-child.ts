// Runs the local feed server in its own process, so the benchmark's memory figure is the worker's alone.
// Prints one JSON line with the feed URLs, then serves until killed.
import { startFeedServer } from '../../tests/support/feed-server.js';

const count = Number(process.argv[2] ?? 500);
const items = Number(process.argv[3] ?? 50);
const server = await startFeedServer();
const urls = server.feeds(count, items);
process.stdout.write(`${JSON.stringify({ urls })}\n`);
process.on('SIGTERM', () => {
  void server.close().then(() => process.exit(0));
});
