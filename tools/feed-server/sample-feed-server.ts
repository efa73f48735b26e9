import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { escapeHtml } from '../../src/core/render/escape-html.js';
import type { Lang } from '../../src/core/types.js';
import { SAMPLE_FEEDS, type SampleItem } from './sample-feeds.js';

export interface SampleFeedServer {
  urls: Record<Lang, string>;
  /** Adds an item to the top of a feed, published at `at`. */
  publish(lang: Lang, item: SampleItem, at: number): void;
  /** The URL of a wire: another outlet's feed in `lang` that lists only what is published to it. */
  wireUrl(name: string, lang: Lang): string;
  /** Adds an item to a wire (the same story as reported by another outlet, at its own address). */
  publishToWire(name: string, item: SampleItem, at: number): void;
  close(): Promise<void>;
}

/** RSS 2.0 for one language; items are dated in the last hour so the digest window always contains them. */
export function sampleRss(
  lang: Lang,
  baseUrl: string,
  now: number,
  extra: readonly { item: SampleItem; at: number }[] = [],
  withSamples = true,
): string {
  const feed = SAMPLE_FEEDS[lang];
  const dated = [
    ...extra,
    ...(withSamples ? feed.items.map((item, index) => ({ item, at: now - (index + 1) * 7 * 60_000 })) : []),
  ];
  const items = dated.map(({ item, at }) =>
    [
      '    <item>',
      `      <title>${escapeHtml(item.title)}</title>`,
      `      <link>${baseUrl}/${lang}/news/${item.slug}.html</link>`,
      `      <guid>${baseUrl}/${lang}/news/${item.slug}.html</guid>`,
      `      <description>${escapeHtml(item.summary)}</description>`,
      `      <category>${escapeHtml(item.category)}</category>`,
      `      <pubDate>${new Date(at).toUTCString()}</pubDate>`,
      '    </item>',
    ].join('\n'),
  );
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<rss version="2.0">',
    '  <channel>',
    `    <title>${feed.title}</title>`,
    `    <link>${baseUrl}/${lang}/</link>`,
    `    <language>${lang}</language>`,
    ...items,
    '  </channel>',
    '</rss>',
    '',
  ].join('\n');
}

/** Serves /uk.xml and /ru.xml on a loopback port. */
export async function startSampleFeedServer(now: () => number = Date.now): Promise<SampleFeedServer> {
  const published: Record<Lang, { item: SampleItem; at: number }[]> = { uk: [], ru: [] };
  const wires = new Map<string, { lang: Lang; items: { item: SampleItem; at: number }[] }>();
  const server = createServer((req, res) => {
    const wire = /^\/wire\/([a-z0-9-]+)\.xml$/.exec(req.url ?? '')?.[1];
    if (wire !== undefined && wires.has(wire)) {
      const { lang, items } = wires.get(wire)!;
      const base = `http://${req.headers.host ?? '127.0.0.1'}/wire/${wire}`;
      res
        .writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8' })
        .end(sampleRss(lang, base, now(), items, false));
      return;
    }
    const lang = /^\/(uk|ru)\.xml$/.exec(req.url ?? '')?.[1] as Lang | undefined;
    if (!lang) {
      res.writeHead(404).end();
      return;
    }
    const base = `http://${req.headers.host ?? '127.0.0.1'}`;
    res
      .writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8' })
      .end(sampleRss(lang, base, now(), published[lang]));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    urls: { uk: `${base}/uk.xml`, ru: `${base}/ru.xml` },
    publish: (lang, item, at) => void published[lang].unshift({ item, at }),
    wireUrl(name, lang) {
      if (!wires.has(name)) wires.set(name, { lang, items: [] });
      return `${base}/wire/${name}.xml`;
    },
    publishToWire(name, item, at) {
      wires.get(name)?.items.unshift({ item, at });
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
