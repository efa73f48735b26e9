import type { MessageEntity } from 'grammy/types';
import { badRequest } from './api-failure.js';
import { parseTelegramHtml, type ParsedText } from './html-check.js';

export const MAX_TEXT_UTF16 = 4096;
export const MAX_ENTITIES = 100;

/**
 * Turns sendMessage/editMessageText input into what Telegram would store, rejecting what it rejects.
 * MarkdownV2 is passed through unparsed: the bot renders HTML only.
 */
export function parseMessageText(text: unknown, parseMode: unknown, entities: unknown): ParsedText {
  if (typeof text !== 'string' || text.length === 0) throw badRequest('message text is empty');
  const parsed: ParsedText =
    typeof parseMode === 'string' && parseMode.toLowerCase() === 'html'
      ? parseTelegramHtml(text)
      : { text, entities: Array.isArray(entities) ? (entities as MessageEntity[]) : [] };
  if (parsed.text.trim().length === 0) throw badRequest('message text is empty');
  // String length is UTF-16 code units, which is what Telegram counts.
  if (parsed.text.length > MAX_TEXT_UTF16) throw badRequest('message is too long');
  // Telegram silently drops formatting past 100 entities; the fake is stricter so a renderer bug shows up in tests.
  if (parsed.entities.length > MAX_ENTITIES)
    throw badRequest(`too many entities: ${parsed.entities.length} > ${MAX_ENTITIES}`);
  return parsed;
}
