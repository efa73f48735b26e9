import type { RedisClient } from './redis-client.js';
import type { LatestQuery, StoryReader, StoryView } from '../../core/ports/story-reader.js';
import type { Lang, Story } from '../../core/types.js';
import { matchesAllWords } from '../../core/text/match-words.js';
import type { Keys } from './keys.js';
import { ClusterStore } from './cluster-store.js';
import { luaScript, runScript } from './lua-script.js';
import { getEach, sendCommands, type Command } from './send-commands.js';

/*
 * KEYS: topic and language indexes (all in `{idx}`). ARGV: ingestion time, oldest time kept, then per key: how many
 * ids, the ids. Indexes are scored by ingestion time, not publication time: feeds list items minutes or hours after
 * their stated time, and a digest window over publication time would skip every story that arrived after the digest
 * that "should" have had it. NX: a story written again (another process's duplicate, a retry) keeps its first time.
 */
const ADD_TO_INDEXES = luaScript(`
local now, oldest = ARGV[1], ARGV[2]
local a = 3
for i = 1, #KEYS do
  local n = tonumber(ARGV[a])
  local args = { 'NX' }
  for j = 1, n do
    args[#args + 1] = now
    args[#args + 1] = ARGV[a + j]
  end
  redis.call('ZADD', KEYS[i], unpack(args))
  redis.call('ZREMRANGEBYSCORE', KEYS[i], '-inf', oldest)
  a = a + n + 1
end
return #KEYS
`);

/** What the stories processor stores for one new story. */
export interface StoryToSave {
  story: Story;
  /** Serialised features, kept for the clustering window. */
  shingles: string;
  /** LSH bands under which later stories find this one as a cluster candidate. */
  bands: string[];
}

export interface StoryStoreOptions {
  retentionMs: number;
  clusterWindowMs: number;
  /** How many recent stories /search looks through. */
  searchDepth?: number;
}

/**
 * Redis-backed story storage: records with TTL, (lang, topic) time indexes and edition pairs, sharded per story;
 * clustering data (bands, candidate records, cluster sources) in `clusters`, the `{clu}` group.
 */
export class StoryStore implements StoryReader {
  readonly clusters: ClusterStore;

  constructor(
    private readonly redis: RedisClient,
    private readonly keys: Keys,
    private readonly options: StoryStoreOptions,
  ) {
    this.clusters = new ClusterStore(redis, keys, options);
  }

  /**
   * Stores new stories with the cluster ids they carry, unchecked: for callers that do not cluster (seeding,
   * tests). A story id that is already stored is skipped, so a retried batch never duplicates. Returns the stories
   * that were actually new.
   */
  async save(entries: StoryToSave[], now: number): Promise<Story[]> {
    const outcomes = await this.clusters.commit(
      entries.map(({ story, shingles, bands }) => ({
        id: story.id,
        lang: story.lang,
        clusterId: story.clusterId,
        publishedAt: story.publishedAt,
        outlet: story.outlet,
        shingles,
        bands,
        compared: [],
        dependsOn: [],
        matched: false,
        fullBands: 'f'.repeat(bands.length),
      })),
      { sequence: '', checked: false },
    );
    const stored = entries
      .filter((_, index) => outcomes[index]?.kind === 'stored')
      .map((entry) => entry.story);
    await this.writeRecords(stored, [], now);
    return stored;
  }

  /**
   * The per-story half of a save, after clustering committed: the story records (sharded by id), edition pairs
   * and the topic and language indexes. `again` are stories another job committed first: written only where
   * missing (that job may have died before writing them), never overwriting.
   */
  async writeRecords(fresh: readonly Story[], again: readonly Story[], now: number): Promise<void> {
    const { retentionMs } = this.options;
    const all = [...fresh, ...again];
    if (all.length === 0) return;
    const commands: Command[] = [];
    for (const [index, story] of all.entries()) {
      const record: Command = ['set', this.keys.story(story.id), JSON.stringify(story), 'PX', retentionMs];
      commands.push(index < fresh.length ? record : [...record, 'NX']);
      if (story.editionKey) {
        commands.push(['hset', this.keys.edition(story.editionKey), story.lang, story.id]);
        commands.push(['pexpire', this.keys.edition(story.editionKey), retentionMs]);
      }
    }
    await sendCommands(this.redis, commands);
    const byIndex = new Map<string, string[]>();
    for (const story of all) {
      for (const key of [
        ...story.topics.map((topic) => this.keys.topicIndex(story.lang, topic)),
        this.keys.langIndex(story.lang),
      ]) {
        const ids = byIndex.get(key);
        if (ids) ids.push(story.id);
        else byIndex.set(key, [story.id]);
      }
    }
    await runScript(
      this.redis,
      ADD_TO_INDEXES,
      [...byIndex.keys()],
      [now, now - retentionMs, ...[...byIndex.values()].flatMap((ids) => [ids.length, ...ids])],
    );
  }

  /** The id of the other-language edition of each story that has one, keyed by story id. */
  async otherEditions(stories: Story[]): Promise<Map<string, string>> {
    const paired = stories.filter((story) => story.editionKey !== undefined);
    const result = new Map<string, string>();
    if (paired.length === 0) return result;
    const replies = await sendCommands(
      this.redis,
      paired.map((story) => [
        'hget',
        this.keys.edition(story.editionKey as string),
        story.lang === 'uk' ? 'ru' : 'uk',
      ]),
    );
    paired.forEach((story, index) => {
      const other = replies[index];
      if (typeof other === 'string') result.set(story.id, other);
    });
    return result;
  }

  async getMany(ids: string[]): Promise<Story[]> {
    if (ids.length === 0) return [];
    // An index entry can outlive its record (or come before it is written): missing records are skipped.
    const values = await getEach(
      this.redis,
      ids.map((id) => this.keys.story(id)),
    );
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
