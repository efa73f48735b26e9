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

const FEED_ID = /^[0-9a-f]{10}$/;

/** Whether text has the shape of an id made by feedIdFor; anything else never reaches a Redis key. */
export const isFeedId = (text: string): boolean => FEED_ID.test(text);

/**
 * What an operator's feed reference names: a feed id as is, an http(s) URL as the id it hashes to, anything
 * else nothing (undefined), so a raw argument is never used as a key suffix.
 */
export function feedIdFromRef(ref: string): string | undefined {
  const text = ref.trim();
  if (isFeedId(text)) return text;
  if (text.length > 2_048 || !URL.canParse(text)) return undefined;
  const { protocol } = new URL(text);
  return protocol === 'http:' || protocol === 'https:' ? feedIdFor(text) : undefined;
}
