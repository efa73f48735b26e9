import type { Lang } from '../types.js';

/**
 * Second-level suffixes under which the outlet name is the third label from the right
 * (pravda.com.ua, interfax.com.ua), so `www.` / `ru.` / `news.` prefixes never become the outlet.
 */
const COMPOUND_SUFFIXES = new Set(['com.ua', 'org.ua', 'net.ua', 'in.ua', 'kiev.ua', 'kyiv.ua', 'gov.ua']);

/** Path segments that only say which edition this is; removing them makes the two editions' paths equal. */
const LANGUAGE_SEGMENTS = new Set(['ukr', 'ua', 'uk', 'rus', 'ru']);

/** An article id: outlets put it in the path of both editions, while the slug is often translated. */
const ARTICLE_NUMBER = /\d{5,}/g;

/**
 * The outlet name with language variants folded: the label before the public suffix, so unian.ua and
 * unian.net both give `unian`, ukrinform.ua and ukrinform.ru give `ukrinform`, and any subdomain
 * (`www.`, `ru.`, `news.`) is dropped.
 */
function outletOf(hostname: string): string | undefined {
  const labels = hostname
    .toLowerCase()
    .replace(/\.$/, '')
    .split('.')
    .filter((label) => label !== '');
  if (labels.length < 2) return undefined;
  const lastTwo = labels.slice(-2).join('.');
  const nameIndex = COMPOUND_SUFFIXES.has(lastTwo) ? labels.length - 3 : labels.length - 2;
  return nameIndex >= 0 ? labels[nameIndex] : undefined;
}

/**
 * A key shared by the UA and RU editions of one article of one outlet: `outlet#articleNumber` when the path
 * holds a number of 5+ digits (the last one wins: ZN and RBC put the id at the end of the slug), otherwise
 * `outlet` + the path without its language segments (LIGA). Undefined for unparseable or non-article URLs.
 */
export function editionKeyFor(url: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url.trim());
  } catch {
    return undefined;
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return undefined;
  const outlet = outletOf(parsed.hostname);
  if (outlet === undefined) return undefined;

  const path = parsed.pathname.toLowerCase();
  const numbers = path.match(ARTICLE_NUMBER);
  const articleNumber = numbers?.at(-1);
  if (articleNumber !== undefined) return `${outlet}#${articleNumber}`;

  const segments = path.split('/').filter((segment) => segment !== '' && !LANGUAGE_SEGMENTS.has(segment));
  // A front page or a section root is not an article; pairing on it would join unrelated stories.
  if (segments.length < 2) return undefined;
  return `${outlet}/${segments.join('/')}`;
}

export interface EditionCandidate {
  id: string;
  lang: Lang;
  editionKey?: string;
}

/** The id of the other-language edition of `story` among `candidates` (first match), if any. */
export function pairEditions(
  story: EditionCandidate,
  candidates: readonly EditionCandidate[],
): string | undefined {
  if (story.editionKey === undefined) return undefined;
  const match = candidates.find(
    (candidate) =>
      candidate.id !== story.id && candidate.lang !== story.lang && candidate.editionKey === story.editionKey,
  );
  return match?.id;
}
