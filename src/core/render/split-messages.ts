import { MAX_MESSAGE_ENTITIES, MAX_MESSAGE_UTF16, type HtmlBlock } from './telegram-html.js';

export interface SplitLimits {
  maxLength: number;
  maxEntities: number;
}

const SEPARATOR = '\n\n';

/**
 * Packs blocks (one digest entry each, never cut) into as few messages as fit Telegram's limits, in order. A block
 * that alone breaks a limit cannot be sent as HTML at all; the renderer keeps blocks far below that.
 */
export function splitMessages(
  blocks: readonly HtmlBlock[],
  limits: SplitLimits = { maxLength: MAX_MESSAGE_UTF16, maxEntities: MAX_MESSAGE_ENTITIES },
): string[] {
  const messages: string[] = [];
  let html = '';
  let length = 0;
  let entities = 0;
  for (const block of blocks) {
    if (block.text.length === 0) continue;
    const extra = html === '' ? 0 : SEPARATOR.length;
    if (
      html !== '' &&
      (length + extra + block.text.length > limits.maxLength ||
        entities + block.entities > limits.maxEntities)
    ) {
      messages.push(html);
      html = '';
      length = 0;
      entities = 0;
    }
    const separator = html === '' ? '' : SEPARATOR;
    html += separator + block.html;
    length += separator.length + block.text.length;
    entities += block.entities;
  }
  if (html !== '') messages.push(html);
  return messages;
}
