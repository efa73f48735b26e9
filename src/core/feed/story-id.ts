import { createHash } from 'node:crypto';

/** A short, stable story id: the first 16 hex characters of the SHA-1 of a canonical URL or a guid. */
export function storyIdFor(canonicalUrlOrGuid: string): string {
  return createHash('sha1').update(canonicalUrlOrGuid).digest('hex').slice(0, 16);
}
