import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Message } from 'grammy/types';
import { startBotApiServer, type SentMessage } from '../bot-api-server/server.js';
import { startEmbeddedRedis } from '../../src/runtime/embedded-redis.js';
import { FeedStore } from '../../src/adapters/redis/feed-store.js';
import { createKeys } from '../../src/adapters/redis/keys.js';
import { loadConfig } from '../../src/config.js';
import { createMetrics } from '../../src/server/metrics.js';
import { createLogger, secretsOf } from '../../src/logger.js';
import { connectRedis } from '../../src/runtime/redis-connection.js';
import type { Closable, ServiceRoots } from '../../src/runtime/run-services.js';
import { BREAKING, SAMPLE_FEEDS } from '../feed-server/sample-feeds.js';
import { startSampleFeedServer } from '../feed-server/sample-feed-server.js';
import { botLines, userLine } from './transcript.js';

export interface DemoIo {
  out: (line: string) => void;
  err: (line: string) => void;
}

const STEP_TIMEOUT_MS = 30_000;
const DEMO_USER_ID = 100_200_300;
/** Other outlets' feeds in the demo (ids are URL path parts). */
const WIRES = [
  { id: 'ukrinform', name: 'Demo Wire 1' },
  { id: 'unian', name: 'Demo Wire 2' },
  { id: 'suspilne', name: 'Demo Wire 3' },
];

const textOf = (sent: SentMessage): string => (sent.message as Message.TextMessage).text ?? sent.text;

/**
 * `newsdigest demo`: the real bot and worker against an embedded Redis, a local Bot API server and a local feed
 * server with bundled UA and RU sample news. No token, no network. Plays a scripted conversation and prints it.
 */
