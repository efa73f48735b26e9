import type { RedisClient } from './redis-client.js';
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
 * KEYS: story, shingles, cluster sources, edition (or the story key again when there is none), then the `ARGV[10]`
 * time indexes, then the LSH band keys, then (checked save) the clustering records of the batch stories this one
 * depends on.
 * ARGV: json, cluster record, retentionMs, clusterWindowMs, publishedAt, id, outlet, edition lang, now, index
 * count, band cap; a checked save adds: candidates per band, band count, dependency count, one cluster id per
 * dependency, then the ids the story was compared with.
 * Time indexes are scored by ingestion time (`now`), not publication time: feeds list items minutes or hours after
 * their stated time, and a digest window over publication time would skip every story that arrived after the
 * digest that "should" have had it. Bands are sorted sets by publication time, trimmed by time and size, so a
 * bucket that many similar stories fall into (weather, exchange rates) stays small and clustering cost per story
 * stays bounded.
 *
 * A checked save is the optimistic half of lock-free clustering. The story is written only if
 * - the candidates it would be compared with now (the newest members of each of its bands) are all among those it
 *   was compared with: otherwise another process stored a candidate in between;
 * - each earlier story of its batch whose cluster it joined is stored in that cluster (by this batch, or by another
 *   process that got there first with the same result).
 * Replies: 1 stored, 0 already stored (a retry, or another process got there first), -1 cluster it again.
 */
