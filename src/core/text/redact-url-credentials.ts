const AUTHORITY_END = new Set(['/', '?', '#', '\\', '"', "'", '<', '>', ' ', '\t', '\n', '\r']);

/**
 * Masks the `user:password@` part of every URL in a text (a log line, an error message) as `***@`. One forward
 * scan, no regex: the text may be an attacker's feed error or a megabyte log line.
 */
export function redactUrlCredentials(text: string): string {
  let out = '';
  let copied = 0;
  let scheme = text.indexOf('://');
  while (scheme !== -1) {
    const start = scheme + 3;
    let end = start;
    let at = -1;
    while (end < text.length && !AUTHORITY_END.has(text[end] as string)) {
      if (text[end] === '@') at = end;
      end += 1;
    }
    if (at !== -1) {
      out += `${text.slice(copied, start)}***`;
      copied = at;
    }
    scheme = text.indexOf('://', end);
  }
  return copied === 0 ? text : out + text.slice(copied);
}

/** Whether a text holds a URL with `user:password@`. */
export const hasUrlCredentials = (text: string): boolean => redactUrlCredentials(text) !== text;
