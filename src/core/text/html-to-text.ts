import { Parser } from 'htmlparser2';

/** Input beyond this is never looked at: a summary needs 400 characters, a title 300. */
export const HTML_INPUT_MAX_CHARS = 20_000;

// Text inside these is code or styling, never prose.
const SKIPPED = new Set(['script', 'style', 'noscript', 'template', 'iframe', 'svg', 'head', 'title']);
// These run into their neighbours without a gap ("<b>Ки</b>їв" is one word); every other tag separates words.
const INLINE = new Set([
  'a',
  'abbr',
  'b',
  'bdi',
  'bdo',
  'cite',
  'code',
  'data',
  'del',
  'dfn',
  'em',
  'font',
  'i',
  'ins',
  'kbd',
  'mark',
  'q',
  's',
  'samp',
  'small',
  'span',
  'strike',
  'strong',
  'sub',
  'sup',
  'time',
  'tt',
  'u',
  'var',
  'wbr',
]);
// A `<` followed by a letter, `/` or `!` (a tag, a comment) or an entity left after a round means the source was
// escaped twice. Both patterns have one quantifier over disjoint classes, so they run in linear time.
const MARKUP_LEFT = /<[a-zA-Z/!]|&(?:#\d{1,7}|#x[0-9a-fA-F]{1,6}|[a-zA-Z]{2,31}\d{0,2});/;
// C0/C1 controls (but tab and newline) and lone surrogates are never text a reader should get.
// eslint-disable-next-line no-control-regex -- stripping control characters is the point
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u200b\ufeff]/g;
const WHITESPACE = /\s+/g;
// A numeric reference longer than any code point makes the entity decoder throw (its value overflows to NaN);
// no real one has that many digits. One quantifier over digits, tried only at `&#`: linear.
const OVERLONG_REFERENCE = /&#(?:[xX][0-9a-fA-F]{7,}|\d{8,});?/g;

/**
 * Plain text of an HTML fragment: tags and script/style bodies dropped, entities decoded, whitespace collapsed.
 * Runs htmlparser2's tokenizer (a state machine, linear in the input) over at most `maxInput` characters. When the
 * result still holds markup or entities (HTML escaped twice, as ukranews sends in `yandex:full-text`), it runs once
 * more; never a third time, so `&amp;amp;lt;` stays visible text instead of costing another pass.
 */
export function htmlToText(html: string, maxInput = HTML_INPUT_MAX_CHARS): string {
  // Controls go first: left in, `<\u0000a` would hide a tag from the tokenizer and turn into `<a` afterwards.
  const input = (html.length > maxInput ? html.slice(0, maxInput) : html).replace(CONTROL, '');
  const once = stripOnce(input);
  const twice = MARKUP_LEFT.test(once) ? stripOnce(once) : once;
  const text = MARKUP_LEFT.test(twice) ? defuseMarkup(twice) : twice;
  return text.replace(CONTROL, '').replace(WHITESPACE, ' ').trim();
}

/**
 * What still looks like a tag after two rounds (escaped three times, or an unclosed `<!x<!x` the tokenizer hands
 * back as text) loses its `<`, so no reader ever sees markup; "ціна <100 грн" keeps its `<`. One pass.
 */
function defuseMarkup(text: string): string {
  let out = '';
  let from = 0;
  for (let at = text.indexOf('<'); at !== -1; at = text.indexOf('<', at)) {
    // A run of `<` before a letter ("<<A") goes whole: dropping only the last would leave "<A".
    let end = at;
    while (text.charAt(end) === '<') end += 1;
    if (/[a-zA-Z/!?]/.test(text.charAt(end))) {
      out += text.slice(from, at);
      from = end;
    }
    at = end;
  }
  return out + text.slice(from);
}

function stripOnce(html: string): string {
  if (!html.includes('<') && !html.includes('&')) return html;
  const input = html.includes('&#') ? html.replace(OVERLONG_REFERENCE, '\uFFFD') : html;
  const parts: string[] = [];
  let skipping = 0;
  const parser = new Parser(
    {
      onopentagname(name) {
        if (SKIPPED.has(name)) skipping += 1;
        else if (!INLINE.has(name)) parts.push(' ');
      },
      onclosetag(name, implied) {
        if (SKIPPED.has(name)) skipping = Math.max(0, skipping - 1);
        else if (!INLINE.has(name) && !implied) parts.push(' ');
      },
      ontext(text) {
        if (skipping === 0) parts.push(text);
      },
    },
    { decodeEntities: true, lowerCaseTags: true, recognizeSelfClosing: true },
  );
  parser.end(input);
  return parts.join('');
}