export async function runDemo(roots: ServiceRoots, output: DemoIo): Promise<number> {
  let io = output;
  if (!roots.startBot || !roots.startWorker) throw new Error('demo needs the bot and worker roots');
  const cleanups: (() => Promise<unknown>)[] = [];
  const cleanup = async () => {
    for (const step of cleanups.reverse()) await step().catch(() => undefined);
  };
  try {
    io.out('newsdigest demo: embedded Redis, local Bot API server, local feed server (no token, no network)');
    const redis = await startEmbeddedRedis();
    cleanups.push(() => redis.stop());
    const api = await startBotApiServer();
    cleanups.push(() => api.close());
    const feedServer = await startSampleFeedServer();
    cleanups.push(() => feedServer.close());
    const dir = await mkdtemp(join(tmpdir(), 'newsdigest-demo-'));
    cleanups.push(() => rm(dir, { recursive: true, force: true }));
    const feedsFile = join(dir, 'feeds.yaml');
    await writeFile(
      feedsFile,
      [
        'feeds:',
        `  - { url: "${feedServer.urls.uk}", lang: uk, name: "Demo UA", interval: 1m }`,
        `  - { url: "${feedServer.urls.ru}", lang: ru, name: "Demo RU", interval: 1m }`,
        // Three more outlets that, later on, report the same story: breaking news needs four.
        ...WIRES.map(
          (wire) =>
            `  - { url: "${feedServer.wireUrl(wire.id, 'uk')}", lang: uk, name: "${wire.name}", interval: 1m }`,
        ),
        '',
      ].join('\n'),
    );
    const config = loadConfig({
      BOT_TOKEN: api.token,
      TELEGRAM_API_ROOT: api.apiRoot,
      REDIS_URL: redis.url,
      REDIS_PREFIX: 'demo',
      FEEDS_FILE: feedsFile,
      ALLOW_PRIVATE_FEEDS: 'true',
      LOG_LEVEL: process.env.DEMO_LOG_LEVEL ?? 'error',
      // The demo reader is also the operator, so the transcript can show /stats.
      OPERATOR_IDS: String(DEMO_USER_ID),
    });
    const logger = createLogger({
      level: config.LOG_LEVEL,
      secrets: secretsOf(config),
      pretty: false,
      destination: process.stderr,
    });
    const extras = { metrics: createMetrics({ defaults: false }), queueNames: roots.queueNames ?? [] };
    const worker: Closable = await roots.startWorker(config, logger, redis.url, extras);
    cleanups.push(() => worker.close());
    const bot: Closable = await roots.startBot(config, logger, redis.url, extras);
    cleanups.push(() => bot.close());
    await bot.started;

    // Poll both sample feeds now instead of somewhere inside their interval.
    const store = connectRedis(redis.url, 'newsdigest-demo');
    cleanups.push(() => store.quit());
    const keys = createKeys(config.REDIS_PREFIX);
    const feeds = new FeedStore(store, keys);
    for (const feed of await feeds.list()) await feeds.reschedule(feed.id, Date.now());
    await waitUntil(async () => {
      const [uk, ru] = await Promise.all([
        store.zcard(keys.langIndex('uk')),
        store.zcard(keys.langIndex('ru')),
      ]);
      return uk > 0 && ru > 0;
    }, 'the worker to ingest the sample feeds');
    io.out(
      `worker ingested the sample feeds (${SAMPLE_FEEDS.uk.items.length} UA + ${SAMPLE_FEEDS.ru.items.length} RU stories)`,
    );
    io.out('\n— transcript —');

    const user = api.addUser({ id: DEMO_USER_ID, first_name: 'Olena', language_code: 'uk' });
    const transcript: string[] = [];
    const out = io.out;
    io = { ...io, out: (line) => (out(line), transcript.push(line)) };
    const chatId = user.id;
    const say = async (text: string): Promise<SentMessage> => {
      io.out(userLine(user.first_name, text));
      const reply = api.nextSent(chatId, STEP_TIMEOUT_MS);
      api.sendText(user, chatId, text);
      const message = await reply;
      io.out(botLines(textOf(message), message.reply_markup));
      return message;
    };
    const press = async (message: SentMessage, data: string, label: string, show = true): Promise<void> => {
      io.out(userLine(user.first_name, `taps [${label}]`));
      const before = api.sent(chatId).length;
      const answered = api.calls('answerCallbackQuery').length;
      api.pressButton(user, chatId, message.message_id, data);
      await api.waitFor(() => api.calls('answerCallbackQuery').length > answered, STEP_TIMEOUT_MS);
      const fresh = api.sent(chatId).slice(before);
      if (fresh.length > 0) for (const each of fresh) io.out(botLines(textOf(each), each.reply_markup));
      else if (show) io.out(botLines(textOf(message), message.reply_markup, 'updates the menu'));
    };
    const digest = async (lang: 'uk' | 'ru'): Promise<void> => {
      const titles = [BREAKING[lang], ...SAMPLE_FEEDS[lang].items].map((item) => item.title);
      const before = api.sent(chatId).length;
      await say('/digest');
      const found = await api.waitFor(
        () =>
          api
            .sent(chatId)
            .slice(before)
            .find((sent) => titles.some((title) => textOf(sent).includes(title))),
        STEP_TIMEOUT_MS,
      );
      for (const each of api.sent(chatId).slice(before + 1)) {
        io.out(botLines(textOf(each), each.reply_markup, each === found ? 'digest' : undefined));
      }
    };

    const welcome = await say('/start');
    await press(welcome, 'v1:lang:uk:o', 'Українська');
    await press(welcome, 'v1:top:war:o', 'Війна', false);
    await press(welcome, 'v1:top:economy:o', 'Економіка');
    await press(welcome, 'v1:next:sched:o', 'Далі');
    await press(welcome, 'v1:sch:once:o', 'Раз на день');
    await digest('uk');
    await say('/breaking on');

    // Fresh news: both demo editions and three wires report the same story within minutes: five outlets, where
    // breaking news needs four.
    const publishedAt = Date.now();
    feedServer.publish('uk', BREAKING.uk, publishedAt);
    feedServer.publish('ru', BREAKING.ru, publishedAt);
    WIRES.forEach((wire, index) =>
      feedServer.publishToWire(wire.id, BREAKING.uk, publishedAt + (index + 1) * 60_000),
    );
    const ruBefore = await store.zcard(keys.langIndex('ru'));
    const sentBefore = api.sent(chatId).length;
    for (const feed of await feeds.list()) await feeds.reschedule(feed.id, Date.now());
    io.out(
      '\n   … meanwhile five outlets (both demo editions, three wires) report the same story within minutes …',
    );
    const breaking = await api.waitFor(
      () =>
        api
          .sent(chatId)
          .slice(sentBefore)
          .find((sent) => textOf(sent).includes(BREAKING.uk.title)),
      STEP_TIMEOUT_MS,
    );
    io.out(botLines(textOf(breaking), breaking.reply_markup, 'breaking news'));
    await waitUntil(async () => (await store.zcard(keys.langIndex('ru'))) > ruBefore, 'the fresh RU story');

    await say('/lang ru');
    await digest('ru');

    // The operator's view: /stats answers with a chart, saved next to the transcript.
    io.out(userLine(user.first_name, '/stats'));
    const photosBefore = api.photos(chatId).length;
    api.sendText(user, chatId, '/stats');
    await api.waitFor(() => api.photos(chatId).length > photosBefore, STEP_TIMEOUT_MS);
    const chart = api.photos(chatId).at(-1)!;
    const outDir = process.env.DEMO_OUT_DIR ?? 'demo-output';
    await mkdir(outDir, { recursive: true });
    const chartPath = join(outDir, 'stats-24h.png');
    await writeFile(chartPath, chart.content);
    io.out(
      botLines(
        `[chart ${chart.width}×${chart.height} PNG, ${chart.content.length} bytes → ${chartPath}]`,
        undefined,
        'photo',
      ),
    );
    io.out(botLines((chart.caption ?? '').replace(/<[^>]+>/g, ''), undefined, 'caption'));
    io.out('\n— end of transcript —');
    const transcriptPath = join(outDir, 'transcript.txt');
    await writeFile(transcriptPath, `${transcript.join('\n')}\n`);
    io.out(`transcript and chart saved: ${transcriptPath}, ${chartPath}`);
    io.out('demo finished: the same bot and worker run in production with BOT_TOKEN and REDIS_URL set.');
    await cleanup();
    return 0;
  } catch (error) {
    io.err(`demo failed: ${(error as Error).message}`);
    await cleanup();
    return 1;
  }
}

async function waitUntil(
  check: () => Promise<boolean>,
  what: string,
  timeoutMs = STEP_TIMEOUT_MS,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`timed out waiting for ${what}`);
}
