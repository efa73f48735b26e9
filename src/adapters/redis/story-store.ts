import type { Redis } from 'ioredis';
import type { LatestQuery, StoryReader, StoryView } from '../../core/ports/story-reader.js';
import type { Lang, Story } from '../../core/types.js';
import { matchesAllWords } from '../../core/text/match-words.js';
import type { Keys } from './keys.js';

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
    const claim = this.redis.pipeline();
    for (const { story } of entries) {
      claim.set(this.keys.story(story.id), JSON.stringify(story), 'PX', retentionMs, 'NX');
    }
    const claimed = (await claim.exec()) ?? [];
    const fresh = entries.filter((_, index) => claimed[index]?.[1] === 'OK');
    if (fresh.length === 0) return [];

    const write = this.redis.pipeline();
    const touchedIndexes = new Set<string>();
    for (const { story, shingles, bands } of fresh) {
      const score = story.publishedAt;
      for (const topic of story.topics) {
        const index = this.keys.topicIndex(story.lang, topic);
        write.zadd(index, score, story.id);
        touchedIndexes.add(index);
      }
      const all = this.keys.langIndex(story.lang);
      write.zadd(all, score, story.id);
      touchedIndexes.add(all);
      write.set(this.keys.shingles(story.id), shingles, 'PX', clusterWindowMs);
      for (const band of bands) {
        const bandKey = this.keys.lshBand(story.lang, band);
        write.sadd(bandKey, story.id);
        write.pexpire(bandKey, clusterWindowMs);
      }
      const cluster = this.keys.clusterSources(story.clusterId);
      write.sadd(cluster, story.outlet);
      write.pexpire(cluster, retentionMs);
      if (story.editionKey) {
        const edition = this.keys.edition(story.editionKey);
        write.hset(edition, story.lang, story.id);
        write.pexpire(edition, retentionMs);
      }
    }
    // Index entries die with their stories: trim anything older than the retention window.
    for (const index of touchedIndexes) {
      write.zremrangebyscore(index, '-inf', now - retentionMs);
    }
    await write.exec();
    return fresh.map((entry) => entry.story);
  }

  /**
   * For each query, the stories stored under any of its LSH bands, with what clustering needs to compare them.
   * Batched: two round trips for a whole stories job, whatever its size.
   */
  async clusterCandidates(queries: { lang: Lang; bands: string[] }[]): Promise<ClusterCandidate[][]> {
    const lookup = this.redis.pipeline();
    for (const query of queries) {
      if (query.bands.length === 0) lookup.echo('');
      else lookup.sunion(...query.bands.map((band) => this.keys.lshBand(query.lang, band)));
    }
    const unions = ((await lookup.exec()) ?? []).map((reply) => (Array.isArray(reply[1]) ? (reply[1] as string[]) : []));
    const ids = [...new Set(unions.flat())];
    if (ids.length === 0) return queries.map(() => []);
    const fetch = this.redis.pipeline();
    for (const id of ids) {
      fetch.get(this.keys.story(id));
      fetch.get(this.keys.shingles(id));
    }
    const replies = (await fetch.exec()) ?? [];
    const byId = new Map<string, ClusterCandidate>();
    ids.forEach((id, index) => {
      const storyJson = replies[index * 2]?.[1];
      const shingles = replies[index * 2 + 1]?.[1];
      if (typeof storyJson !== 'string' || typeof shingles !== 'string') return;
      const story = JSON.parse(storyJson) as Story;
      byId.set(id, { id, clusterId: story.clusterId, publishedAt: story.publishedAt, lang: story.lang, shingles });
    });
    return unions.map((union) =>
      union.map((id) => byId.get(id)).filter((candidate): candidate is ClusterCandidate => candidate !== undefined),
    );
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
    return values.filter((value): value is string => value !== null).map((value) => JSON.parse(value) as Story);
  }

  async latest(query: LatestQuery): Promise<StoryView[]> {
    const index = query.topic ? this.keys.topicIndex(query.lang, query.topic) : this.keys.langIndex(query.lang);
    // Clusters collapse several ids into one entry, so read ahead of the limit.
    const ids = await this.redis.zrevrangebyscore(index, '+inf', query.since ?? '-inf', 'LIMIT', 0, query.limit * 4);
    return this.toViews(await this.getMany(ids), query.limit);
  }

  async search(lang: Lang, words: string[], limit: number): Promise<StoryView[]> {
    const ids = await this.redis.zrevrange(this.keys.langIndex(lang), 0, (this.options.searchDepth ?? 2000) - 1);
    const stories = await this.getMany(ids);
    const matching = stories.filter((story) => matchesAllWords(`${story.title} ${story.summary}`, words));
    return this.toViews(matching, limit);
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
