import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { parseArgs } from 'node:util';
import { assignClusters, type ClusterAssignment } from '../core/cluster/assign-clusters.js';
import { pairEditions } from '../core/editions/edition-key.js';
import { tagStory, type TaggedStory } from '../core/ingest/tag-story.js';
import { parseLangInput } from '../core/lang/detect-language.js';
import type { FeedLang, NormalisedStory } from '../core/types.js';
import { UsageError } from '../errors/usage-error.js';
import { buildTopics } from '../services/build-topics.js';

export interface ClusterIo {
  out: (line: string) => void;
  stdin: Readable;
}

/** Field caps: one input line is untrusted text, and a 5,000-line run must stay small and fast. */
const MAX_ID = 200;
const MAX_TITLE = 1_000;
const MAX_SUMMARY = 5_000;
const MAX_URL = 2_000;
const MAX_LINE = 64 * 1024;

interface InputLine {
  id: string;
  title: string;
  summary: string;
  outlet: string;
  url: string;
  publishedAt: number;
  lang: FeedLang;
}

function text(record: Record<string, unknown>, field: string, max: number, required: boolean): string {
  const value = record[field];
  if (value === undefined || value === null) {
    if (required) throw new Error(`"${field}" is missing`);
    return '';
  }
  if (typeof value !== 'string') throw new Error(`"${field}" must be a string`);
  if (required && value.trim() === '') throw new Error(`"${field}" is empty`);
  return value.slice(0, max);
}

/** ISO 8601 text or epoch milliseconds. */
function time(value: unknown): number {
  const ms = typeof value === 'number' ? value : typeof value === 'string' ? Date.parse(value) : Number.NaN;
  if (!Number.isFinite(ms)) throw new Error('"publishedAt" must be an ISO date or epoch milliseconds');
  return ms;
}

function parseLine(line: string): InputLine {
  if (line.length > MAX_LINE) throw new Error(`line is longer than ${MAX_LINE} characters`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(line);
  } catch {
    throw new Error('not valid JSON');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new Error('expected a JSON object');
  }
  const record = parsed as Record<string, unknown>;
  let lang: FeedLang = 'auto';
  if (record['lang'] !== undefined && record['lang'] !== null) {
    const declared = typeof record['lang'] === 'string' ? parseLangInput(record['lang']) : undefined;
    if (!declared) throw new Error('"lang" must be uk or ru (ua is accepted for uk)');
    lang = declared;
  }
  // A numeric id is read as its decimal text; the output echoes ids as strings.
  if (typeof record['id'] === 'number' && Number.isFinite(record['id'])) record['id'] = String(record['id']);
  return {
    id: text(record, 'id', MAX_ID, true),
    title: text(record, 'title', MAX_TITLE, true),
    summary: text(record, 'summary', MAX_SUMMARY, false),
    outlet: text(record, 'outlet', MAX_ID, true),
    url: text(record, 'url', MAX_URL, true),
    publishedAt: time(record['publishedAt']),
    lang,
  };
}

/** Reads JSON lines; a bad line stops the run with its number (exit 2), as the contract says. */
async function readInput(stream: Readable): Promise<InputLine[]> {
  const lines = createInterface({ input: stream, crlfDelay: Infinity });
  const items: InputLine[] = [];
  const seen = new Set<string>();
  let number = 0;
  for await (const line of lines) {
    number += 1;
    if (line.trim() === '') continue;
    try {
      const item = parseLine(line);
      if (seen.has(item.id)) throw new Error(`duplicate id "${item.id}"`);
      seen.add(item.id);
      items.push(item);
    } catch (error) {
      throw new UsageError(`line ${number}: ${(error as Error).message}`);
    }
  }
  return items;
}

function toNormalised(item: InputLine, fetchedAt: number): NormalisedStory {
  return {
    id: item.id,
    feedId: item.outlet,
    outlet: item.outlet,
    url: item.url,
    title: item.title,
    summary: item.summary,
    publishedAt: item.publishedAt,
    fetchedAt,
    categories: [],
    declaredLang: item.lang,
    feedTopics: [],
  };
}

