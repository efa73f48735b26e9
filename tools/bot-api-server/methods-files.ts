import type { Message } from 'grammy/types';
import { badRequest } from './api-failure.js';
import { assertCanPost, requireChat, unixSeconds, type MethodHandler } from './method-context.js';

const getFile: MethodHandler = (params, ctx) => {
  const file = ctx.state.files.get(String(params.file_id ?? ''));
  if (!file) throw badRequest('invalid file_id');
  return {
    file_id: file.file_id,
    file_unique_id: file.file_unique_id,
    file_size: file.content.length,
    file_path: file.file_path,
  };
};

/** Accepts an uploaded document (multipart); a file_id or URL string is refused, the bot never sends those. */
const sendDocument: MethodHandler = (params, ctx) => {
  const chat = requireChat(ctx, params);
  assertCanPost(ctx, chat);
  const upload = params.document as { file_name?: string; data?: Buffer } | undefined;
  if (!upload || typeof upload !== 'object' || !Buffer.isBuffer(upload.data)) {
    throw badRequest('there is no document in the request');
  }
  const stored = ctx.state.files.add(upload.file_name ?? 'document', upload.data);
  const message = {
    message_id: ctx.state.nextMessageId(chat.id),
    date: unixSeconds(ctx),
    chat: ctx.state.chatObject(chat),
    from: ctx.state.bot,
    document: {
      file_id: stored.file_id,
      file_unique_id: stored.file_unique_id,
      file_name: stored.file_name,
      file_size: stored.content.length,
    },
    ...(typeof params.caption === 'string' ? { caption: params.caption } : {}),
  } as Message;
  ctx.state.storeMessage(message);
  ctx.state.files.recordDocument({
    chat_id: chat.id,
    message_id: message.message_id,
    file_name: stored.file_name,
    content: stored.content,
    ...(typeof params.caption === 'string' ? { caption: params.caption } : {}),
    message,
  });
  return message;
};

export const fileMethods: Record<string, MethodHandler> = { getFile, sendDocument };
