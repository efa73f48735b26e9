// npm run soak -- --minutes N (not in CI). 500 feeds that change every minute, 2,000 chats (a quarter instant, the
// rest on digests every 10 minutes at staggered times) served by two real worker processes. After a warm-up
// third, RSS of each worker, Redis memory and key count should stay flat: prints the slope of each per hour.
import { execFileSync } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { writeFileSync } from 'node:fs';
import { chatKeyId, defaultChatSettings, type ChatSettings } from '../../src/core/chat/chat-settings.js';
import { DeliveryStore } from '../../src/adapters/redis/delivery-store.js';
import { startChaosWorld } from './support/chaos-world.js';

const at = process.argv.indexOf('--minutes');
const MINUTES = Number(at === -1 ? 10 : process.argv[at + 1]);
const FEEDS = Number(process.env['SOAK_FEEDS'] ?? 500);
const CHATS = Number(process.env['SOAK_CHATS'] ?? 2_000);
const SAMPLE_MS = 30_000;

const minute = () => Math.floor(Date.now() / 60_000);
const feed = (i: number) => {
  const items = Array.from({ length: 5 }, (_, k) => {
    const m = minute() - k;
    return `<item><title>Новина ${i} хвилини ${m}: уряд ухвалив рішення</title><link>http://s${i}/${m}</link><guid>s${i}-${m}</guid><description>Опис новини ${i} ${m}.</description><pubDate>${new Date(m * 60_000).toUTCString()}</pubDate></item>`;
  }).join('');
  return `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>s${i}</title><link>http://s${i}/</link>${items}</channel></rss>`;
};
const server = createServer((req, res) => {
  const i = Number(/^\/s\/(\d+)\.xml$/.exec(req.url ?? '')?.[1] ?? NaN);
  if (!Number.isInteger(i)) return void res.writeHead(404).end();
  res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(feed(i));
});
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

const world = await startChaosWorld();
const feedsFile = `${world.dir}/soak-feeds.yaml`;
writeFileSync(
  feedsFile,
  `feeds:\n${Array.from({ length: FEEDS }, (_, i) => `  - { url: ${base}/s/${i}.xml, lang: ${i % 3 ? 'uk' : 'ru'}, name: S${i}, interval: 1m }`).join('\n')}\n`,
);
const delivery = new DeliveryStore(world.client, world.keys);
const now = Date.now();
for (let i = 0; i < CHATS; i += 1) {
  const chatId = 40_000_000 + i;
  world.api.privateChat(world.api.addUser({ id: chatId }));
  const times = Array.from({ length: 144 }, (_, k) => {
    const total = k * 10 + (i % 10);
    return `${String(Math.floor(total / 60)).padStart(2, '0')}:${String(total % 60).padStart(2, '0')}`;
  });
  const settings: ChatSettings = {
    ...defaultChatSettings({ chatId }, 'private', i % 3 ? 'uk' : 'ru', 'Europe/Kyiv', now),
    topics: ['politics', 'economy', 'war'],
    allowOtherLang: true,
    schedule: i % 4 === 0 ? { kind: 'instant' } : { kind: 'times', times },
  };
  await world.chats.save(settings);
  if (i % 4 === 0) await delivery.setInstant(chatKeyId(settings.key), true);
}
const workers = [1, 2].map((n) =>
  world.spawn('worker', `soak-worker-${n}`, {
    FEEDS_FILE: feedsFile,
    JOB_LOCK_MS: '30000',
    SEND_TIMEOUT_MS: '30000',
  }),
);

const rssMb = (pid: number | undefined) =>
  pid === undefined
    ? NaN
    : Number(
        execFileSync('ps', ['-o', 'rss=', '-p', String(pid)])
          .toString()
          .trim(),
      ) / 1024;
const samples: { t: number; rss: number[]; redisMb: number; keys: number; sent: number }[] = [];
const started = Date.now();
while (Date.now() - started < MINUTES * 60_000) {
  await new Promise((resolve) => setTimeout(resolve, SAMPLE_MS));
  const info = await world.client.info('memory');
  const sample = {
    t: (Date.now() - started) / 3_600_000,
    rss: workers.map((w) => rssMb(w.child.pid)),
    redisMb: Number(/used_memory:(\d+)/.exec(info)?.[1] ?? NaN) / 1e6,
    keys: await world.client.dbsize(),
    sent: world.api.sent().length,
  };
  samples.push(sample);
  console.log(
    `soak +${(sample.t * 60).toFixed(1)} min: RSS ${sample.rss.map((r) => r.toFixed(0)).join(' / ')} MB, Redis ${sample.redisMb.toFixed(1)} MB, ${sample.keys} keys, ${sample.sent} messages sent`,
  );
}

/** Least-squares slope of y over t (hours), on the samples after the warm-up third. */
const slope = (pick: (s: (typeof samples)[number]) => number) => {
  const after = samples.slice(Math.floor(samples.length / 3));
  const n = after.length;
  if (n < 2) return NaN;
  const mt = after.reduce((a, s) => a + s.t, 0) / n;
  const my = after.reduce((a, s) => a + pick(s), 0) / n;
  const num = after.reduce((a, s) => a + (s.t - mt) * (pick(s) - my), 0);
  const den = after.reduce((a, s) => a + (s.t - mt) ** 2, 0);
  return den === 0 ? NaN : num / den;
};
const summary = {
  bench: 'soak',
  minutes: MINUTES,
  feeds: FEEDS,
  chats: CHATS,
  messagesSent: world.api.sent().length,
  rssMbPerHour: [0, 1].map((i) => Number(slope((s) => s.rss[i] ?? NaN).toFixed(1))),
  redisMbPerHour: Number(slope((s) => s.redisMb).toFixed(1)),
  keysPerHour: Math.round(slope((s) => s.keys)),
  workersAlive: workers.filter((w) => w.child.exitCode === null).length,
};
await world.close();
server.close();
console.log(JSON.stringify(summary));
process.exit(0);
