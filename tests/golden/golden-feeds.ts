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
  /** Every link in the digest is an article of this outlet in the reader's edition (never the feed server). */
  articleLink: RegExp;
}

export const GOLDEN_FEEDS: readonly GoldenFeed[] = [
  {
    file: 'ukranews-ru.xml',
    name: 'Українські Новини',
    lang: 'ru',
    contentType: 'application/rss+xml',
    // The UK edition lives under /ua/.
    articleLink: /^https:\/\/ukranews\.com\/(?!ua\/)/,
  },
  {
    file: 'pravda-ru-windows-1251.xml',
    name: 'Українська правда',
    lang: 'ru',
    contentType: 'text/xml',
    // The RU edition is /rus/ on www and on Економічна правда; the columns of life.pravda have one edition.
    articleLink:
      /^https:\/\/(?:www\.pravda\.com\.ua\/rus\/|www\.epravda\.com\.ua\/rus\/|life\.pravda\.com\.ua\/)/,
  },
  {
    file: 'liga-ru-2020.xml',
    name: 'ЛІГА.net',
    lang: 'ru',
    contentType: 'application/rss+xml; charset=utf-8',
    articleLink: /^https:\/\/(?:news\.|www\.)liga\.net\/(?!ua\/)/,
  },
  {
    file: 'liga-ru-2021.xml',
    name: 'ЛІГА.net',
    lang: 'ru',
    contentType: 'application/rss+xml; charset=utf-8',
    articleLink: /^https:\/\/(?:news\.|www\.)liga\.net\/(?!ua\/)/,
  },
  {
    file: 'ukranews-ru-interviews.xml',
    name: 'Українські Новини',
    lang: 'ru',
    contentType: 'application/rss+xml',
    articleLink: /^https:\/\/ukranews\.com\/(?!ua\/)/,
  },
  {
    file: 'unian-uk.xml',
    name: 'УНІАН',
    lang: 'uk',
    contentType: 'application/rss+xml; charset=utf-8',
    // The RU edition was www.unian.net.
    articleLink: /^https:\/\/www\.unian\.ua\//,
  },
  {
    file: 'fotoinform-ru-2010.xml',
    name: 'FotoInform',
    lang: 'ru',
    contentType: 'application/rss+xml',
    // A Kirovohrad outlet published in Russian only, over plain http in 2010.
    articleLink: /^http:\/\/fotka\.kr\.ua\/news\/20\d\d\//,
  },
  {
    file: 'ukrrudprom-ru-2014.xml',
    name: 'Укррудпром',
    lang: 'ru',
    contentType: 'application/rss+xml',
    articleLink: /^http:\/\/ukrrudprom\.ua\/news\//,
  },
];

/** A clock after every golden item, so none is in the future and the digest is the same on every run. */
export const GOLDEN_NOW = Date.parse('2021-09-01T09:00:00Z');

export function goldenFeedBytes(feed: GoldenFeed): Buffer {
  return readFileSync(new URL(`feeds/${feed.file}`, import.meta.url));
}

export const goldenDigestUrl = (feed: GoldenFeed) =>
  new URL(`digests/${feed.file.replace(/\.xml$/, '')}.txt`, import.meta.url);
