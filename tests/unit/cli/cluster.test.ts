import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../../src/cli.js';
import { runCluster } from '../../../src/cli/cluster.js';
import { UsageError } from '../../../src/errors/usage-error.js';
import { REAL_ITEMS } from '../../fixtures/real/real-set.js';

/** Real items as `cluster` input lines (undated items get a fixed day, so they can be read). */
const line = (item: (typeof REAL_ITEMS)[number], id = item.id, shiftDays = 0) =>
  JSON.stringify({
    id,
    title: item.title,
    summary: item.summary,
    outlet: item.outlet,
    url: item.url,
    publishedAt: new Date(
      Date.parse(`${item.publishedAt?.length === 10 ? item.publishedAt : '2025-11-19'}T12:00:00Z`) +
        shiftDays * 86_400_000,
    ).toISOString(),
  });

async function run(args: string[], input: string) {
  const lines: string[] = [];
  const code = await runCluster(args, { out: (text) => lines.push(text), stdin: Readable.from([input]) });
  return { code, lines };
}

const byUrl = (url: string) => REAL_ITEMS.find((item) => item.url === url) as (typeof REAL_ITEMS)[number];
// The same article in tsn.ua's two editions, and a report of another day.
const UK = byUrl('https://tsn.ua/politika/stefanchuk-pidpysav-zakon-pro-derzbiudzet-2026-2973560.html');
const RU = byUrl('https://tsn.ua/ru/politika/stefanchuk-podpisal-zakon-o-gosbyudzhete-2026-2973560.html');
const OTHER = byUrl('https://interfax.com.ua/news/general/1124918.html');

describe('newsdigest cluster --json', () => {
  it('prints one line per input item, in input order, with language, topics, cluster and edition', async () => {
    const { code, lines } = await run(['--json'], [line(UK), line(RU), line(OTHER)].join('\n'));
    expect(code).toBe(0);
    const rows = lines.map((text) => JSON.parse(text) as Record<string, unknown>);
    expect(rows.map((row) => Object.keys(row))).toEqual(
      Array(3).fill(['id', 'lang', 'topics', 'cluster', 'edition']),
    );
    expect(rows.map((row) => row['lang'])).toEqual(['uk', 'ru', 'uk']);
    expect(rows[0]?.['edition']).toBe(RU.id);
    expect(rows[1]?.['edition']).toBe(UK.id);
    expect(rows[2]?.['edition']).toBeNull();
    // The two editions are one event; the other story is its own cluster.
    expect(rows[1]?.['cluster']).toBe(rows[0]?.['cluster']);
    expect(rows[2]?.['cluster']).toBe(OTHER.id);
    expect(Array.isArray(rows[0]?.['topics'])).toBe(true);
  });

  it('takes a declared lang, and reads FILE as well as stdin', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'nd-cluster-'));
    const file = join(dir, 'in.jsonl');
    writeFileSync(file, `${JSON.stringify({ ...JSON.parse(line(OTHER)), lang: 'ua' })}\n`);
    const { lines } = await run(['--json', file], '');
    expect(JSON.parse(lines[0] as string)).toMatchObject({ id: OTHER.id, lang: 'uk' });
  });

  it('handles 5,000+ items in one run', async () => {
    const input: string[] = [];
    // Enough copies of the real set for 5,000 lines, each copy 10,000 days (27 years) later than the one before:
    // more than the span of the set's own dates (2014–2026), so no two copies ever overlap in time.
    const copies = Math.ceil(5000 / REAL_ITEMS.length);
    for (let copy = 0; copy < copies; copy += 1) {
      for (const item of REAL_ITEMS) input.push(line(item, `${item.id}-${copy}`, copy * 10_000));
    }
    const { code, lines } = await run(['--json'], input.join('\n'));
    expect(code).toBe(0);
    expect(lines.length).toBe(input.length);
    expect(input.length).toBeGreaterThanOrEqual(5000);
    // No cluster mixes two copies.
    for (const text of lines) {
      const row = JSON.parse(text) as { id: string; cluster: string };
      expect(row.cluster.split('-')[1]).toBe(row.id.split('-')[1]);
    }
  }, 60_000);
});

describe('newsdigest cluster (readable)', () => {
  it('lists clusters with their stories and the similarity that joined them', async () => {
    const { lines } = await run([], [line(UK), line(RU), line(OTHER)].join('\n'));
    expect(lines[0]).toBe(`cluster ${UK.id}: 2 stories, 1 outlet`);
    expect(lines[2]).toMatch(
      new RegExp(`^  ${RU.id} ru tsn\\.ua: .* <- ${UK.id} \\d\\.\\d\\d  \\[edition of ${UK.id}\\]$`),
    );
    expect(lines.at(-1)).toBe('3 stories in 2 clusters (1 joined an earlier story)');
  });
});

describe('bad input', () => {
  const cases = [
    { name: 'invalid JSON', input: `${line(UK)}\n{oops`, message: 'line 2: not valid JSON' },
    {
      name: 'a missing title',
      input: JSON.stringify({ id: 'a', outlet: 'x', url: 'https://x.ua/1', publishedAt: 0 }),
      message: 'line 1: "title" is missing',
    },
    {
      name: 'a bad date',
      input: line(UK).replace(/"publishedAt":"[^"]+"/, '"publishedAt":"soon"'),
      message: 'line 1: "publishedAt"',
    },
    {
      name: 'a bad lang',
      input: JSON.stringify({ ...JSON.parse(line(UK)), lang: 'en' }),
      message: 'line 1: "lang"',
    },
    {
      name: 'a duplicate id',
      input: `${line(UK)}\n\n${line(UK)}`,
      message: `line 3: duplicate id "${UK.id}"`,
    },
  ];
  it.each(cases)('$name is a usage error naming the line', async ({ input, message }) => {
    await expect(run(['--json'], input)).rejects.toThrow(UsageError);
    await expect(run(['--json'], input)).rejects.toThrow(message);
  });

  it('exits 2 through the CLI and names the line on stderr', async () => {
    const stdin = Object.getOwnPropertyDescriptor(process, 'stdin');
    const errors: string[] = [];
    const write = process.stderr.write.bind(process.stderr);
    Object.defineProperty(process, 'stdin', { value: Readable.from(['{"id":"a"}\n']), configurable: true });
    process.stderr.write = ((chunk: string) => errors.push(String(chunk)) > 0) as typeof process.stderr.write;
    try {
      expect(await runCli(['cluster', '--json'])).toBe(2);
    } finally {
      process.stderr.write = write;
      if (stdin) Object.defineProperty(process, 'stdin', stdin);
    }
    expect(errors.join('')).toContain('line 1: "title" is missing');
  });
});
