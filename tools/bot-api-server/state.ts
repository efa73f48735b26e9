import type { Chat, ChatMember, Message, User } from 'grammy/types';
import { FileStore } from './files.js';
import type { AdminRights, BotUser, FakeChat, MemberStatus, NewChat, NewUser, SentMessage } from './types.js';

interface Membership {
  status: MemberStatus;
  rights: AdminRights;
}

interface ChatLog {
  nextMessageId: number;
  /** Every message in the chat (users' and the bot's), by id. */
  messages: Map<number, Message>;
  /** Only the bot's messages, in send order. */
  sent: SentMessage[];
  sentById: Map<number, SentMessage>;
}

const ADMIN_DEFAULTS: Required<AdminRights> = {
  can_manage_chat: true,
  can_delete_messages: false,
  can_restrict_members: false,
  can_promote_members: false,
  can_change_info: false,
  can_invite_users: false,
  can_post_messages: false,
  can_edit_messages: false,
  can_pin_messages: false,
  can_manage_topics: false,
};

/** Chats, users, memberships and message logs of the fake; every lookup is a Map hit. */
export class BotApiState {
  readonly chats = new Map<number, FakeChat>();
  readonly users = new Map<number, User>();
  readonly blocked = new Set<number>();
  readonly commands = new Map<string, unknown[]>();
  readonly callbackQueries = new Map<string, { answered: boolean; answer?: Record<string, unknown> }>();
  /** Inline queries users typed, by id, with the bot's answer once it came. */
  readonly inlineQueries = new Map<string, { query: string; answer?: Record<string, unknown> }>();
  webhook: Record<string, unknown> | undefined;
  /** Uploaded files and documents the bot sent. */
  readonly files = new FileStore();
  private readonly usernames = new Map<string, number>();
  private readonly members = new Map<number, Map<number, Membership>>();
  private readonly logs = new Map<number, ChatLog>();
  private readonly allSent: SentMessage[] = [];
  private nextUserId = 1000;
  private nextGroupId = 1000;

  constructor(readonly bot: BotUser) {
    this.users.set(bot.id, bot);
  }

  addUser(input: NewUser = {}): User {
    const id = input.id ?? this.nextUserId++;
    const user: User = {
      id,
      is_bot: false,
      first_name: input.first_name ?? `User ${id}`,
      ...(input.last_name ? { last_name: input.last_name } : {}),
      ...(input.username ? { username: input.username } : {}),
      ...(input.language_code ? { language_code: input.language_code } : {}),
    };
    this.users.set(id, user);
    return user;
  }

  addChat(input: NewChat): FakeChat {
    const id =
      input.id ??
      (input.type === 'supergroup' || input.type === 'channel' ? -1_000_000_000_000 : 0) - this.nextGroupId++;
    const chat: FakeChat = {
      id,
      type: input.type,
      ...(input.title !== undefined ? { title: input.title } : {}),
      ...(input.username !== undefined ? { username: input.username } : {}),
      ...(input.first_name !== undefined ? { first_name: input.first_name } : {}),
      ...(input.last_name !== undefined ? { last_name: input.last_name } : {}),
      ...(input.is_forum ? { is_forum: true } : {}),
    };
    if (chat.type !== 'private' && chat.title === undefined) chat.title = `Chat ${id}`;
    this.chats.set(id, chat);
    if (chat.username) this.usernames.set(chat.username.toLowerCase(), id);
    if (chat.type !== 'private') {
      const channel = chat.type === 'channel';
      this.setMember(id, this.bot.id, input.botStatus ?? (channel ? 'administrator' : 'member'), {
        ...(channel ? { can_post_messages: true, can_edit_messages: true, can_delete_messages: true } : {}),
        ...input.botRights,
      });
    }
    return chat;
  }

  /** The private chat with a user, created on first use as Telegram does when the user starts the bot. */
  privateChatOf(user: User): FakeChat {
    const existing = this.chats.get(user.id);
    if (existing) return existing;
    return this.addChat({
      id: user.id,
      type: 'private',
      first_name: user.first_name,
      ...(user.last_name ? { last_name: user.last_name } : {}),
      ...(user.username ? { username: user.username } : {}),
    });
  }