/** The other-language edition of each story (by the worker's edition key), keyed by story id. */
function editionsOf(tagged: readonly TaggedStory[]): Map<string, string> {
  const byKey = new Map<string, { id: string; lang: TaggedStory['story']['lang']; editionKey?: string }[]>();
  for (const { story } of tagged) {
    if (story.editionKey === undefined) continue;
    const list = byKey.get(story.editionKey) ?? [];
    list.push({ id: story.id, lang: story.lang, editionKey: story.editionKey });
    byKey.set(story.editionKey, list);
  }
  const result = new Map<string, string>();
  for (const { story } of tagged) {
    if (story.editionKey === undefined) continue;
    const other = pairEditions(story, byKey.get(story.editionKey) ?? []);
    if (other !== undefined) result.set(story.id, other);
  }
  return result;
}

/**
 * `newsdigest cluster [--json] [FILE]`: tags and clusters JSON-lines stories (FILE or stdin) exactly as the
 * worker would (language, topics, edition key, features, the one clustering rule), without Redis or a token.
 * `--json` prints `{"id","lang","topics","cluster","edition"}` per input line, in input order; otherwise the
 * clusters, biggest first, with the similarity that joined each story.
 */
export async function runCluster(argv: string[], io: ClusterIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { json: { type: 'boolean', default: false } },
  });
  if (positionals.length > 1) throw new UsageError('try: newsdigest cluster [--json] [FILE]');
  const file = positionals[0];
  const input = file === undefined || file === '-' ? io.stdin : createReadStream(file, 'utf8');
  const items = await readInput(input).catch((error: unknown) => {
    const code = (error as { code?: string }).code;
    if (code === 'ENOENT' || code === 'EACCES' || code === 'EISDIR')
      throw new UsageError(`cannot read ${file}: ${code}`);
    throw error;
  });

  const { classify } = buildTopics({});
  const fetchedAt = Date.now();
  const tagged = items.map((item) => tagStory(toNormalised(item, fetchedAt), classify));
  const assignments = assignClusters(
    tagged.map(({ story, features }) => ({
      id: story.id,
      features,
      publishedAt: story.publishedAt,
      lang: story.lang,
    })),
  );
  const editions = editionsOf(tagged);

  if (values.json) {
    tagged.forEach(({ story }, index) => {
      io.out(
        JSON.stringify({
          id: story.id,
          lang: story.lang,
          topics: story.topics,
          cluster: assignments[index]?.clusterId ?? story.id,
          edition: editions.get(story.id) ?? null,
        }),
      );
    });
    return 0;
  }
  printClusters(tagged, assignments, editions, io.out);
  return 0;
}

function printClusters(
  tagged: readonly TaggedStory[],
  assignments: readonly ClusterAssignment[],
  editions: ReadonlyMap<string, string>,
  out: (line: string) => void,
): void {
  const clusters = new Map<string, number[]>();
  assignments.forEach((assignment, index) => {
    const members = clusters.get(assignment.clusterId) ?? [];
    members.push(index);
    clusters.set(assignment.clusterId, members);
  });
  const ordered = [...clusters.entries()].sort(
    ([, a], [, b]) =>
      b.length - a.length ||
      (tagged[a[0] ?? 0]?.story.publishedAt ?? 0) - (tagged[b[0] ?? 0]?.story.publishedAt ?? 0),
  );
  let joined = 0;
  for (const [clusterId, members] of ordered) {
    const outlets = new Set(members.map((index) => tagged[index]?.story.outlet));
    out(
      `cluster ${clusterId}: ${members.length} ${members.length === 1 ? 'story' : 'stories'}, ${outlets.size} ${outlets.size === 1 ? 'outlet' : 'outlets'}`,
    );
    for (const index of members) {
      const story = tagged[index]?.story;
      const match = assignments[index]?.match;
      if (!story) continue;
      if (match) joined += 1;
      const why = match ? `  <- ${match.matchedId} ${match.score.toFixed(2)}` : '';
      const edition = editions.has(story.id) ? `  [edition of ${editions.get(story.id)}]` : '';
      out(`  ${story.id} ${story.lang} ${story.outlet}: ${story.title}${why}${edition}`);
    }
  }
  out(`${tagged.length} stories in ${clusters.size} clusters (${joined} joined an earlier story)`);
}
