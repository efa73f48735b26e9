/**
 * Hostile feed documents: what an attacker, a broken CMS or a mislabelled server can put in front of the poller.
 * Each is built here (none is stored), so the set is small in git and easy to extend. Every document must end as
 * a typed feed error or as capped, clean stories within its time budget (see hostile-documents.test.ts).
 */
import { gzipSync } from 'node:zlib';
import iconv from 'iconv-lite';

export interface HostileDocument {
  name: string;
  bytes: Uint8Array;
  contentType?: string;
  /** What the document must end as: stories, a parse error, or either. */
  expect: 'stories' | 'error' | 'any';
}

const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);
const DATE = 'Wed, 25 Nov 2026 10:15:00 +0200';

interface ItemParts {
  title?: string;
  description?: string;
  link?: string;
  extra?: string;
  attrs?: string;
}

/** One RSS item; parts are raw XML, so callers decide what is escaped, wrapped in CDATA or left bare. */
export function itemXml(parts: ItemParts, n = 0): string {
  return [
    `<item${parts.attrs ?? ''}>`,
    `<title>${parts.title ?? `Новина ${n}`}</title>`,
    `<link>${parts.link ?? `https://example.com/news/${n}`}</link>`,
    `<description>${parts.description ?? 'Опис новини.'}</description>`,
    `<pubDate>${DATE}</pubDate>`,
    parts.extra ?? '',
    '</item>',
  ].join('');
}

export function rssXml(items: string, head = '<?xml version="1.0" encoding="UTF-8"?>'): string {
  return `${head}<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:yandex="http://news.yandex.ru" xmlns:media="http://search.yahoo.com/mrss/"><channel><title>Hostile</title>${items}</channel></rss>`;
}

const compactItem = (n: number, at: number) =>
  `<item><title>${n}</title><guid>${n}</guid><pubDate>${new Date(at).toISOString().replace('.000', '')}</pubDate></item>`;
const cdata = (text: string) => `<![CDATA[${text}]]>`;
const escapeXml = (text: string) =>
  text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');

/** Inputs that made (or could make) a regex backtrack, one per pattern that ever ran on feed text. */
const BAIT: [string, string][] = [
  ['<a x 4000 (old htmlToText TAG)', '<a'.repeat(4_000)],
  ['<a  x 40000', '<a '.repeat(40_000)],
  ['unclosed comments (old COMMENT)', '<!--'.repeat(30_000)],
  ['unclosed script (old SCRIPT_OR_STYLE)', '<script>'.repeat(20_000)],
  ['unclosed declarations (old DECLARATION)', '<!x'.repeat(30_000)],
  ['quote soup in a tag', `<a ${'"\''.repeat(40_000)}`],
  ['x<p pairs (rss-parser stripHtml)', 'x<p'.repeat(30_000)],
  ['img without src (old IMG_SRC)', '<img '.repeat(30_000)],
  ['img src soup', `<img ${'src= '.repeat(30_000)}`],
  ['ampersand runs (entity repair)', `&${'a'.repeat(100_000)}`],
  ['ampersand pairs', '&a'.repeat(50_000)],
  ['numeric reference digits', `&#${'9'.repeat(100_000)}`],
  ['hex reference digits', `&#x${'f'.repeat(100_000)}`],
  ['whitespace run', `a${' \t\n'.repeat(100_000)}b`],
  ['apostrophe words (topic WORD_TAIL)', `${"а'".repeat(50_000)}`],
  ['one long word (truncateAtWord)', 'б'.repeat(200_000)],
  ['comma soup (TRAILING_PUNCTUATION)', `${', '.repeat(50_000)}x`],
  ['sentence-end soup', `${'. '.repeat(50_000)}x`],
  ['closing quotes before a dot', `${'»'.repeat(50_000)}.`],
  ['double-escaped tag soup', escapeXml('&lt;a'.repeat(20_000))],
];

