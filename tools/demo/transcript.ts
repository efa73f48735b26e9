import type { InlineKeyboardMarkup } from 'grammy/types';

/** Formats the demo conversation for a terminal: who speaks, the text as the user sees it, and any buttons. */
export function userLine(name: string, text: string): string {
  return `\n👤 ${name}: ${text}`;
}

export function botLines(text: string, markup?: InlineKeyboardMarkup, note?: string): string {
  const body = text
    .split('\n')
    .map((line) => `   ${line}`)
    .join('\n');
  const buttons = (markup?.inline_keyboard ?? []).map((row) =>
    row.map((button) => `[${button.text}]`).join(' '),
  );
  return [
    `🤖 bot${note ? ` (${note})` : ''}:`,
    body,
    ...(buttons.length > 0 ? [`   ${buttons.join(' ')}`] : []),
  ].join('\n');
}
