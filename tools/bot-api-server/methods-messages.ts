import type { InlineKeyboardMarkup, LinkPreviewOptions, Message, MessageEntity } from 'grammy/types';
import { badRequest } from './api-failure.js';
import { assertCanPost, requireChat, requireInt, unixSeconds, type MethodHandler } from './method-context.js';
import { parseMessageText } from './message-text.js';
import type { SentMessage } from './types.js';

const NOT_MODIFIED =
  'message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message';

const isInlineKeyboard = (markup: unknown): markup is InlineKeyboardMarkup =>
  typeof markup === 'object' &&
  markup !== null &&
  Array.isArray((markup as InlineKeyboardMarkup).inline_keyboard);

/** An empty inline keyboard means "no keyboard", as in the API. */
const keyboardOf = (markup: unknown): InlineKeyboardMarkup | undefined =>
  isInlineKeyboard(markup) && markup.inline_keyboard.length > 0 ? markup : undefined;

const sendMessage: MethodHandler = (params, ctx) => {
  const chat = requireChat(ctx, params);
  assertCanPost(ctx, chat);
  const parsed = parseMessageText(params.text, params.parse_mode, params.entities);
  const paid = params.allow_paid_broadcast === true || params.allow_paid_broadcast === 'true';
  ctx.limiter?.admit(chat.id, chat.type, paid, ctx.nowMs());
  const threadId = params.message_thread_id === undefined ? undefined : Number(params.message_thread_id);
  const keyboard = keyboardOf(params.reply_markup);
  const linkPreview = params.link_preview_options as LinkPreviewOptions | undefined;
  const message = {
    message_id: ctx.state.nextMessageId(chat.id),
    date: unixSeconds(ctx),
    chat: ctx.state.chatObject(chat),
    // Channel posts have a sender_chat instead of a from.
    ...(chat.type === 'channel' ? { sender_chat: ctx.state.chatObject(chat) } : { from: ctx.state.bot }),
    ...(threadId !== undefined && chat.is_forum
      ? { message_thread_id: threadId, is_topic_message: true }
      : {}),
    text: parsed.text,
    ...(parsed.entities.length ? { entities: parsed.entities } : {}),
    ...(linkPreview ? { link_preview_options: linkPreview } : {}),
    ...(keyboard ? { reply_markup: keyboard } : {}),
  } as Message;
  const sent: SentMessage = {
    chat_id: chat.id,
    message_id: message.message_id,
    ...(threadId !== undefined ? { message_thread_id: threadId } : {}),
    text: params.text as string,
    ...(typeof params.parse_mode === 'string' ? { parse_mode: params.parse_mode } : {}),
    ...(Array.isArray(params.entities) ? { entities: params.entities as MessageEntity[] } : {}),
    ...(params.reply_markup !== undefined
      ? { reply_markup: params.reply_markup as InlineKeyboardMarkup }
      : {}),
    ...(linkPreview ? { link_preview_options: linkPreview } : {}),
    ...(params.disable_notification !== undefined
      ? { disable_notification: params.disable_notification === true }
      : {}),
    ...(params.allow_paid_broadcast !== undefined ? { allow_paid_broadcast: paid } : {}),
    at: ctx.nowMs(),
    edited: 0,
    deleted: false,
    message,
  };
  ctx.state.recordSent(sent);
  return message;
};

/** Records an edit on the sent-message log, as both edit methods do. */
function applyEdit(
  record: SentMessage,
  message: Message,
  keyboard: InlineKeyboardMarkup | undefined,
  ctx: Parameters<MethodHandler>[1],
): Message {
  if (keyboard) record.reply_markup = keyboard;
  else delete record.reply_markup;
  record.edited += 1;
  record.message = message;
  ctx.state.storeMessage(message);
  return message;
}

const editableRecord: (...a: Parameters<MethodHandler>) => SentMessage | true = (params, ctx) => {
  if (params.inline_message_id !== undefined) return true;
  const chat = requireChat(ctx, params);
  const messageId = requireInt(params, 'message_id');
  const record = ctx.state.sentRecord(chat.id, messageId);
  if (!record || record.deleted) {
    if (ctx.state.message(chat.id, messageId)) throw badRequest("message can't be edited");
    throw badRequest('message to edit not found');
  }
  return record;
};

const editMessageText: MethodHandler = (params, ctx) => {
  const record = editableRecord(params, ctx);
  if (record === true) return true;
  const parsed = parseMessageText(params.text, params.parse_mode, params.entities);
  // Omitting reply_markup on a text edit removes the inline keyboard, as Telegram does.
  const keyboard = keyboardOf(params.reply_markup);
  const old = record.message as Message.TextMessage;
  const same =
    old.text === parsed.text &&
    JSON.stringify(old.entities ?? []) === JSON.stringify(parsed.entities) &&
    JSON.stringify(old.reply_markup) === JSON.stringify(keyboard);
  if (same) throw badRequest(NOT_MODIFIED);
  const { entities: _e, reply_markup: _r, ...rest } = old;
  const message = {
    ...rest,
    text: parsed.text,
    ...(parsed.entities.length ? { entities: parsed.entities } : {}),
    ...(keyboard ? { reply_markup: keyboard } : {}),
    edit_date: unixSeconds(ctx),
  } as Message;
  record.text = params.text as string;
  if (typeof params.parse_mode === 'string') record.parse_mode = params.parse_mode;
  else delete record.parse_mode;
  return applyEdit(record, message, keyboard, ctx);
};

const editMessageReplyMarkup: MethodHandler = (params, ctx) => {
  const record = editableRecord(params, ctx);
  if (record === true) return true;
  const keyboard = keyboardOf(params.reply_markup);
  if (JSON.stringify(record.message.reply_markup) === JSON.stringify(keyboard))
    throw badRequest(NOT_MODIFIED);
  const { reply_markup: _r, ...rest } = record.message;
  const message = {
    ...rest,
    ...(keyboard ? { reply_markup: keyboard } : {}),
    edit_date: unixSeconds(ctx),
  } as Message;
  return applyEdit(record, message, keyboard, ctx);
};

const deleteMessage: MethodHandler = (params, ctx) => {
  const chat = requireChat(ctx, params);
  if (!ctx.state.deleteMessage(chat.id, requireInt(params, 'message_id')))
    throw badRequest('message to delete not found');
  return true;
};

const answerCallbackQuery: MethodHandler = (params, ctx) => {
  const query = ctx.state.callbackQueries.get(String(params.callback_query_id));
  if (!query || query.answered) {
    throw badRequest('query is too old and response timeout expired or query ID is invalid');
  }
  query.answered = true;
  query.answer = params;
  return true;
};

export const messageMethods: Record<string, MethodHandler> = {
  sendMessage,
  editMessageText,
  editMessageReplyMarkup,
  deleteMessage,
  answerCallbackQuery,
};
