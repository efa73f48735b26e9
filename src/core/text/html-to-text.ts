import { decodeHTML } from 'entities';

const SCRIPT_OR_STYLE = /<(script|style|noscript)\b[^>]*>[\s\S]*?(?:<\/\1\s*>|$)/gi;
const COMMENT = /<!--[\s\S]*?(?:-->|$)/g;
const DECLARATION = /<[!?][^>]*>/g;
// Quoted attribute values may contain `>`; a `<` not followed by a letter or `/` is text ("ціна <100 грн").
const TAG = /<\/?[a-zA-Z][^\s/>]*(?:"[^"]*"|'[^']*'|[^'">])*>/g;
const WHITESPACE = /\s+/g;

/** Plain text of an HTML fragment: tags and script/style bodies dropped, entities decoded, whitespace collapsed. */
export function htmlToText(html: string): string {
  const stripped = html
    .replace(SCRIPT_OR_STYLE, ' ')
    .replace(COMMENT, ' ')
    .replace(DECLARATION, ' ')
    // A space per tag keeps "<p>Один</p><p>Два</p>" from gluing into "ОдинДва"; collapsing removes extras.
    .replace(TAG, ' ');
  return decodeHTML(stripped).replace(WHITESPACE, ' ').trim();
}
