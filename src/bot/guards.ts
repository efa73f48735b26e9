import type { ChatKey, ChatKind } from '../core/chat/chat-settings.js';
import type { BotContext } from './context.js';
import { MAX_ARGUMENT_LENGTH, replyHtml } from './ui.js';

/** The subscription an update belongs to: the chat, or the forum thread a message was sent in. */
export function resolveChatKey(ctx: BotContext): { key: ChatKey; kind: ChatKind } | undefined {
  const chat = ctx.chat;
  if (!chat) return undefined;
  const msg = ctx.msg;
  const inTopic = chat.type === 'supergroup' && chat.is_forum === true && msg?.is_topic_message === true;
  const threadId = inTopic ? msg?.message_thread_id : undefined;
  return {
    key: threadId === undefined ? { chatId: chat.id } : { chatId: chat.id, threadId },
    kind: chat.type,
  };
}

/** Replies with a polite refusal and returns false when a group member who is not an admin tries to change settings. */
export async function requireAdmin(ctx: BotContext): Promise<boolean> {
  if (await ctx.isChatAdmin()) return true;
  if (ctx.callbackQuery)
    await ctx.answerCallbackQuery({ text: ctx.t('button-admin-only'), show_alert: true });
  else await replyHtml(ctx, ctx.t('admin-only'));
  return false;
}

/** Refuses over-long arguments before any handler parses them. */
export async function refuseLongArguments(ctx: BotContext, next: () => Promise<void>): Promise<void> {
  const text = ctx.message?.text;
  if (text?.startsWith('/')) {
    const space = text.search(/\s/);
    const args = space === -1 ? '' : text.slice(space + 1);
    if (args.length > MAX_ARGUMENT_LENGTH) {
      await replyHtml(ctx, ctx.t('too-long', { max: MAX_ARGUMENT_LENGTH }));
      return;
    }
  }
  await next();
}
