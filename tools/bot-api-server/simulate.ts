import type { ChatMember, Document, Message, MessageEntity, Update, User } from 'grammy/types';
import type { BotApiState } from './state.js';
import type { UpdateQueue } from './update-queue.js';
import type { FakeChat, MemberStatus } from './types.js';

export type ChatRef = FakeChat | number;

/** A leading `/cmd` or `/cmd@botname` is a bot_command entity, as the Telegram client marks it. */
export function commandEntities(text: string): MessageEntity[] {
  const m = /^\/[a-zA-Z0-9_]{1,32}(?:@[a-zA-Z0-9_]{3,32})?/.exec(text);
  return m ? [{ type: 'bot_command', offset: 0, length: m[0].length }] : [];
}

/** Builds updates that real users would cause, and queues them for getUpdates. */
export class UserSimulator {
  private nextCallbackId = 1;

  constructor(
    private readonly state: BotApiState,
    private readonly queue: UpdateQueue,
    private readonly nowMs: () => number,
  ) {}

  sendText(from: User, chatRef: ChatRef, text: string, options: { threadId?: number } = {}): Update {
    const chat = this.chatFor(from, chatRef);
    const entities = commandEntities(text);
    const forumThread = options.threadId !== undefined && chat.is_forum === true;
    const message = {
      message_id: this.state.nextMessageId(chat.id),
      date: this.date(),
      chat: this.state.chatObject(chat),
      from,
      text,
      ...(entities.length ? { entities } : {}),
      ...(forumThread ? { message_thread_id: options.threadId, is_topic_message: true } : {}),
    } as Message;
    this.state.storeMessage(message);
    return this.queue.push({ message } as Omit<Update, 'update_id'>);
  }

  sendDocument(from: User, chatRef: ChatRef, document: Document): Update {
    const chat = this.chatFor(from, chatRef);
    const message = {
      message_id: this.state.nextMessageId(chat.id),
      date: this.date(),
      chat: this.state.chatObject(chat),
      from,
      document,
    } as Message;
    this.state.storeMessage(message);
    return this.queue.push({ message } as Omit<Update, 'update_id'>);
  }

  pressButton(from: User, chatRef: ChatRef, messageId: number, data: string): Update {
    const chat = this.chatFor(from, chatRef);
    const message = this.state.message(chat.id, messageId);
    if (!message) throw new Error(`fake Bot API: no message ${messageId} in chat ${chat.id}`);
    const id = String(this.nextCallbackId++);
    this.state.callbackQueries.set(id, { answered: false });
    return this.queue.push({
      callback_query: { id, from, message, chat_instance: String(chat.id), data },
    } as Omit<Update, 'update_id'>);
  }

  /**
   * The bot's own status changes (added, promoted, kicked, blocked). Updates the state so later calls see it;
   * in a private chat `kicked` means the user blocked the bot.
   */
  myChatMember(
    from: User,
    chatRef: ChatRef,
    status: MemberStatus,
    rights: Record<string, boolean> = {},
  ): Update {
    const chat = this.chatFor(from, chatRef);
    const bot = this.state.bot;
    const old = this.memberOf(chat, bot);
    if (chat.type === 'private') {
      if (status === 'kicked') this.state.blocked.add(chat.id);
      else this.state.blocked.delete(chat.id);
    }
    this.state.setMember(chat.id, bot.id, status, rights);
    return this.queue.push({
      my_chat_member: {
        chat: this.state.chatObject(chat),
        from,
        date: this.date(),
        old_chat_member: old,
        new_chat_member: this.memberOf(chat, bot),
      },
    });
  }

  private memberOf(chat: FakeChat, bot: User): ChatMember {
    if (chat.type === 'private') {
      return this.state.blocked.has(chat.id)
        ? { status: 'kicked', user: bot, until_date: 0 }
        : { status: 'member', user: bot };
    }
    return this.state.chatMember(chat.id, bot);
  }

  private chatFor(from: User, ref: ChatRef): FakeChat {
    if (!this.state.users.has(from.id)) this.state.users.set(from.id, from);
    const id = typeof ref === 'number' ? ref : ref.id;
    if (id === from.id) return this.state.privateChatOf(from);
    const chat = this.state.chats.get(id);
    if (!chat) throw new Error(`fake Bot API: unknown chat ${id}; add it with addChat()`);
    return chat;
  }

  private date(): number {
    return Math.floor(this.nowMs() / 1000);
  }
}
