import { pino } from 'pino';
import { createFeedFetcher } from '../../../../src/adapters/http/feed-fetcher.js';
import { createChatStore, type ChatStore } from '../../../../src/adapters/redis/chat-store.js';
import { createKeys, type Keys } from '../../../../src/adapters/redis/keys.js';
import { StoryStore } from '../../../../src/adapters/redis/story-store.js';
import { createTelegramSender } from '../../../../src/adapters/telegram/sender.js';
import type { User } from 'grammy/types';
import {
  defaultChatSettings,
  type ChatKey,
  type ChatKind,
  type ChatSettings,
} from '../../../../src/core/chat/chat-settings.js';
import type { Lang, Story, TopicDefinition } from '../../../../src/core/types.js';
import { buildWorker, type RunningDelivery, type RunningWorker } from '../../../../jobs/worker-factory.js';
import {
  startBotApiServer,
  type BotApiServer,
  type FakeChat,
  type TelegramLimits,
} from '../../../../tools/bot-api-server/server.js';
import { testWorkerSettings } from '../../../support/test-settings.js';
import { createTestRedis, type TestRedis } from '../../../support/test-redis.js';
import { TEST_TOPICS } from '../../../../tools/in-memory/test-topics.js';

export interface DeliveryHarness {
  api: BotApiServer;
  redis: TestRedis;
  keys: Keys;
  stories: StoryStore;
  /** The raw store (as the bot process would have, before wrapping). */
  rawChats: ChatStore;
  worker: RunningWorker;
  delivery: RunningDelivery;
  clock: { now: number };
  /** Every delivery outcome reported by the deliver processor, in order. */
  outcomes: string[];
  /** Queues of the jobs the worker gave up on (dead letters), in order. */
  deadLettered: string[];
  addStories(stories: Story[]): Promise<void>;
  addChat(id: number, kind: ChatKind, patch?: Partial<ChatSettings>): Promise<ChatSettings>;
  /** Stops the worker and starts a fresh one on the same Redis (a process restart). */
  restart(): Promise<void>;
  close(): Promise<void>;
}

export async function startDeliveryHarness(
  options: {
    limits?: TelegramLimits;
    instant?: boolean;
    now?: number;
    retry?: { attempts: number; backoffMs: number };
    sendTimeoutMs?: number;
    lockMs?: number;
    /** The topics digests are rendered with; the stand-in set unless a test renders the built-in ones. */
    topics?: TopicDefinition[];
  } = {},
): Promise<DeliveryHarness> {
  const api = await startBotApiServer(options.limits ? { limits: options.limits } : {});
  const redis = await createTestRedis();
  const keys = createKeys(redis.prefix);
  const clock = { now: options.now ?? Date.now() };
  const now = () => clock.now;
  const outcomes: string[] = [];
  const deadLettered: string[] = [];
  const stories = new StoryStore(redis.client, keys, {
    retentionMs: 14 * 86_400_000,
    clusterWindowMs: 36 * 3600_000,
  });
  const rawChats = createChatStore(redis.client, redis.keys);
  const fetcher = createFeedFetcher({ allowPrivate: true });
  const start = async () =>
    (
      await buildWorker({
        connection: redis.client,
        redis: redis.client,
        redisPrefix: redis.prefix,
        settings: testWorkerSettings({
          retentionMs: 14 * 86_400_000,
          clusterWindowMs: 36 * 3600_000,
          delivery: {
            ratePerSecond: 1000,
            concurrency: 100,
            budget: { privateIntervalMs: 200, groupPerMinute: 300, marginMs: 0, chatMarginMs: 0 },
            ...(options.retry ? { retry: options.retry } : {}),
            ...(options.lockMs !== undefined ? { lockMs: options.lockMs } : {}),
          },
        }),
        fetcher,
        logger: pino({ level: 'silent' }),
        now,
        sweep: false,
        schedule: false,
        instant: options.instant ?? false,
        delivery: {
          chats: rawChats,
          topics: () => options.topics ?? TEST_TOPICS,
          sender: createTelegramSender(api.token, api.apiRoot, { timeoutMs: options.sendTimeoutMs ?? 5_000 }),
          onOutcome: (outcome) => {
            outcomes.push(outcome);
          },
          onDeadLetter: (queue) => {
            deadLettered.push(queue);
          },
        },
      })
    ).worker;
  const h: DeliveryHarness = {
    api,
    redis,
    keys,
    stories,
    rawChats,
    clock,
    outcomes,
    deadLettered,
    worker: await start(),
    delivery: undefined as unknown as RunningDelivery,
    async addStories(list) {
      await stories.save(
        list.map((story) => ({ story, shingles: '', bands: [] })),
        clock.now,
      );
    },
    async addChat(id, kind, patch = {}) {
      if (kind === 'private') api.privateChat(api.addUser({ id }));
      else api.addChat({ id, type: kind, title: `chat ${id}` });
      const settings = {
        ...defaultChatSettings({ chatId: id }, kind, 'uk', 'Europe/Kyiv', clock.now),
        ...patch,
      };
      await h.delivery.chats.save(settings);
      return settings;
    },
    async restart() {
      await h.worker.close();
      h.worker = await start();
      h.delivery = h.worker.delivery as RunningDelivery;
    },
    async close() {
      await h.worker.close();
      await fetcher.close();
      await api.close();
      await redis.cleanup();
    },
  };
  h.delivery = h.worker.delivery as RunningDelivery;
  return h;
}