  resolveChat(chatId: unknown): FakeChat | undefined {
    if (typeof chatId === 'string' && chatId.startsWith('@')) {
      const id = this.usernames.get(chatId.slice(1).toLowerCase());
      return id === undefined ? undefined : this.chats.get(id);
    }
    const id = typeof chatId === 'number' ? chatId : Number(chatId);
    return Number.isFinite(id) ? this.chats.get(id) : undefined;
  }

  setMember(chatId: number, userId: number, status: MemberStatus, rights: AdminRights = {}): void {
    const byUser = this.members.get(chatId) ?? new Map<number, Membership>();
    byUser.set(userId, { status, rights });
    this.members.set(chatId, byUser);
  }

  memberStatus(chatId: number, userId: number): MemberStatus | undefined {
    return this.members.get(chatId)?.get(userId)?.status;
  }

  memberRights(chatId: number, userId: number): AdminRights {
    return this.members.get(chatId)?.get(userId)?.rights ?? {};
  }

  chatMember(chatId: number, user: User): ChatMember {
    const m = this.members.get(chatId)?.get(user.id);
    return toChatMember(user, m ?? { status: 'left', rights: {} });
  }

  chatMembers(chatId: number): ChatMember[] {
    const out: ChatMember[] = [];
    for (const [userId, m] of this.members.get(chatId) ?? []) {
      const user = this.users.get(userId);
      if (user) out.push(toChatMember(user, m));
    }
    return out;
  }

  copyMembers(from: number, to: number): void {
    const src = this.members.get(from);
    if (src) this.members.set(to, new Map(src));
  }

  chatObject(chat: FakeChat): Chat {
    const { migratedTo: _migrated, ...plain } = chat;
    return plain as Chat;
  }

  nextMessageId(chatId: number): number {
    const log = this.log(chatId);
    return log.nextMessageId++;
  }

  storeMessage(message: Message): void {
    this.log(message.chat.id).messages.set(message.message_id, message);
  }

  message(chatId: number, messageId: number): Message | undefined {
    return this.logs.get(chatId)?.messages.get(messageId);
  }

  recordSent(sent: SentMessage): void {
    const log = this.log(sent.chat_id);
    log.sent.push(sent);
    log.sentById.set(sent.message_id, sent);
    log.messages.set(sent.message_id, sent.message);
    this.allSent.push(sent);
  }

  sentRecord(chatId: number, messageId: number): SentMessage | undefined {
    return this.logs.get(chatId)?.sentById.get(messageId);
  }

  deleteMessage(chatId: number, messageId: number): boolean {
    const log = this.logs.get(chatId);
    if (!log?.messages.delete(messageId)) return false;
    const sent = log.sentById.get(messageId);
    if (sent) sent.deleted = true;
    return true;
  }

  sent(chatId?: number): readonly SentMessage[] {
    return chatId === undefined ? this.allSent : (this.logs.get(chatId)?.sent ?? []);
  }

  sentCount(): number {
    return this.allSent.length;
  }

  private log(chatId: number): ChatLog {
    let log = this.logs.get(chatId);
    if (!log) {
      log = { nextMessageId: 1, messages: new Map(), sent: [], sentById: new Map() };
      this.logs.set(chatId, log);
    }
    return log;
  }
}

function toChatMember(user: User, m: Membership): ChatMember {
  switch (m.status) {
    case 'creator':
      return { status: 'creator', user, is_anonymous: false };
    case 'administrator':
      return {
        status: 'administrator',
        user,
        can_be_edited: false,
        is_anonymous: false,
        can_manage_video_chats: false,
        can_post_stories: false,
        can_edit_stories: false,
        can_delete_stories: false,
        ...ADMIN_DEFAULTS,
        ...m.rights,
      } as ChatMember;
    case 'member':
      return { status: 'member', user };
    case 'restricted':
      return { status: 'restricted', user, is_member: true, until_date: 0 } as ChatMember;
    case 'left':
      return { status: 'left', user };
    case 'kicked':
      return { status: 'kicked', user, until_date: 0 };
  }
}
