import type { Context } from 'grammy';
import type { I18nFlavor } from '@grammyjs/i18n';
import type { ChatStore } from '../adapters/redis/chat-store.js';
import type { ChatKey, ChatKind, ChatSettings } from '../core/chat/chat-settings.js';
import type { StoryReader } from '../core/ports/story-reader.js';
import type { TopicDefinition } from '../core/types.js';
import type { Logger } from '../logger.js';

export interface BotConfig {
  /** Bot API root, e.g. https://api.telegram.org or a local server in tests. */
  apiRoot: string;
  defaultTimezone: string;
  /** Per-user flood limit: at most `limit` updates per `windowMs`. */
  rateLimit?: { limit: number; windowMs: number };
  /** How long a getChatMember answer is trusted for admin checks. */
  adminCacheMs?: number;
  /** Answer inline queries (INLINE_MODE; also switch inline mode on with @BotFather /setinline). */
  inline?: boolean;
}

/** Starts a digest for the chat now (the delivery worker provides it). */
export type DigestTrigger = (key: ChatKey) => Promise<void>;

export interface BotDeps {
  config: BotConfig;
  logger: Logger;
  chats: ChatStore;
  stories: StoryReader;
  topics: TopicDefinition[];
  now?: () => number;
  digest: DigestTrigger;
  /** Deletes everything kept about a chat (/forget); absent in setups without the delivery side. */
  forget?: (chatId: number) => Promise<void>;
}

export interface ChatScope {
  key: ChatKey;
  kind: ChatKind;
  /** Saved settings, or defaults that are stored on the first change. */
  settings: ChatSettings;
  stored: boolean;
}

interface BotFlavor {
  deps: BotDeps & { now: () => number };
  log: Logger;
  /** Set for updates that come from a chat (messages, button presses). */
  scope?: ChatScope;
  /** Whether the sender may change the settings of this chat (always true in private chats). */
  isChatAdmin(): Promise<boolean>;
  /** Applies `fn` to this chat's settings, saves them and refreshes `scope` and the UI locale. */
  updateSettings(fn: (settings: ChatSettings) => ChatSettings): Promise<ChatSettings>;
}

export type BotContext = Context & I18nFlavor & BotFlavor;
