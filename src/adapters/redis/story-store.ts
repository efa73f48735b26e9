import type { Redis } from 'ioredis';
import type { LatestQuery, StoryReader, StoryView } from '../../core/ports/story-reader.js';
import type { Lang, Story } from '../../core/types.js';
import { matchesAllWords } from '../../core/text/match-words.js';
import type { Keys } from './keys.js';
import { luaScript, runScript, runScripts, type ScriptCall } from './lua-script.js';

/** Newest members kept per LSH band; older ones are past any realistic cluster anyway. */
const BAND_MAX_MEMBERS = 100;
/**
 * Newest members of each band compared with a new story. The same news arrives within hours, so the newest few
 * per band find it; more only adds unrelated stories that share common words.
 */
const CANDIDATES_PER_BAND = 8;

/** KEYS: LSH band keys; ARGV[1]: how many of the newest members to return per key. */
const BAND_MEMBERS = luaScript(`
local out = {}
local last = tonumber(ARGV[1]) - 1
for i = 1, #KEYS do out[i] = redis.call('ZREVRANGE', KEYS[i], 0, last) end
return out
`);

/** `clusterId lang publishedAt shingles…`: everything clustering compares, in one short string. */
function clusterRecord(story: Story, shingles: string): string {
  return `${story.clusterId} ${story.lang} ${story.publishedAt} ${shingles}`;
}

function parseClusterRecord(id: string, record: string | null | undefined): ClusterCandidate | undefined {
  if (!record) return undefined;
  const [clusterId, lang, publishedAt] = record.split(' ', 3);
  if (!clusterId || (lang !== 'uk' && lang !== 'ru') || publishedAt === undefined) return undefined;
  const shingles = record.slice(clusterId.length + lang.length + publishedAt.length + 3);
  return { id, clusterId, lang, publishedAt: Number(publishedAt), shingles };
}

/*
 * KEYS: story, shingles, cluster sources, edition (or the story key again when there is none), then the
 * `ARGV[10]` time indexes, then the LSH band keys.
 * ARGV: json, cluster record, retentionMs, clusterWindowMs, publishedAt, id, outlet, edition lang, now, index
 * count, band cap. Time indexes are scored by ingestion time (`now`), not publication time: feeds list items
 * minutes or hours after their stated time, and a digest window over publication time would skip every story
 * that arrived after the digest that "should" have had it. Bands are scored by publication time (clustering). Bands are sorted sets by publication time, trimmed by time and size, so a bucket that many similar
 * stories fall into (weather, exchange rates) stays small and clustering cost per story stays bounded.
 */
const SAVE_STORY = luaScript(`
if not redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[3], 'NX') then return 0 end
redis.call('SET', KEYS[2], ARGV[2], 'PX', ARGV[4])
redis.call('SADD', KEYS[3], ARGV[7])
redis.call('PEXPIRE', KEYS[3], ARGV[3])
if ARGV[8] ~= '' then
  redis.call('HSET', KEYS[4], ARGV[8], ARGV[6])
  redis.call('PEXPIRE', KEYS[4], ARGV[3])
end
local indexes = tonumber(ARGV[10])
local oldest = tonumber(ARGV[9]) - tonumber(ARGV[3])
for i = 5, 4 + indexes do
  redis.call('ZADD', KEYS[i], ARGV[9], ARGV[6])
  redis.call('ZREMRANGEBYSCORE', KEYS[i], '-inf', oldest)
end
local bandOldest = tonumber(ARGV[9]) - tonumber(ARGV[4])
for i = 5 + indexes, #KEYS do
  redis.call('ZADD', KEYS[i], ARGV[5], ARGV[6])
  redis.call('ZREMRANGEBYSCORE', KEYS[i], '-inf', bandOldest)
  redis.call('ZREMRANGEBYRANK', KEYS[i], 0, -(tonumber(ARGV[11]) + 1))
  redis.call('PEXPIRE', KEYS[i], ARGV[4])
end
return 1
`);

/** What the stories processor stores for one new story. */
export interface StoryToSave {
  story: Story;
  /** Serialised shingles, kept only for the clustering window. */
  shingles: string;
  /** LSH band keys under which later stories find this one as a cluster candidate. */
  bands: string[];
}

export interface ClusterCandidate {
  id: string;
  clusterId: string;
  publishedAt: number;
  lang: Lang;
  shingles: string;
}

export interface StoryStoreOptions {
  retentionMs: number;
  clusterWindowMs: number;
  /** How many recent stories /search looks through. */
  searchDepth?: number;
}

/** Redis-backed story storage: records with TTL, (lang, topic) time indexes, edition pairs and cluster data. */
export class StoryStore implements StoryReader {
  constructor(
    private readonly redis: Redis,
    private readonly keys: Keys,
    private readonly options: StoryStoreOptions,
  ) {}

  /**
   * Stores new stories; a story id that is already stored is skipped, so a retried batch never duplicates.
   * Returns the stories that were actually new.
   */
  async save(entries: StoryToSave[], now: number): Promise<Story[]> {
    if (entries.length === 0) return [];
    const { retentionMs, clusterWindowMs } = this.options;
    // One script call per story: the record, its indexes, bands, cluster and edition are written atomically,
    // and a story id that already exists is left untouched (a retried batch never duplicates).
    const calls: ScriptCall[] = [];
    for (const { story, shingles, bands } of entries) {
      const indexes = [
        ...story.topics.map((topic) => this.keys.topicIndex(story.lang, topic)),
        this.keys.langIndex(story.lang),
      ];
      const bandKeys = bands.map((band) => this.keys.lshBand(story.lang, band));
      const keys = [
        this.keys.story(story.id),
        this.keys.shingles(story.id),
        this.keys.clusterSources(story.clusterId),
        story.editionKey ? this.keys.edition(story.editionKey) : this.keys.story(story.id),
        ...indexes,
        ...bandKeys,
      ];
      const args = [
        JSON.stringify(story),
        clusterRecord(story, shingles),
        retentionMs,
        clusterWindowMs,
        story.publishedAt,
        story.id,
        story.outlet,
        story.editionKey ? story.lang : '',
        now,
        indexes.length,
        BAND_MAX_MEMBERS,
      ];
      calls.push({ script: SAVE_STORY, keys, args });
    }
    const results = await runScripts(this.redis, calls);
    return entries.filter((_, index) => results[index] === 1).map((entry) => entry.story);
  }

