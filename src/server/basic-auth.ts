import { createHash, timingSafeEqual } from 'node:crypto';

const digest = (text: string) => createHash('sha256').update(text, 'utf8').digest();

/**
 * Checks an `Authorization: Basic` header in constant time. Both sides are hashed first, so neither the
 * comparison nor an early length mismatch tells an attacker how much of a guess was right.
 */
export function basicAuthOk(header: string | undefined, user: string, password: string): boolean {
  const match = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header ?? '');
  const decoded = match ? Buffer.from(match[1] ?? '', 'base64').toString('utf8') : '';
  const colon = decoded.indexOf(':');
  const givenUser = colon === -1 ? '' : decoded.slice(0, colon);
  const givenPassword = colon === -1 ? '' : decoded.slice(colon + 1);
  const userOk = timingSafeEqual(digest(givenUser), digest(user));
  const passwordOk = timingSafeEqual(digest(givenPassword), digest(password));
  return match !== null && colon !== -1 && userOk && passwordOk;
}
