import { createHash } from 'node:crypto';

/**
 * A short, stable feed id derived from the URL, so the same URL in the feeds file and in an operator command
 * names the same feed across restarts. Scheme and host case do not matter; the rest of the URL does.
 */
export function feedIdFor(url: string): string {
  let key = url.trim();
  try {
    const parsed = new URL(key);
    parsed.hash = '';
    key = parsed.toString();
  } catch {
    // An unparseable URL still gets an id; validation reports the URL itself.
  }
  return createHash('sha1').update(key).digest('hex').slice(0, 10);
}
