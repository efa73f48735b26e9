import { pino } from 'pino';
import type { Bot } from 'grammy';
import type { Chat, Update, User, UserFromGetMe } from 'grammy/types';
import { createChatStore, type ChatStore } from '../../src/adapters/redis/chat-store.js';
import type { BotContext } from '../../src/bot/context.js';
import { createBot } from '../../src/bot/create-bot.js';
import { runBot, type RunningBot } from '../../src/bot/run-bot.js';
import { startBotApiServer, type BotApiServer } from '../../tools/bot-api-server/server.js';
import type { ChatKey } from '../../src/core/chat/chat-settings.js';
import type { Story } from '../../src/core/types.js';
import { createMemoryStoryReader } from '../../tools/in-memory/memory-story-reader.js';
import { createTestRedis, type TestRedis } from '../support/test-redis.js';
import { TEST_TOPICS } from '../../tools/in-memory/test-topics.js';

export const BOT_INFO: UserFromGetMe = {
  id: 42,
  is_bot: true,
  first_name: 'Digest',
  username: 'digest_test_bot',
  can_join_groups: true,
  can_read_all_group_messages: false,
  supports_inline_queries: false,
  can_connect_to_business: false,
  has_main_web_app: false,
  has_topics_enabled: false,
  allows_users_to_create_topics: false,
  can_manage_bots: false,
} as UserFromGetMe;

export interface Call {
  method: string;
  payload: Record<string, unknown>;
}

export interface Harness {
  bot: Bot<BotContext>;
  chats: ChatStore;
  redis: TestRedis;
  calls: Call[];
  /** Chats whose digest /digest asked the worker for. */
  digests: ChatKey[];
  /** Chat member statuses answered by getChatMember, keyed `${chatId}:${userId}`. */
  members: Map<string, Record<string, unknown>>;
  /** Chats answered by getChat, keyed by id or @username. */
  knownChats: Map<string, Chat>;
  send(update: Omit<Update, 'update_id'>): Promise<Call[]>;
  text(from: User, chat: Chat, text: string, extra?: Record<string, unknown>): Promise<Call[]>;
  press(from: User, chat: Chat, data: string, extra?: Record<string, unknown>): Promise<Call[]>;
  close(): Promise<void>;
}

export const user = (id: number, language_code = 'uk'): User => ({
  id,
  is_bot: false,
  first_name: `U${id}`,
  language_code,
});
export const privateChat = (id: number): Chat => ({ id, type: 'private', first_name: `U${id}` });
export const group = (id: number, forum = false): Chat =>
  ({ id, type: 'supergroup', title: 'Група', ...(forum ? { is_forum: true } : {}) }) as Chat;

export async function createHarness(stories: Story[] = []): Promise<Harness> {
  const redis = await createTestRedis();
  const chats = createChatStore(redis.client, redis.keys);
  const calls: Call[] = [];
  const digests: ChatKey[] = [];
  const members = new Map<string, Record<string, unknown>>();
  const knownChats = new Map<string, Chat>();
  let messageId = 100;
  let updateId = 1;
  const bot = createBot('123456:TEST_TOKEN_abcdefghijklmnopqrstu', {
    config: { apiRoot: 'http://127.0.0.1:9', defaultTimezone: 'Europe/Kyiv' },
    logger: pino({ level: 'silent' }),
    digest: async (key) => void digests.push(key),
    chats,
    stories: createMemoryStoryReader(stories),
    topics: TEST_TOPICS,
    now: () => Date.UTC(2024, 0, 1, 12),
    botInfo: BOT_INFO,
  });
  bot.api.config.use(async (_prev, method, payload) => {
    const p = (payload ?? {}) as Record<string, unknown>;
    calls.push({ method, payload: p });
    const ok = <T>(result: T) => ({ ok: true as const, result }) as never;
    switch (method) {
      case 'sendMessage':
        return ok({
          message_id: messageId++,
          date: 0,
          chat: { id: p.chat_id, type: 'private' },
          text: p.text,
        });
      case 'getChatMember': {
        const member = members.get(`${p.chat_id}:${p.user_id}`);
        return ok(member ?? { status: 'member', user: { id: p.user_id, is_bot: false, first_name: 'x' } });
      }
      case 'getChat': {
        const chat = knownChats.get(String(p.chat_id));
        if (!chat) return { ok: false, error_code: 400, description: 'Bad Request: chat not found' } as never;
        return ok(chat);
      }
      default:
        return ok(true);
    }
  });

  const send = async (update: Omit<Update, 'update_id'>): Promise<Call[]> => {
    const before = calls.length;
    await bot.handleUpdate({ update_id: updateId++, ...update } as Update);
    return calls.slice(before);
  };
  return {
    bot,
    chats,
    redis,
    calls,
    digests,
    members,
    knownChats,
    send,
    text: (from, chat, text, extra = {}) => {
      const command = /^\/\w+(@\w+)?/.exec(text);
      return send({
        message: {
          message_id: messageId++,
          date: 0,
          chat,
          from,
          text,
          ...(command ? { entities: [{ type: 'bot_command', offset: 0, length: command[0].length }] } : {}),
          ...extra,
        },
      } as Omit<Update, 'update_id'>);
    },
    press: (from, chat, data, extra = {}) =>
      send({
        callback_query: {
          id: String(messageId++),
          from,
          chat_instance: '1',
          data,
          message: { message_id: 1, date: 0, chat, from: BOT_INFO, text: 'menu', ...extra },
        },
      } as Omit<Update, 'update_id'>),
    close: () => redis.cleanup(),
  };
}

/** Text of every sendMessage / editMessageText call, in order. */
export function texts(calls: Call[]): string[] {
  return calls
    .filter((c) => c.method === 'sendMessage' || c.method === 'editMessageText')
    .map((c) => String(c.payload.text));
}

export function buttons(call: Call | undefined): string[] {
  const markup = call?.payload.reply_markup as
    { inline_keyboard?: { callback_data?: string }[][] } | undefined;
  return (markup?.inline_keyboard ?? []).flat().map((b) => b.callback_data ?? '');
}

// --- the live mode: the same bot long polling the local Bot API server -------------------------------

export interface LiveBot {
  api: BotApiServer;
  redis: TestRedis;
  chats: ChatStore;
  running: RunningBot;
  /** Stops the running bot and starts a fresh instance on the same Redis (a process restart). */
  restart(): Promise<void>;
  close(): Promise<void>;
}

/** The real bot, long polling a local Bot API server, with settings in the run's private Redis. */
export async function startLiveBot(stories: Story[] = []): Promise<LiveBot> {
  const api = await startBotApiServer();
  const redis = await createTestRedis();
  const chats = createChatStore(redis.client, redis.keys);
  const logger = pino({ level: 'silent' });
  const start = async (): Promise<RunningBot> => {
    const bot = createBot(api.token, {
      config: { apiRoot: api.apiRoot, defaultTimezone: 'Europe/Kyiv' },
      logger,
      digest: async () => undefined,
      chats,
      stories: createMemoryStoryReader(stories),
      topics: TEST_TOPICS,
    });
    return runBot(bot, { logger });
  };
  const live: LiveBot = {
    api,
    redis,
    chats,
    running: await start(),
    async restart() {
      await live.running.stop();
      live.running = await start();
    },
    async close() {
      await live.running.stop();
      await api.close();
      await redis.cleanup();
    },
  };
  return live;
}
