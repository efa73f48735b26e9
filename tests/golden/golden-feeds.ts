/**
 * The real outlet feeds of tests/golden/feeds (sources in SOURCES.md) and how the bot is configured for each.
 * Shared by the golden test (preview) and the Bot API digest test.
 */
import { readFileSync } from 'node:fs';
import type { Lang } from '../../src/core/types.js';

export interface GoldenFeed {
  /** File in tests/golden/feeds; also names the golden digest. */
  file: string;
  name: string;
  lang: Lang;
  /** What a server would send; the windows-1251 feed relies on its XML declaration. */
  contentType: string;
}

export const GOLDEN_FEEDS: readonly GoldenFeed[] = [
  { file: 'ukranews-ru.xml', name: 'Українські Новини', lang: 'ru', contentType: 'application/rss+xml' },
  { file: 'pravda-ru-windows-1251.xml', name: 'Українська правда', lang: 'ru', contentType: 'text/xml' },
  {
    file: 'liga-ru-2020.xml',
    name: 'ЛІГА.net',
    lang: 'ru',
    contentType: 'application/rss+xml; charset=utf-8',
  },
  {
    file: 'liga-ru-2021.xml',
    name: 'ЛІГА.net',
    lang: 'ru',
    contentType: 'application/rss+xml; charset=utf-8',
  },
  {
    file: 'ukranews-ru-interviews.xml',
    name: 'Українські Новини',
    lang: 'ru',
    contentType: 'application/rss+xml',
  },
  { file: 'unian-uk.xml', name: 'УНІАН', lang: 'uk', contentType: 'application/rss+xml; charset=utf-8' },
];

/** A clock after every golden item, so none is in the future and the digest is the same on every run. */
export const GOLDEN_NOW = Date.parse('2021-09-01T09:00:00Z');

export function goldenFeedBytes(feed: GoldenFeed): Buffer {
  return readFileSync(new URL(`feeds/${feed.file}`, import.meta.url));
}

export const goldenDigestUrl = (feed: GoldenFeed) =>
  new URL(`digests/${feed.file.replace(/\.xml$/, '')}.txt`, import.meta.url);
