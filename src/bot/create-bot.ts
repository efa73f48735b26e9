import { autoRetry } from '@grammyjs/auto-retry';
import { limit } from '@grammyjs/ratelimiter';
import { sequentialize } from '@grammyjs/runner';
import { Bot, type BotError } from 'grammy';
import type { UserFromGetMe } from 'grammy/types';
import type { OutgoingBudget } from '../adapters/redis/outgoing-budget.js';
import { botApiClient, retryNetworkErrors } from '../adapters/telegram/bot-api-client.js';
import { budgetTransformer } from '../adapters/telegram/budget-transformer.js';
import { defaultChatSettings } from '../core/chat/chat-settings.js';
import { createAdminCache } from './admin-cache.js';
import type { BotContext, BotDeps } from './context.js';
import { channelFeature } from './features/channel.js';
import { breakingFeature } from './features/breaking.js';
import { digestFeature } from './features/digest.js';
import { forgetFeature } from './features/forget.js';
import { helpFeature } from './features/help.js';
import { inlineFeature } from './features/inline.js';
import { keywordsFeature } from './features/keywords.js';
import { langFeature } from './features/lang.js';
import { latestFeature } from './features/latest.js';
import { myChatMemberFeature } from './features/my-chat-member.js';
import { operatorsFeature } from './operators/operators-feature.js';
import { pauseFeature } from './features/pause.js';
import { scheduleFeature } from './features/schedule.js';
import { searchFeature } from './features/search.js';
import { settingsFeature } from './features/settings.js';
import { startFeature } from './features/start.js';
import { topicsFeature } from './features/topics.js';
import { unhandledFeature } from './features/unhandled.js';
import { refuseLongArguments, resolveChatKey } from './guards.js';
import { createI18n } from './i18n.js';
import type { OperatorDeps } from './operators/operator-deps.js';

export interface CreateBotDeps extends BotDeps {
  /** Known bot identity; skips getMe (tests, and restarts that cached it). */
  botInfo?: UserFromGetMe;
  /** Operator commands (/feeds, /addfeed, /stats, OPML, ...); absent means they fall through to the help reply. */
  operators?: OperatorDeps;
  /** The bot token's budget shared with the delivery workers; without it replies are not paced (offline tests). */
  budget?: OutgoingBudget;
}

// Telegram's service account that posts on behalf of anonymous group admins.
const GROUP_ANONYMOUS_BOT = 1087968824;

/**
 * Who really sent an update, for the flood limit. Anonymous group admins all arrive as one service account
 * (from = GroupAnonymousBot) and channel posts or messages sent as a channel carry the channel in sender_chat, so
 * keying on from.id would put every such sender in the world into one bucket.
 */
export function senderKey(ctx: BotContext): string | undefined {
  const senderChat = ctx.msg?.sender_chat;
  if (senderChat) return `c${senderChat.id}`;
  return ctx.from ? `u${ctx.from.id}` : undefined;
}

/** Builds the subscriber bot. Nothing starts here: run it with runBot, or drive it with bot.handleUpdate in tests. */
export function createBot(token: string, deps: CreateBotDeps): Bot<BotContext> {
  const now = deps.now ?? Date.now;
  const allDeps = { ...deps, now };
  const bot = new Bot<BotContext>(token, {
    client: botApiClient(deps.config.apiRoot),
    ...(deps.botInfo ? { botInfo: deps.botInfo } : {}),
  });
  // Innermost, so every retry waits for the shared budget too and a 429 stops every process. Outside it, 429 and
  // 5xx are retried by auto-retry; network failures and timeouts a bounded number of times, then they surface
  // (auto-retry alone would retry them forever, silently).
  if (deps.budget) bot.api.config.use(budgetTransformer(deps.budget));
  bot.api.config.use(
    autoRetry({ maxRetryAttempts: 3, maxDelaySeconds: 30, rethrowHttpErrors: true }),
    retryNetworkErrors(),
  );
  const admins = createAdminCache(deps.config.adminCacheMs ?? 60_000, now);
  const i18n = createI18n();

  const onError = async (error: BotError<BotContext>): Promise<void> => {
    const ctx = error.ctx;
    (ctx.log ?? deps.logger).error({ err: error.error, update_id: ctx.update.update_id }, 'update failed');
    try {
      if (ctx.callbackQuery) await ctx.answerCallbackQuery({ text: ctx.t('error-generic') });
      else if (ctx.chat && ctx.message) await ctx.reply(ctx.t('error-generic'));
    } catch {
      // The apology is best effort; the error itself is already logged.
    }
  };
  bot.catch(onError);

  // One chat's updates run in order (settings edits never race); different chats run in parallel under the runner.
  bot.use(
    sequentialize((ctx: BotContext) =>
      ctx.chat ? String(ctx.chat.id) : ctx.from ? `u${ctx.from.id}` : undefined,
    ),
  );

  bot.use(async (ctx, next) => {
    ctx.deps = allDeps;
    ctx.log = deps.logger.child({ update_id: ctx.update.update_id, chat_id: ctx.chat?.id });
    const target = resolveChatKey(ctx);
    if (target) {
      const stored = await deps.chats.get(target.key);
      ctx.scope = {
        ...target,
        stored: stored !== undefined,
        settings:
          stored ??
          defaultChatSettings(
            target.key,
            target.kind,
            ctx.from?.language_code,
            deps.config.defaultTimezone,
            now(),
          ),
      };
    }
    ctx.isChatAdmin = async () => {
      const chat = ctx.chat;
      if (!chat || chat.type === 'private') return true;
      if (ctx.from?.id === GROUP_ANONYMOUS_BOT && ctx.msg?.sender_chat?.id === chat.id) return true;
      if (!ctx.from) return false;
      return admins.isAdmin(ctx.api, chat.id, ctx.from.id);
    };
    ctx.updateSettings = async (fn) => {
      const scope = ctx.scope;
      if (!scope) throw new Error('updateSettings needs a chat');
      const next = { ...fn(scope.settings), updatedAt: now() };
      await deps.chats.save(next);
      scope.settings = next;
      scope.stored = true;
      ctx.i18n.useLocale(next.lang);
      return next;
    };
    await next();
  });

  bot.use(i18n.middleware());

  const rate = deps.config.rateLimit ?? { limit: 20, windowMs: 10_000 };
  bot.use(
    limit<BotContext, never>({
      timeFrame: rate.windowMs,
      limit: rate.limit,
      keyGenerator: senderKey,
      onLimitExceeded: (ctx) => {
        ctx.log.warn({ sender: senderKey(ctx) }, 'rate limited');
      },
    }),
  );

  const guarded = bot.errorBoundary(onError);
  // Operator commands come first: their arguments (stem lists, URLs) may be longer than subscribers' limit.
  if (deps.operators) guarded.use(operatorsFeature(deps.operators));
  guarded.use(refuseLongArguments);
  if (deps.config.inline) guarded.use(inlineFeature());
  guarded.use(
    startFeature(),
    helpFeature(),
    // Before settings: the settings feature answers every other button as stale.
    forgetFeature(admins),
    breakingFeature(),
    settingsFeature(),
    langFeature(),
    topicsFeature(),
    latestFeature(deps.topics),
    searchFeature(),
    keywordsFeature(),
    scheduleFeature(),
    digestFeature(),
    pauseFeature(),
    channelFeature(admins),
    myChatMemberFeature(),
    unhandledFeature(),
  );
  return bot;
}
