/** Why a feed URL with `user:password@` is refused; shown to whoever configured it. */
export const CREDENTIALS_REFUSED =
  'must not contain a user name or password (user:password@): feeds are fetched without credentials, and a URL holding them would be stored, logged and shown in /feeds';

/** The `user:password@` part of an absolute URL's authority, found with indexOf so it works on invalid URLs too. */
function userInfoRange(text: string): [number, number] | undefined {
  const scheme = text.indexOf('://');
  if (scheme === -1) return undefined;
  const start = scheme + 3;
  let end = text.length;
  for (const stop of ['/', '?', '#', '\\']) {
    const at = text.indexOf(stop, start);
    if (at !== -1 && at < end) end = at;
  }
  const at = text.lastIndexOf('@', end - 1);
  return at >= start ? [start, at] : undefined;
}

export function hasCredentials(url: string): boolean {
  return userInfoRange(url.trim()) !== undefined;
}

/** The URL with any `user:password@` replaced by `***@`, for messages and logs. */
export function redactCredentials(url: string): string {
  const range = userInfoRange(url);
  return range ? `${url.slice(0, range[0])}***${url.slice(range[1])}` : url;
}