  /**
   * For each query, the stories stored under any of its LSH bands, with what clustering needs to compare them.
   * Batched: two round trips for a whole stories job, whatever its size.
   */
  async clusterCandidates(queries: { lang: Lang; bands: string[] }[]): Promise<ClusterCandidate[][]> {
    // One script call for the whole batch instead of one ZREVRANGE per band per story (16 per story).
    const bandKeys = queries.flatMap((query) =>
      query.bands.map((band) => this.keys.lshBand(query.lang, band)),
    );
    const members = bandKeys.length === 0 ? [] : await this.bandMembers(bandKeys);
    let cursor = 0;
    const unions = queries.map((query) => {
      const union = new Set<string>();
      for (let i = 0; i < query.bands.length; i += 1) {
        for (const id of members[cursor] ?? []) union.add(id);
        cursor += 1;
      }
      return [...union];
    });
    const ids = [...new Set(unions.flat())];
    if (ids.length === 0) return queries.map(() => []);
    // The clustering record carries what comparison needs, so candidates cost one small read, not the story.
    const records = await this.redis.mget(...ids.map((id) => this.keys.shingles(id)));
    const byId = new Map<string, ClusterCandidate>();
    ids.forEach((id, index) => {
      const candidate = parseClusterRecord(id, records[index]);
      if (candidate) byId.set(id, candidate);
    });
    return unions.map((union) =>
      union
        .map((id) => byId.get(id))
        .filter((candidate): candidate is ClusterCandidate => candidate !== undefined),
    );
  }

  /** The newest CANDIDATES_PER_BAND members of each band key, in key order. */
  private async bandMembers(bandKeys: string[]): Promise<string[][]> {
    return (await runScript(this.redis, BAND_MEMBERS, bandKeys, [CANDIDATES_PER_BAND])) as string[][];
  }

  /** The id of the other-language edition of each story that has one, keyed by story id. */
  async otherEditions(stories: Story[]): Promise<Map<string, string>> {
    const paired = stories.filter((story) => story.editionKey !== undefined);
    const result = new Map<string, string>();
    if (paired.length === 0) return result;
    const pipeline = this.redis.pipeline();
    for (const story of paired) {
      pipeline.hget(this.keys.edition(story.editionKey as string), story.lang === 'uk' ? 'ru' : 'uk');
    }
    const replies = (await pipeline.exec()) ?? [];
    paired.forEach((story, index) => {
      const other = replies[index]?.[1];
      if (typeof other === 'string') result.set(story.id, other);
    });
    return result;
  }

  async getMany(ids: string[]): Promise<Story[]> {
    if (ids.length === 0) return [];
    const values = await this.redis.mget(...ids.map((id) => this.keys.story(id)));
    return values
      .filter((value): value is string => value !== null)
      .map((value) => JSON.parse(value) as Story);
  }

  async latest(query: LatestQuery): Promise<StoryView[]> {
    const index = query.topic
      ? this.keys.topicIndex(query.lang, query.topic)
      : this.keys.langIndex(query.lang);
    // Clusters collapse several ids into one entry, so read ahead of the limit.
    const ids = await this.redis.zrevrangebyscore(
      index,
      '+inf',
      query.since ?? '-inf',
      'LIMIT',
      0,
      query.limit * 4,
    );
    return this.toViews(newestFirst(await this.getMany(ids)), query.limit);
  }

  /** Stories of a language indexed between `from` and `to` (ms). */
  async countSince(lang: Lang, from: number, to: number): Promise<number> {
    return this.redis.zcount(this.keys.langIndex(lang), from, to);
  }

  async search(lang: Lang, words: string[], limit: number): Promise<StoryView[]> {
    const ids = await this.redis.zrevrange(
      this.keys.langIndex(lang),
      0,
      (this.options.searchDepth ?? 2000) - 1,
    );
    const stories = await this.getMany(ids);
    const matching = stories.filter((story) => matchesAllWords(`${story.title} ${story.summary}`, words));
    return this.toViews(newestFirst(matching), limit);
  }

  /** One view per cluster (the newest story stands for it), with the cluster's distinct outlet count. */
  private async toViews(stories: Story[], limit: number): Promise<StoryView[]> {
    const seenClusters = new Set<string>();
    const picked: Story[] = [];
    for (const story of stories) {
      if (seenClusters.has(story.clusterId)) continue;
      seenClusters.add(story.clusterId);
      picked.push(story);
      if (picked.length >= limit) break;
    }
    if (picked.length === 0) return [];
    const pipeline = this.redis.pipeline();
    for (const story of picked) pipeline.scard(this.keys.clusterSources(story.clusterId));
    const counts = (await pipeline.exec()) ?? [];
    return picked.map((story, index) => ({
      story,
      sources: Math.max(1, Number(counts[index]?.[1] ?? 1)),
    }));
  }
}

/** Indexes are in ingestion order; readers see the newest publication first. */
function newestFirst(stories: Story[]): Story[] {
  return [...stories].sort((a, b) => b.publishedAt - a.publishedAt);
}
