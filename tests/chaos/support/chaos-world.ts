import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { createChatStore, type ChatStore } from '../../../src/adapters/redis/chat-store.js';
import { DeliveryStore } from '../../../src/adapters/redis/delivery-store.js';
import { createKeys, type Keys } from '../../../src/adapters/redis/keys.js';
import { StoryStore } from '../../../src/adapters/redis/story-store.js';
import {
  chatKeyId,
  defaultChatSettings,
  type ChatKind,
  type ChatSettings,
} from '../../../src/core/chat/chat-settings.js';
import { digestInputKey, digestInputs, digestWindow } from '../../../src/core/digest/digest-input-key.js';
import type { Lang, Story } from '../../../src/core/types.js';
import { startBotApiServer, type BotApiServer } from '../../../tools/bot-api-server/server.js';
import {
  startSampleFeedServer,
  type SampleFeedServer,
} from '../../../tools/feed-server/sample-feed-server.js';
import { startChaosRedis, type ChaosRedis } from './chaos-redis.js';

/** A newsdigest process started the way operators start it: `node --import tsx bin/newsdigest.ts worker|bot` (the sources; production runs the same from dist/). */
export interface ChaosProcess {
  name: string;
  child: ChildProcess;
  /** Resolves with the exit code or signal when the process ends. */
  exited: Promise<string>;
  kill(signal: NodeJS.Signals): Promise<void>;
}

export interface DeliveryReport {
  /** Deliverable chats whose digest never arrived in full. */
  lost: number;
  /** Messages a chat received more than once. */
  duplicates: number;
  delivered: number;
  expected: number;
}

/**
 * One chaos scenario's world: a private redis-server (AOF everysec) that may be killed, the local Bot API server
 * (limits on, faults injectable), a local feed server, and real worker and bot processes.
 */
export interface ChaosWorld {
  /** A scratch directory (logs, feeds files), removed on close. */
  dir: string;
  redis: ChaosRedis;
  client: Redis;
  keys: Keys;
  api: BotApiServer;
  feeds: SampleFeedServer;
  chats: ChatStore;
  delivery: DeliveryStore;
  digestQueue: Queue;
  deliverQueue: Queue;
  spawn(kind: 'worker' | 'bot', name: string, env?: Record<string, string>): ChaosProcess;
  /** Chats subscribed to politics, due now; `kinds` cycles through the chat kinds. */
  seedChats(count: number, kinds?: ChatKind[]): Promise<ChatSettings[]>;
  seedStories(count: number): Promise<void>;
  tick(): Promise<void>;
  /** Where delivery stands for these chats (their ids as the fake knows them, after any migration). */
  report(chats: ChatSettings[], idOf?: (chatId: number) => number): Promise<DeliveryReport>;
  waitDelivered(
    chats: ChatSettings[],
    timeoutMs: number,
    idOf?: (chatId: number) => number,
  ): Promise<DeliveryReport>;
  close(): Promise<void>;
}

const MIN = 60_000;