const FIELDS: [string, (bait: string) => ItemParts | string][] = [
  ['title', (bait) => ({ title: escapeXml(bait) })],
  ['description', (bait) => ({ description: escapeXml(bait) })],
  ['description CDATA', (bait) => ({ description: cdata(bait.replaceAll(']]>', '')) })],
  [
    'yandex:full-text',
    (bait) => ({ description: '', extra: `<yandex:full-text>${escapeXml(bait)}</yandex:full-text>` }),
  ],
  ['category', (bait) => ({ extra: `<category>${escapeXml(bait)}</category>` })],
];

function baitDocuments(): HostileDocument[] {
  const docs: HostileDocument[] = [];
  for (const [baitName, bait] of BAIT) {
    for (const [field, build] of FIELDS) {
      const parts = build(bait);
      const xml = rssXml(typeof parts === 'string' ? parts : itemXml(parts));
      docs.push({ name: `${baitName} in ${field}`, bytes: utf8(xml), expect: 'any' });
    }
  }
  return docs;
}

function structureDocuments(): HostileDocument[] {
  const deep = (n: number, tag = 'div') => `${`<${tag}>`.repeat(n)}x${`</${tag}>`.repeat(n)}`;
  const items = (count: number, make: (n: number) => string) =>
    Array.from({ length: count }, (_, n) => make(n)).join('');
  return [
    {
      name: '10^5 nested XML elements in a description',
      xml: rssXml(itemXml({ description: deep(100_000) })),
    },
    {
      name: '10^5 nested XML elements, unclosed',
      xml: rssXml(itemXml({ description: '<div>'.repeat(100_000) })),
    },
    {
      name: '10^5 nested HTML elements in CDATA',
      xml: rssXml(itemXml({ description: cdata(deep(100_000)) })),
    },
    { name: '10^5 nested escaped HTML', xml: rssXml(itemXml({ description: escapeXml(deep(100_000)) })) },
    { name: '10^5 nested items', xml: rssXml('<item>'.repeat(100_000)) },
    {
      name: '10^5 attributes on an item',
      xml: rssXml(itemXml({ attrs: Array.from({ length: 100_000 }, (_, i) => ` a${i}="${i}"`).join('') })),
    },
    {
      name: '10^5 attributes on an HTML tag',
      xml: rssXml(itemXml({ description: cdata(`<a ${'x="1" '.repeat(100_000)}>текст</a>`) })),
    },
    {
      name: '10^5 duplicate attributes on an item',
      xml: rssXml(itemXml({ attrs: ' a="1"'.repeat(100_000) })),
    },
    // Compact items, so 50,000 of them fit under the fetcher's 5 MB body cap like a real hostile feed must.
    {
      name: '50,000 items',
      xml: rssXml(items(50_000, (n) => compactItem(n, Date.UTC(2026, 0, 2) - n * 1000))),
    },
    {
      name: '50,000 items oldest first',
      xml: rssXml(items(50_000, (n) => compactItem(n, Date.UTC(2026, 0, 1) + n * 1000))),
    },
    {
      name: '5,000 items sharing one guid',
      xml: rssXml(items(5_000, () => itemXml({ link: 'https://e.com/a' }))),
    },
    { name: '1 MB title', xml: rssXml(itemXml({ title: 'Заголовок '.repeat(100_000) })) },
    {
      name: '1 MB title of markup',
      xml: rssXml(itemXml({ title: escapeXml('<b>Жирний</b> '.repeat(70_000)) })),
    },
    { name: '1 MB description', xml: rssXml(itemXml({ description: 'Опис новини. '.repeat(80_000) })) },
    { name: '1 MB link', xml: rssXml(itemXml({ link: `https://example.com/${'a'.repeat(1_000_000)}` })) },
    {
      name: '1 MB guid only',
      xml: rssXml(`<item><title>Т</title><guid>${'g'.repeat(1_000_000)}</guid></item>`),
    },
    {
      name: '10,000 categories',
      xml: rssXml(itemXml({ extra: items(10_000, (n) => `<category>Категорія ${n}</category>`) })),
    },
    {
      name: '1 MB category',
      xml: rssXml(itemXml({ extra: `<category>${'к'.repeat(1_000_000)}</category>` })),
    },
    { name: '1 MB date', xml: rssXml(itemXml({ extra: `<dc:date>${' 2026 '.repeat(200_000)}</dc:date>` })) },
    {
      name: 'date made of zone letters',
      xml: rssXml(itemXml({ extra: `<published>${'EEST'.repeat(100_000)}</published>` })),
    },
    { name: 'DOCTYPE with 1 MB of spaces (old feedRootOf)', xml: `<!DOCTYPE rss${' '.repeat(1_000_000)}` },
    { name: 'unclosed processing instruction', xml: `<?xml ${'?'.repeat(1_000_000)}` },
    { name: 'unclosed CDATA x 100,000 (old prepareFeedXml)', xml: rssXml('<![CDATA['.repeat(100_000)) },
    { name: 'unclosed comments x 100,000 in the channel', xml: rssXml('<!--'.repeat(100_000)) },
    { name: 'junk before the root', xml: `${'junk '.repeat(200_000)}${rssXml(itemXml({}))}` },
    {
      name: 'Atom with 10^5 links',
      xml: `<feed xmlns="http://www.w3.org/2005/Atom"><entry><title>A</title>${'<link href="https://e.com/x"/>'.repeat(100_000)}</entry></feed>`,
    },
    {
      name: 'Atom xhtml 10^5 deep',
      xml: `<feed xmlns="http://www.w3.org/2005/Atom"><entry><title>A</title><id>x</id><content type="xhtml">${deep(100_000)}</content></entry></feed>`,
    },
    {
      name: 'RDF with 20,000 items',
      xml: `<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"><channel><title>R</title></channel>${items(20_000, (n) => `<item rdf:about="https://e.com/${n}"><title>Т ${n}</title><link>https://e.com/${n}</link></item>`)}</rdf:RDF>`,
    },
  ].map(({ name, xml }) => ({ name, bytes: utf8(xml), expect: 'any' as const }));
}

