/** Escapes text for Telegram HTML (parse_mode HTML): `&`, `<`, `>` and `"` (the last for attribute values). */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
