// Runs the local feed server in its own process, so the benchmark's memory figure is the worker's alone.
// Prints one JSON line with the feed URLs, then serves until killed.
import { etagOf, startFeedServer, withEtag } from '../../tools/feed-server/server.js';
import { rssDocument } from '../../tools/feed-server/rss-fixtures.js';
import { realisticItems } from '../../tools/feed-server/realistic-feeds.js';

const count = Number(process.argv[2] ?? 500);
const itemsPerFeed = Number(process.argv[3] ?? 50);
const server = await startFeedServer();
const now = Date.now();
const urls: string[] = [];
for (let n = 0; n < count; n += 1) {
  const { lang, items } = realisticItems(n, itemsPerFeed, now);
  const body = rssDocument(`Feed ${n}`, `https://outlet${n % 25}.example/`, lang, items);
  const path = `/bench/feed-${n}.xml`;
  server.route(path, withEtag(body, etagOf(body)));
  urls.push(server.url + path);
}
process.stdout.write(`${JSON.stringify({ urls })}\n`);
process.on('SIGTERM', () => {
  void server.close().then(() => process.exit(0));
});