function encodingDocuments(): HostileDocument[] {
  const good = rssXml(itemXml({ title: 'Київ і Харків', description: 'Ґрунтові дороги — «ремонт».' }));
  const win1251 = iconv.encode(good.replace('UTF-8', 'windows-1251'), 'windows-1251');
  const docs: HostileDocument[] = [
    {
      name: 'invalid UTF-8 bytes in a title',
      bytes: withBytes(good, 'Київ', [0xff, 0xfe, 0xc0, 0x80]),
      expect: 'any',
    },
    { name: 'truncated multi-byte sequence', bytes: withBytes(good, 'Київ', [0xd0]), expect: 'any' },
    {
      name: 'overlong encoding of <',
      bytes: withBytes(good, 'Київ', [0xc0, 0xbc, 0x62, 0x3e]),
      expect: 'any',
    },
    { name: 'CESU-encoded surrogate', bytes: withBytes(good, 'Київ', [0xed, 0xa0, 0x80]), expect: 'any' },
    {
      name: 'windows-1251 bytes declared UTF-8 everywhere',
      bytes: iconv.encode(good, 'windows-1251'),
      contentType: 'application/rss+xml; charset=utf-8',
      expect: 'any',
    },
    {
      name: 'windows-1251 declared koi8-r by the header',
      bytes: win1251,
      contentType: 'text/xml; charset=koi8-r',
      expect: 'any',
    },
    {
      name: 'UTF-8 declared UTF-16 by the header',
      bytes: utf8(good),
      contentType: 'text/xml; charset=utf-16',
      expect: 'any',
    },
    {
      name: 'UTF-16LE without a BOM declared UTF-8',
      bytes: iconv.encode(good, 'utf-16le'),
      contentType: 'text/xml; charset=utf-8',
      expect: 'any',
    },
    {
      name: 'unknown charset label',
      bytes: utf8(good.replace('UTF-8', 'x-klingon')),
      contentType: 'text/xml; charset=x-klingon',
      expect: 'stories',
    },
    {
      name: 'charset label of 1 MB',
      bytes: utf8(good),
      contentType: `text/xml; charset=${'u'.repeat(1_000_000)}`,
      expect: 'stories',
    },
    { name: 'NUL bytes everywhere', bytes: utf8(good.split('').join('\u0000')), expect: 'any' },
    {
      name: 'random bytes',
      bytes: Uint8Array.from({ length: 100_000 }, (_, i) => (i * 7919) % 256),
      expect: 'error',
    },
    { name: 'gzip bytes served as text', bytes: gzipSync(utf8(good)), expect: 'error' },
    { name: 'BOM then nothing', bytes: Uint8Array.from([0xef, 0xbb, 0xbf]), expect: 'error' },
    {
      name: 'UTF-32 BOM',
      bytes: Uint8Array.from([0xff, 0xfe, 0, 0, ...iconv.encode(good, 'utf-16le')]),
      expect: 'any',
    },
  ];
  return docs;
}

