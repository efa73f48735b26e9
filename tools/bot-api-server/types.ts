import type { InlineKeyboardMarkup, LinkPreviewOptions, Message, MessageEntity, User } from 'grammy/types';

export type ChatKind = 'private' | 'group' | 'supergroup' | 'channel';

export type MemberStatus = 'creator' | 'administrator' | 'member' | 'restricted' | 'left' | 'kicked';

/** Admin rights a fake member may hold; unspecified ones default to false (can_manage_chat to true). */
export interface AdminRights {
  can_manage_chat?: boolean;
  can_delete_messages?: boolean;
  can_restrict_members?: boolean;
  can_promote_members?: boolean;
  can_change_info?: boolean;
  can_invite_users?: boolean;
  can_post_messages?: boolean;
  can_edit_messages?: boolean;
  can_pin_messages?: boolean;
  can_manage_topics?: boolean;
}

export interface FakeChat {
  id: number;
  type: ChatKind;
  title?: string;
  username?: string;
  first_name?: string;
  last_name?: string;
  is_forum?: boolean;
  /** Set when a group was upgraded: sends to this id answer 400 with migrate_to_chat_id. */
  migratedTo?: number;
}

export interface NewChat {
  id?: number;
  type: ChatKind;
  title?: string;
  username?: string;
  first_name?: string;
  last_name?: string;
  is_forum?: boolean;
  /** The bot's own membership; defaults to member (groups), administrator with can_post_messages (channels). */
  botStatus?: MemberStatus;
  botRights?: AdminRights;
}

export interface NewUser {
  id?: number;
  first_name?: string;
  last_name?: string;
  username?: string;
  language_code?: string;
}

/** One message the bot sent, as the bot sent it (text is the raw input, before HTML parsing). */
export interface SentMessage {
  chat_id: number;
  message_id: number;
  message_thread_id?: number;
  text: string;
  parse_mode?: string;
  entities?: MessageEntity[];
  reply_markup?: InlineKeyboardMarkup;
  link_preview_options?: LinkPreviewOptions;
  disable_notification?: boolean;
  allow_paid_broadcast?: boolean;
  /** Unix ms when accepted. */
  at: number;
  edited: number;
  deleted: boolean;
  /** The Message object the API returned (current state after edits). */
  message: Message;
}

export interface ApiCall {
  method: string;
  params: Record<string, unknown>;
  /** Unix ms when the request arrived. */
  at: number;
  /** Undefined while the call is still in flight (e.g. a pending long poll). */
  ok?: boolean;
  error_code?: number;
  description?: string;
}

export type FaultSpec =
  | { code: 429; retryAfter: number; description?: string }
  | { code: 403; description?: string }
  | { code: 500; description?: string }
  | { code: 400; description: string; migrateToChatId?: number }
  /** Drops the TCP connection without an answer, so grammY raises HttpError. */
  | { code: 'network' }
  /** Never answers (the message is not sent); the client's timeout must end the request. */
  | { code: 'hang' };

export interface FaultScope {
  /** How many matching calls fail; unlimited when omitted. */
  times?: number;
  /** Only calls whose chat_id equals this. */
  chatId?: number;
}

/** Telegram's broadcast flood limits; every field has Telegram's documented default. */
export interface TelegramLimits {
  /** Messages per second across all chats (default 30). */
  perSecond?: number;
  /** Messages per second when allow_paid_broadcast is set (default 1000). */
  paidPerSecond?: number;
  /** Minimum gap between two messages to one private chat, ms (default 1000). */
  privateIntervalMs?: number;
  /** Messages per minute to one group or channel (default 20). */
  groupPerMinute?: number;
}

export interface LimitStats {
  accepted: number;
  rejected: number;
}

export type BotUser = User & { is_bot: true; username: string };