const SAVE_STORY = luaScript(`
if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
local indexes = tonumber(ARGV[10])
local firstBand = 5 + indexes
local lastBand = #KEYS
if ARGV[12] then
  lastBand = firstBand + tonumber(ARGV[13]) - 1
  local deps = tonumber(ARGV[14])
  for d = 1, deps do
    local record = redis.call('GET', KEYS[lastBand + d])
    local expected = ARGV[14 + d] .. ' '
    if not record or string.sub(record, 1, #expected) ~= expected then return -1 end
  end
  local compared = {}
  for i = 15 + deps, #ARGV do compared[ARGV[i]] = true end
  local last = tonumber(ARGV[12]) - 1
  for i = firstBand, lastBand do
    for _, member in ipairs(redis.call('ZREVRANGE', KEYS[i], 0, last)) do
      if not compared[member] then return -1 end
    end
  end
end
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[3])
redis.call('SET', KEYS[2], ARGV[2], 'PX', ARGV[4])
redis.call('SADD', KEYS[3], ARGV[7])
redis.call('PEXPIRE', KEYS[3], ARGV[3])
if ARGV[8] ~= '' then
  redis.call('HSET', KEYS[4], ARGV[8], ARGV[6])
  redis.call('PEXPIRE', KEYS[4], ARGV[3])
end
local oldest = tonumber(ARGV[9]) - tonumber(ARGV[3])
for i = 5, 4 + indexes do
  redis.call('ZADD', KEYS[i], ARGV[9], ARGV[6])
  redis.call('ZREMRANGEBYSCORE', KEYS[i], '-inf', oldest)
end
local bandOldest = tonumber(ARGV[9]) - tonumber(ARGV[4])
local cap = tonumber(ARGV[11])
for i = firstBand, lastBand do
  redis.call('ZADD', KEYS[i], ARGV[5], ARGV[6])
  -- Most bands of a new story are new keys with one member: nothing to trim, so skip two calls per band.
  local size = redis.call('ZCARD', KEYS[i])
  if size > 1 then
    size = size - redis.call('ZREMRANGEBYSCORE', KEYS[i], '-inf', bandOldest)
    if size > cap then redis.call('ZREMRANGEBYRANK', KEYS[i], 0, -(cap + 1)) end
  end
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

/** A save that goes through only if clustering saw every candidate it would see now (see SAVE_STORY). */
export interface CheckedSave extends StoryToSave {
  /** Ids of the band members read for this story and of the same-batch stories it was compared with. */
  compared: readonly string[];
  /** Earlier stories of the same batch whose cluster this one joined: they must be stored in it first. */
  dependsOn: readonly { id: string; clusterId: string }[];
}

/** Per entry: stored, already stored, or compared against stale candidates (cluster it again). */
export type SaveOutcome = 'stored' | 'duplicate' | 'conflict';

/** The candidates of one story, and every band member read for it (see candidateSets). */
export interface CandidateSet {
  candidates: ClusterCandidate[];
  members: string[];
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
    private readonly redis: RedisClient,
    private readonly keys: Keys,
    private readonly options: StoryStoreOptions,
  ) {}

  /**
   * Stores new stories; a story id that is already stored is skipped, so a retried batch never duplicates.
   * Returns the stories that were actually new. Unchecked: for callers that do not cluster (seeding, tests).
   */
  async save(entries: StoryToSave[], now: number): Promise<Story[]> {
    const outcomes = await this.runSaves(entries, now, false);
    return entries.filter((_, index) => outcomes[index] === 'stored').map((entry) => entry.story);
  }

  /**
   * The clustering save: each story is stored only if no candidate appeared since it was compared and the batch
   * stories it joined are stored (one script per story, pipelined in batch order; no lock).
   */
  async saveChecked(entries: CheckedSave[], now: number): Promise<SaveOutcome[]> {
    return this.runSaves(entries, now, true);
  }

  private async runSaves(
    entries: (StoryToSave & Partial<Pick<CheckedSave, 'compared' | 'dependsOn'>>)[],
    now: number,
    checked: boolean,
  ): Promise<SaveOutcome[]> {
    if (entries.length === 0) return [];
    const { retentionMs, clusterWindowMs } = this.options;
    // One script call per story: the record, its indexes, bands, cluster and edition are written atomically,
    // and a story id that already exists is left untouched (a retried batch never duplicates).
    const calls: ScriptCall[] = [];
    for (const { story, shingles, bands, compared = [], dependsOn = [] } of entries) {
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
        ...(checked ? dependsOn.map((dependency) => this.keys.shingles(dependency.id)) : []),
      ];
      const args: (string | number)[] = [
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
      if (checked) {
        args.push(CANDIDATES_PER_BAND, bandKeys.length, dependsOn.length);
        args.push(...dependsOn.map((dependency) => dependency.clusterId), ...compared);
      }
      calls.push({ script: SAVE_STORY, keys, args });
    }
    // Pipelined in batch order: a story's dependencies (earlier in the batch) are saved before it is checked.
    const results = await runScripts(this.redis, calls);
    return results.map((reply) => (reply === 1 ? 'stored' : reply === 0 ? 'duplicate' : 'conflict'));
  }

  /**
   * For each query, the stories stored under any of its LSH bands, with what clustering needs to compare them.
   * Batched: two round trips for a whole stories job, whatever its size.
   */
  async clusterCandidates(queries: { lang: Lang; bands: string[] }[]): Promise<ClusterCandidate[][]> {
    return (await this.candidateSets(queries)).map((set) => set.candidates);
  }

  /**
   * clusterCandidates plus every band member that was read (`members`), including any whose clustering record has
   * expired: a checked save compares the bands with exactly this snapshot.
   */
  async candidateSets(queries: { lang: Lang; bands: string[] }[]): Promise<CandidateSet[]> {
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
    if (ids.length === 0) return queries.map(() => ({ candidates: [], members: [] }));
    // The clustering record carries what comparison needs, so candidates cost one small read, not the story.
    const records = await this.redis.mget(...ids.map((id) => this.keys.shingles(id)));
    const byId = new Map<string, ClusterCandidate>();
    ids.forEach((id, index) => {
      const candidate = parseClusterRecord(id, records[index]);
      if (candidate) byId.set(id, candidate);
    });
    return unions.map((union) => ({
      members: union,
      candidates: union
        .map((id) => byId.get(id))
        .filter((candidate): candidate is ClusterCandidate => candidate !== undefined),
    }));
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
