import type { Message } from 'grammy/types';
import { badRequest } from './api-failure.js';
import { assertCanPost, requireChat, unixSeconds, type MethodHandler } from './method-context.js';
import { parseTelegramHtml } from './html-check.js';

/** Telegram's photo limits: 10 MB, width + height at most 10000, ratio at most 20. */
const MAX_PHOTO_BYTES = 10 * 1024 * 1024;
const MAX_CAPTION_UTF16 = 1024;
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Width and height from a PNG's IHDR chunk; the bot sends PNG charts only, so anything else is refused. */
function pngSize(data: Buffer): { width: number; height: number } {
  if (
    data.length < 24 ||
    !data.subarray(0, 8).equals(PNG_SIGNATURE) ||
    data.toString('ascii', 12, 16) !== 'IHDR'
  )
    throw badRequest('IMAGE_PROCESS_FAILED');
  return { width: data.readUInt32BE(16), height: data.readUInt32BE(20) };
}

/** Accepts an uploaded PNG (multipart) with an optional HTML caption, checked as Telegram would. */
const sendPhoto: MethodHandler = (params, ctx) => {
  const chat = requireChat(ctx, params);
  assertCanPost(ctx, chat);
  const upload = params.photo as { data?: Buffer } | undefined;
  if (!upload || typeof upload !== 'object' || !Buffer.isBuffer(upload.data))
    throw badRequest('there is no photo in the request');
  if (upload.data.length > MAX_PHOTO_BYTES) throw badRequest('PHOTO_INVALID_DIMENSIONS');
  const { width, height } = pngSize(upload.data);
  if (width + height > 10_000 || Math.max(width, height) / Math.max(1, Math.min(width, height)) > 20)
    throw badRequest('PHOTO_INVALID_DIMENSIONS');
  const caption = typeof params.caption === 'string' ? params.caption : undefined;
  const parseMode = typeof params.parse_mode === 'string' ? params.parse_mode : undefined;
  const captionText =
    caption === undefined
      ? undefined
      : parseMode?.toLowerCase() === 'html'
        ? parseTelegramHtml(caption).text
        : caption;
  if (captionText !== undefined && captionText.length > MAX_CAPTION_UTF16)
    throw badRequest('message caption is too long');
  const stored = ctx.state.files.add('photo.png', upload.data);
  const message = {
    message_id: ctx.state.nextMessageId(chat.id),
    date: unixSeconds(ctx),
    chat: ctx.state.chatObject(chat),
    from: ctx.state.bot,
    photo: [
      {
        file_id: stored.file_id,
        file_unique_id: stored.file_unique_id,
        width,
        height,
        file_size: upload.data.length,
      },
    ],
    ...(captionText !== undefined ? { caption: captionText } : {}),
  } as Message;
  ctx.state.storeMessage(message);
  ctx.state.files.recordPhoto({
    chat_id: chat.id,
    message_id: message.message_id,
    content: upload.data,
    width,
    height,
    ...(caption !== undefined ? { caption } : {}),
    ...(parseMode !== undefined ? { parse_mode: parseMode } : {}),
  });
  return message;
};

export const photoMethods: Record<string, MethodHandler> = { sendPhoto };
