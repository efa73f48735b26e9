import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bytes, paths, startFeedServer, type FeedServer } from '../../../tools/feed-server/server.js';
import { readFixture } from '../../fixtures/read-fixture.js';
import { runNewsdigest } from '../../support/worker-harness.js';

let server: FeedServer;
let dir: string;

beforeAll(async () => {
  server = await startFeedServer();
  // Served as Ukrainska Pravda does: no charset in Content-Type, only the XML declaration says windows-1251.
  server.route('/pravda.xml', bytes(readFixture('pravda-windows-1251.xml'), 'application/rss+xml'));
  server.route('/mixed.xml', bytes(readFixture('unian-mixed-uk-ru.xml')));
  server.route('/ru.xml', bytes(readFixture('interfax-ru-utf8.xml')));
  server.route('/broken.xml', bytes(readFixture('broken.xml')));
  dir = await mkdtemp(join(tmpdir(), 'newsdigest-cli-'));
});
afterAll(async () => {
  await server.close();
  await rm(dir, { recursive: true, force: true });
});

const KEYS = ['encoding', 'items', 'lang', 'ms', 'ok', 'status', 'url'];

function jsonLines(stdout: string): Record<string, unknown>[] {
  return stdout
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

describe.concurrent('newsdigest feeds check', () => {
  it('prints one JSON object per feed with the contract keys, and exits 0 when all are ok', async () => {
    const urls = ['/pravda.xml', '/mixed.xml', '/ru.xml'].map((path) => server.url + path);
    const run = await runNewsdigest(['feeds', 'check', '--json', '--allow-private', ...urls]);
    expect(run.code).toBe(0);
    const lines = jsonLines(run.stdout);
    expect(lines).toHaveLength(3);
    for (const line of lines) {
      expect(Object.keys(line).sort()).toEqual(KEYS);
      expect(line).toMatchObject({ ok: true, status: 200 });
      expect(line['items']).toBeGreaterThan(0);
      expect(typeof line['ms']).toBe('number');
    }
    const byUrl = new Map(lines.map((line) => [line['url'], line]));
    expect(byUrl.get(urls[0])).toMatchObject({ encoding: 'windows-1251', lang: 'uk' });
    expect(byUrl.get(urls[1])).toMatchObject({ encoding: 'utf-8', lang: 'mixed', items: 4 });
    expect(byUrl.get(urls[2])).toMatchObject({ lang: 'ru' });
  });

  it('reports hostile feeds as ok:false with a reason and exits 1 promptly', async () => {
    const cases = [
      { path: paths.status(404), status: 404, code: 'HTTP_STATUS' },
      { path: '/broken.xml', status: 200, code: 'MALFORMED_XML' },
      { path: paths.big('infinite'), status: 200, code: 'TOO_LARGE' },
      { path: paths.html, status: 200, code: 'NOT_A_FEED' },
    ];
    const urls = [server.url + paths.feed, ...cases.map((c) => server.url + c.path)];
    const run = await runNewsdigest(['feeds', 'check', '--json', '--allow-private', ...urls]);
    expect(run.code).toBe(1);
    expect(run.ms).toBeLessThan(8_000);
    const byUrl = new Map(jsonLines(run.stdout).map((line) => [line['url'], line]));
    expect(byUrl.get(urls[0])).toMatchObject({ ok: true });
    for (const c of cases) {
      const line = byUrl.get(server.url + c.path);
      expect(line, c.path).toMatchObject({ ok: false, status: c.status, items: 0, lang: 'unknown' });
      expect(Object.keys(line ?? {}).sort()).toEqual([...KEYS, 'error'].sort());
      expect(String(line?.['error'])).toMatch(new RegExp(`^${c.code}: `));
    }
  });

  it('refuses a private address unless --allow-private is given', async () => {
    server.route('/private-only.xml', bytes(readFixture('pravda-uk-utf8.xml')));
    const url = `${server.url}/private-only.xml`;
    const run = await runNewsdigest(['feeds', 'check', '--json', url]);
    expect(run.code).toBe(1);
    const [line] = jsonLines(run.stdout);
    expect(line).toMatchObject({ url, ok: false, status: 0 });
    expect(String(line?.['error'])).toMatch(/^PRIVATE_ADDRESS: /);
    expect(server.hits('/private-only.xml')).toBe(0);
  });

  it('prints a readable table with progress and a summary line without --json', async () => {
    const good = `${server.url}/pravda.xml`;
    const bad = server.url + paths.status(500);
    const run = await runNewsdigest(['feeds', 'check', '--allow-private', good, bad]);
    expect(run.code).toBe(1);
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^status\s+items\s+lang\s+encoding\s+ms\s+url \/ error$/);
    expect(run.stdout).toMatch(new RegExp(`ok 200\\s+\\d+\\s+uk\\s+windows-1251\\s+\\d+\\s+${good}`));
    expect(run.stdout).toMatch(/FAIL 500.*\n\s+HTTP_STATUS: HTTP 500/);
    expect(lines.at(-1)).toBe('1 of 2 feeds ok');
    expect(() => JSON.parse(lines[0] ?? '')).toThrow();
    expect(run.stderr).toContain('[2/2]');
  });

  it('reads feeds from a feeds file argument', async () => {
    const file = join(dir, 'feeds.yaml');
    await writeFile(
      file,
      `feeds:\n  - url: ${server.url}/pravda.xml\n    lang: uk\n  - url: ${server.url}/ru.xml\n    lang: ru\n`,
    );
    const run = await runNewsdigest(['feeds', 'check', '--json', '--allow-private', file]);
    expect(run.code).toBe(0);
    expect(jsonLines(run.stdout).map((line) => line['url'])).toEqual([
      `${server.url}/pravda.xml`,
      `${server.url}/ru.xml`,
    ]);
  });

  it('names the feed and the key of an invalid feeds file and exits 1', async () => {
    const file = join(dir, 'bad-feeds.yaml');
    await writeFile(
      file,
      `feeds:\n  - url: https://zn.ua/ukr/rss/full.rss\n    lang: uk\n  - url: https://zn.ua/rus/rss/full.rss\n    lang: xx\n`,
    );
    const run = await runNewsdigest(['feeds', 'check', '--json', file]);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('feed #2 (https://zn.ua/rus/rss/full.rss) key "lang"');
    expect(run.stderr).toContain(file);
  });
});

describe.concurrent('newsdigest usage errors', () => {
  it('exits 2 with a message on an unknown command', async () => {
    const run = await runNewsdigest(['frobnicate']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('unknown command "frobnicate"');
  });
});
