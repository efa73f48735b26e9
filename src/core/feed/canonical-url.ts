const TRACKING_PARAMS = new Set(['fbclid', 'gclid', 'yclid', 'ref', 'from']);

/**
 * The form of a story URL used for identity, so the same article linked with and without tracking parameters,
 * a fragment or a trailing slash gets one id. Only http(s) URLs have one.
 */
export function canonicalUrl(url: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url.trim());
  } catch {
    return undefined;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return undefined;
  parsed.hash = '';
  parsed.username = '';
  parsed.password = '';
  const kept = [...parsed.searchParams].filter(([key]) => {
    const lower = key.toLowerCase();
    return !lower.startsWith('utm_') && !TRACKING_PARAMS.has(lower);
  });
  kept.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  parsed.search = new URLSearchParams(kept).toString();
  if (parsed.pathname.length > 1 && parsed.pathname.endsWith('/')) {
    parsed.pathname = parsed.pathname.replace(/\/+$/, '') || '/';
  }
  return parsed.toString();
}
