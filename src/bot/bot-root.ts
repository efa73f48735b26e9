import { loadFeedsFile } from '../adapters/feeds-file-loader.js';
import { createDigestRequests } from '../adapters/queue/digest-requests.js';
import { createChatStore } from '../adapters/redis/chat-store.js';
import { BreakingStore } from '../adapters/redis/breaking-store.js';
import { createChatForgetter } from '../adapters/redis/chat-forgetter.js';
import { DeliveryStore } from '../adapters/redis/delivery-store.js';
import { withDeliveryIndex } from '../adapters/redis/indexed-chat-store.js';
import { createKeys } from '../adapters/redis/keys.js';
import { OutgoingBudget } from '../adapters/redis/outgoing-budget.js';
import { StoryStore } from '../adapters/redis/story-store.js';
import type { Config } from '../config.js';
import { settingsFrom } from '../settings.js';
import type { Logger } from '../logger.js';
import { connectRedis } from '../runtime/redis-connection.js';
import type { ServiceExtras } from '../runtime/run-services.js';
import { buildTopics } from '../services/build-topics.js';
import { createBot, type CreateBotDeps } from './create-bot.js';
import { DeliveryStats } from '../adapters/redis/delivery-stats.js';
import { createOperatorDeps } from './operators/operator-root.js';
import { runBot } from './run-bot.js';

export interface BotRoot {
  /** Settles once the bot takes updates, or has failed for good (then reported through extras.fatal). */
  started: Promise<void>;
  close(): Promise<void>;
}

/** The bot composition root: from validated config to a bot taking updates (long polling or webhook). */
export async function startBotRoot(
  config: Config,
  logger: Logger,
  redisUrl: string,
  extras?: ServiceExtras,
): Promise<BotRoot> {
  const settings = settingsFrom(config);
  const { token, apiRoot } = settings.telegram;
  if (!token) throw new Error('startBotRoot needs BOT_TOKEN');
  const feedsFile = await loadFeedsFile(settings.feedsFile);
  const redis = connectRedis(redisUrl, 'newsdigest-bot', logger);
  const keys = createKeys(settings.redisPrefix);
  const { topics } = buildTopics(feedsFile.topics);
  const deliveryStats = new DeliveryStats(redis, keys);
  const requests = createDigestRequests(redis, keys.bullPrefix);
  const rawChats = createChatStore(redis, keys);
  const deliveryStore = new DeliveryStore(redis, keys);
  // Settings changes keep the delivery worker's due index current, so its minute tick never scans chats.
  const chats = withDeliveryIndex(rawChats, deliveryStore, Date.now);
  const breaking = new BreakingStore(redis, keys, settings.worker.delivery.breaking);
  const forgetChat = createChatForgetter({ redis, keys, chats: rawChats, delivery: deliveryStore, breaking });
  const stories = new StoryStore(redis, keys, {
    retentionMs: settings.worker.retentionMs,
    clusterWindowMs: settings.worker.clusterWindowMs,
  });
  const operators =
    settings.operatorIds.length > 0
      ? createOperatorDeps({
          operatorIds: settings.operatorIds,
          redis,
          redisUrl,
          keys,
          chats,
          stories,
          allowPrivateFeeds: settings.worker.allowPrivateFeeds,
          queueNames: extras?.queueNames ?? [],
          topics,
          deliveries: () => deliveryStats.last24h(Date.now()),
          hourlyDeliveries: (at, hours) => deliveryStats.hourly(at, hours),
          broadcast: (texts, by) => requests.broadcast(texts, by),
          breakingDefaults: settings.worker.delivery.breaking,
        })
      : undefined;
  const deps: CreateBotDeps = {
    ...(operators ? { operators: operators.deps } : {}),
    config: { apiRoot, defaultTimezone: settings.defaultTimezone, inline: config.INLINE_MODE },
    logger: logger.child({ component: 'bot' }),
    chats,
    stories,
    topics,
    digest: (key) => requests.requestDigest(key),
    // Replies draw from the same budget as the workers' deliveries.
    budget: new OutgoingBudget(redis, keys, {
      ...settings.worker.delivery.budget,
      perSecond: settings.worker.delivery.ratePerSecond,
    }),
    forget: async (chatId) => {
      await forgetChat(chatId);
    },
  };
  const bot = createBot(token, deps);
  // Started in the background: while the Bot API is unreachable the process still runs its worker and /healthz,
  // which shows why the bot is not up yet. Shutdown aborts a startup that is still waiting.
  const abort = new AbortController();
  extras?.status?.set('telegram', { ok: false, detail: 'starting' });
  const starting = runBot(bot, {
    logger,
    signal: abort.signal,
    onState: (state) => extras?.status?.set('telegram', state),
    inline: config.INLINE_MODE,
    ...(config.WEBHOOK_URL && config.WEBHOOK_SECRET
      ? { webhook: { url: config.WEBHOOK_URL, secret: config.WEBHOOK_SECRET, port: config.WEBHOOK_PORT } }
      : {}),
  });
  const started = starting.then(
    () => undefined,
    (error: unknown) => {
      if (abort.signal.aborted) return;
      const failure = error instanceof Error ? error : new Error(String(error));
      extras?.status?.set('telegram', { ok: false, detail: failure.message });
      if (extras?.fatal) extras.fatal(failure);
      else logger.fatal({ err: failure }, 'bot could not start');
    },
  );
  return {
    started,
    async close() {
      abort.abort();
      const running = await starting.catch(() => undefined);
      await running?.stop();
      await operators?.close();
      await requests.close();
      await redis.quit();
    },
  };
}