/** The forum thread that subscribes; the forum's other threads and its general topic never do. */
export const FORUM_THREAD = 7;

/** One subscriber of each kind a scheduled tick must reach at once, set up on the fake Bot API. */
export interface DigestAudience {
  /** A reader; their private chat (chat id = user id) subscribes. */
  reader: User;
  /** Creator of the forum, administrator of the group. */
  admin: User;
  /** Creator of the channel (@kanal_news), which they link from their private chat. */
  owner: User;
  forum: FakeChat;
  group: FakeChat;
  channel: FakeChat;
  /** How each subscribes: the reader and the forum thread in Ukrainian, the group and the channel in Russian. */
  subscriptions: { key: ChatKey; kind: ChatKind; lang: Lang }[];
}

export function addDigestAudience(api: BotApiServer): DigestAudience {
  const reader = api.addUser({ language_code: 'uk' });
  const admin = api.addUser({ language_code: 'uk' });
  const owner = api.addUser({ language_code: 'uk' });
  api.privateChat(reader);
  const forum = api.addChat({ type: 'supergroup', title: 'Форум громади', is_forum: true });
  const group = api.addChat({ type: 'supergroup', title: 'Новини району' });
  const channel = api.addChat({ type: 'channel', title: 'Канал', username: 'kanal_news' });
  api.setMember(forum.id, admin, 'creator');
  api.setMember(group.id, admin, 'administrator');
  api.setMember(channel.id, owner, 'creator');
  return {
    reader,
    admin,
    owner,
    forum,
    group,
    channel,
    subscriptions: [
      { key: { chatId: reader.id }, kind: 'private', lang: 'uk' },
      { key: { chatId: group.id }, kind: 'supergroup', lang: 'ru' },
      { key: { chatId: forum.id, threadId: FORUM_THREAD }, kind: 'supergroup', lang: 'uk' },
      { key: { chatId: channel.id }, kind: 'channel', lang: 'ru' },
    ],
  };
}

/** The audience's subscriptions as stored settings, each with one digest a day at `time` (HH:MM, Kyiv). */
export function audienceSettings(audience: DigestAudience, time: string, now: number): ChatSettings[] {
  return audience.subscriptions.map(({ key, kind, lang }) => ({
    ...defaultChatSettings(key, kind, lang, 'Europe/Kyiv', now),
    schedule: { kind: 'times', times: [time] },
  }));
}

let seq = 0;
export function makeStory(patch: Partial<Story> & { publishedAt: number }): Story {
  seq += 1;
  const id = patch.id ?? `st${seq}`;
  return {
    id,
    feedId: 'f1',
    outlet: 'УНІАН',
    url: `https://www.unian.ua/news-${id}.html`,
    title: `Новина ${id}`,
    summary: 'Короткий опис.',
    fetchedAt: patch.publishedAt,
    categories: [],
    lang: 'uk',
    topics: ['politics'],
    clusterId: id,
    ...patch,
  };
}

/** Waits until the deliver queue has nothing waiting, delayed or active. */
export async function drained(delivery: RunningDelivery, timeoutMs = 10_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const counts = await delivery.queues.deliver.getJobCounts('waiting', 'delayed', 'active', 'prioritized');
    const digest = await delivery.queues.digest.getJobCounts('waiting', 'delayed', 'active', 'prioritized');
    const pending =
      Object.values(counts).reduce((a, b) => a + b, 0) + Object.values(digest).reduce((a, b) => a + b, 0);
    if (pending === 0) return;
    if (Date.now() > end) throw new Error(`queues not drained: ${JSON.stringify({ counts, digest })}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
