/**
 * Golden digests of real outlet feeds, rendered by `newsdigest preview` exactly as a reader gets them. Each golden
 * file was read and approved by a person (tests/golden/README.md): a change to one fails this test until someone
 * looks at the new output and re-records it on purpose with GOLDEN_UPDATE=1.
 */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runPreview } from '../../src/cli/preview.js';
import { bytes, startFeedServer, type FeedServer } from '../../tools/feed-server/server.js';
import {
  GOLDEN_FEEDS,
  GOLDEN_NOW,
  goldenDigestUrl,
  goldenFeedBytes,
  type GoldenFeed,
} from './golden-feeds.js';

const UPDATE = process.env['GOLDEN_UPDATE'] === '1';
let server: FeedServer;
const dir = mkdtempSync(join(tmpdir(), 'golden-'));

beforeAll(async () => {
  server = await startFeedServer();
  for (const feed of GOLDEN_FEEDS)
    server.route(`/${feed.file}`, bytes(goldenFeedBytes(feed), feed.contentType));
});
afterAll(async () => {
  await server.close();
});

/** `newsdigest preview --html` (Telegram HTML as sent) or plain (links spelled out) for one golden feed. */
export async function previewOf(feed: GoldenFeed, html: boolean): Promise<string> {
  const file = join(dir, `${feed.file}.yaml`);
  writeFileSync(
    file,
    `feeds:\n  - url: ${server.url}/${feed.file}\n    name: ${JSON.stringify(feed.name)}\n    lang: ${feed.lang}\n`,
  );
  const out: string[] = [];
  const err: string[] = [];
  const code = await runPreview(
    ['preview', '--lang', feed.lang, '--since', '6000d', '--feeds', file, ...(html ? ['--html'] : [])].slice(
      1,
    ),
    {
      out: (line) => out.push(line),
      err: (line) => err.push(line),
      defaultFeedsFile: file,
      allowPrivateDefault: true,
      timezone: 'Europe/Kyiv',
      now: () => GOLDEN_NOW,
    },
  );
  expect({ code, err }).toEqual({ code: 0, err: [] });
  return `${out.join('\n')}\n`;
}

describe.each(GOLDEN_FEEDS)('golden digest of $file', (feed) => {
  it('matches the reviewed golden file exactly', async () => {
    const rendered = await previewOf(feed, false);
    const golden = goldenDigestUrl(feed);
    if (UPDATE) writeFileSync(golden, rendered);
    expect(
      existsSync(golden),
      `no golden file ${fileURLToPath(golden)}; record one with GOLDEN_UPDATE=1`,
    ).toBe(true);
    expect(rendered).toBe(readFileSync(golden, 'utf8'));
  });

  it('reads cleanly: no markup or entity residue, the outlet named, links to the reader’s edition', async () => {
    const plain = await previewOf(feed, false);
    const html = await previewOf(feed, true);
    const text = plain.replace(/https?:\/\/\S+/g, '');
    expect(text).not.toMatch(/<\/?[a-zA-Z][^>]*>|&(?:[a-zA-Z]{2,8}|#\d+|#x[0-9a-f]+);/);
    expect(plain).toContain(feed.name);
    // Every link is an article of the outlet, never the feed server or a relative path.
    const links = [...html.matchAll(/<a href="([^"]+)">/g)].map((match) => match[1] ?? '');
    expect(links.length).toBeGreaterThan(0);
    for (const link of links) expect(link).toMatch(feed.articleLink);
  });
});