export async function startChaosWorld(options: { penaltyGraceMs?: number } = {}): Promise<ChaosWorld> {
  const redis = await startChaosRedis();
  const client = new Redis(redis.url, { maxRetriesPerRequest: null });
  // Redis is stopped on purpose in some scenarios; the client reconnects, so its errors are not failures here.
  client.on('error', () => undefined);
  const prefix = 'nd';
  const keys = createKeys(prefix);
  const api = await startBotApiServer({ limits: {}, penaltyGraceMs: options.penaltyGraceMs ?? 100 });
  const feeds = await startSampleFeedServer();
  const dir = mkdtempSync(join(tmpdir(), 'nd-chaos-'));
  const feedsFile = join(dir, 'feeds.yaml');
  writeFileSync(
    feedsFile,
    `feeds:\n  - { url: ${feeds.urls.uk}, lang: uk, name: УНІАН }\n  - { url: ${feeds.urls.ru}, lang: ru, name: УНІАН }\n`,
  );
  const chats = createChatStore(client, keys);
  const delivery = new DeliveryStore(client, keys);
  const queueConnection = client.duplicate();
  queueConnection.on('error', () => undefined);
  const digestQueue = new Queue('digest', { connection: queueConnection, prefix: keys.bullPrefix('digest') });
  const deliverQueue = new Queue('deliver', {
    connection: queueConnection,
    prefix: keys.bullPrefix('deliver'),
  });
  for (const queue of [digestQueue, deliverQueue]) queue.on('error', () => undefined);
  const processes: ChaosProcess[] = [];
  let nextChat = 0;

  const baseEnv = {
    PATH: process.env['PATH'] ?? '',
    HOME: process.env['HOME'] ?? '',
    BOT_TOKEN: api.token,
    TELEGRAM_API_ROOT: api.apiRoot,
    REDIS_URL: redis.url,
    REDIS_PREFIX: prefix,
    FEEDS_FILE: feedsFile,
    ALLOW_PRIVATE_FEEDS: 'true',
    LOG_LEVEL: 'warn',
    DATA_DIR: dir,
    SEND_TIMEOUT_MS: '2000',
    JOB_LOCK_MS: '3000',
    DELIVER_CONCURRENCY: '30',
  };

  const world: ChaosWorld = {
    dir,
    redis,
    client,
    keys,
    api,
    feeds,
    chats,
    delivery,
    digestQueue,
    deliverQueue,
    spawn(kind, name, env = {}) {
      const child = spawn(process.execPath, ['--import', 'tsx', 'bin/newsdigest.ts', kind], {
        env: { ...baseEnv, ...env },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      const log = createWriteStream(join(dir, `${name}.log`), { flags: 'a' });
      child.stdout?.pipe(log);
      child.stderr?.pipe(log);
      const exited = new Promise<string>((resolve) =>
        child.once('exit', (code, signal) => resolve(signal ?? String(code))),
      );
      const proc: ChaosProcess = {
        name,
        child,
        exited,
        async kill(signal) {
          if (child.exitCode === null && child.signalCode === null) child.kill(signal);
          await exited;
        },
      };
      processes.push(proc);
      return proc;
    },
    async seedChats(count, kinds = ['private']) {
      const now = Date.now();
      const made: ChatSettings[] = [];
      for (let i = 0; i < count; i += 1) {
        nextChat += 1;
        const kind = kinds[i % kinds.length] as ChatKind;
        const chatId = kind === 'private' ? 20_000_000 + nextChat : -(1_000_000_000_000 + nextChat);
        if (kind === 'private') api.privateChat(api.addUser({ id: chatId }));
        else api.addChat({ id: chatId, type: kind, title: `chat ${chatId}` });
        const settings: ChatSettings = {
          ...defaultChatSettings({ chatId }, kind, i % 3 === 0 ? 'ru' : 'uk', 'Europe/Kyiv', now),
          topics: ['politics'],
          schedule: { kind: 'times', times: ['09:00'] },
        };
        made.push(settings);
      }
      for (let i = 0; i < made.length; i += 500) {
        const batch = made.slice(i, i + 500);
        await Promise.all(batch.map((settings) => chats.save(settings)));
        const tx = client.multi();
        for (const settings of batch) tx.zadd(keys.deliveryDue(), now - 1_000, chatKeyId(settings.key));
        await tx.exec();
      }
      return made;
    },
    async seedStories(count) {
      const stories = new StoryStore(client, keys, {
        retentionMs: 14 * 86_400_000,
        clusterWindowMs: 36 * 3_600_000,
      });
      const now = Date.now();
      const list = Array.from({ length: count }, (_, i): Story => {
        const lang: Lang = i % 2 === 0 ? 'uk' : 'ru';
        const id = `chaos${i}`;
        return {
          id,
          feedId: 'chaos',
          outlet: 'УНІАН',
          url: `https://www.unian.ua/politics/${id}.html`,
          title: lang === 'uk' ? `Рада ухвалила закон номер ${i}` : `Рада приняла закон номер ${i}`,
          summary:
            lang === 'uk'
              ? 'Депутати проголосували за законопроєкт.'
              : 'Депутаты проголосовали за законопроект.',
          publishedAt: now - (i + 1) * MIN,
          fetchedAt: now,
          categories: [],
          lang,
          topics: ['politics'],
          clusterId: id,
        };
      });
      // Indexed by ingestion time; a scheduled digest's window ends on the current whole minute, so these are older.
      await stories.save(
        list.map((story) => ({ story, shingles: '', bands: [] })),
        now - 2 * MIN,
      );
    },
    async tick() {
      await digestQueue.add('tick', {}, { removeOnComplete: true });
    },
    async report(list, idOf = (id) => id) {
      const ids = list.map((settings) => chatKeyId(settings.key));
      const lasts = await delivery.lastDigests(ids);
      let lost = 0;
      let duplicates = 0;
      let delivered = 0;
      let expected = 0;
      for (const [index, settings] of list.entries()) {
        const texts = api.sent(idOf(settings.key.chatId)).map((m) => m.text);
        const distinct = new Set(texts).size;
        duplicates += texts.length - distinct;
        delivered += distinct;
        const to = lasts[index];
        if (to === undefined) {
          expected += 1;
          lost += 1;
          continue;
        }
        const digestId = digestInputKey(digestInputs(settings), digestWindow(undefined, to));
        const [digest] = await delivery.getDigests([digestId]);
        const parts = digest?.parts.length ?? 1;
        expected += parts;
        lost += Math.max(0, parts - distinct);
      }
      return { lost, duplicates, delivered, expected };
    },
    async waitDelivered(list, timeoutMs, idOf) {
      const end = Date.now() + timeoutMs;
      for (;;) {
        const report = await world.report(list, idOf);
        if (report.lost === 0 || Date.now() > end) return report;
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
    },
    async close() {
      await Promise.all(processes.map((p) => p.kill('SIGKILL')));
      await digestQueue.close();
      await deliverQueue.close();
      await queueConnection.quit();
      client.disconnect();
      await api.close();
      await feeds.close();
      await redis.close();
      if (!process.env['CHAOS_KEEP_LOGS']) rmSync(dir, { recursive: true, force: true });
      else console.log(`chaos logs kept in ${dir}`);
    },
  };
  return world;
}

/** Resolves when `predicate` holds, polling every 100 ms; throws after `timeoutMs`. */
export async function until(predicate: () => boolean | Promise<boolean>, timeoutMs: number, what: string) {
  const end = Date.now() + timeoutMs;
  while (!(await predicate())) {
    if (Date.now() > end) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