function withBytes(xml: string, after: string, extra: number[]): Uint8Array {
  const [head, tail] = [
    xml.slice(0, xml.indexOf(after) + after.length),
    xml.slice(xml.indexOf(after) + after.length),
  ];
  return Uint8Array.from([...utf8(head), ...extra, ...utf8(tail)]);
}

function entityDocuments(): HostileDocument[] {
  const cases: [string, string][] = [
    ['escaped script', escapeXml('<script>alert(1)</script>Текст')],
    ['triple-escaped tags', '&amp;amp;lt;b&amp;amp;gt;Текст&amp;amp;lt;/b&amp;amp;gt;'],
    ['NUL reference', '&#0;Текст&#x0;'],
    ['beyond Unicode', '&#x110000;&#99999999;Текст'],
    ['surrogate references', '&#xD800;&#xDFFF;Текст'],
    ['control references', '&#1;&#27;&#127;&#x85;Текст'],
    ['zero-width and bidi', '&#x200B;&#x202E;Текст&#xFEFF;'],
    ['unknown entities', '&foo;&bar;&laquo;Текст&raquo;'],
    ['entity without semicolon', '&ampТекст &lt &gt'],
    ['telegram HTML injection', escapeXml('</a><a href="tg://resolve?domain=x">клік</a><b>жирний')],
    ['javascript link in description', escapeXml('<a href="javascript:alert(1)">Текст</a>')],
    ['markup in the title', '&lt;b&gt;Заголовок&lt;/b&gt; &amp;lt;i&amp;gt;двічі&amp;lt;/i&amp;gt;'],
  ];
  const docs = cases.map(([name, text]) => ({
    name: `entity trick: ${name}`,
    bytes: utf8(rssXml(itemXml({ title: text, description: text }))),
    expect: 'any' as const,
  }));
  docs.push(
    {
      name: 'billion laughs DTD',
      bytes: utf8(
        `<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">]>${rssXml(itemXml({ title: '&d;&d;&d;&d;' }), '')}`,
      ),
      expect: 'any',
    },
    {
      name: 'external entity (XXE)',
      bytes: utf8(
        `<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY x SYSTEM "file:///etc/passwd">]>${rssXml(itemXml({ title: '&x;' }), '')}`,
      ),
      expect: 'any',
    },
    {
      name: 'link schemes',
      bytes: utf8(
        rssXml(
          [
            'javascript:alert(1)',
            'data:text/html,x',
            'file:///etc/passwd',
            'https://user:pass@example.com/a',
            'tg://x',
          ]
            .map((link, n) => itemXml({ link: escapeXml(link) }, n))
            .join(''),
        ),
      ),
      expect: 'any',
    },
  );
  return docs;
}

/** Every hostile document of the set (more than 100). */
export function hostileDocuments(): HostileDocument[] {
  return [...baitDocuments(), ...structureDocuments(), ...encodingDocuments(), ...entityDocuments()];
}
