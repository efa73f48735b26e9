import type { RedisClient } from './redis-client.js';
import type { TopicOverride } from '../../core/feed/feeds-file.js';
import { LANGS, type Lang } from '../../core/types.js';
import type { Keys } from './keys.js';

/**
 * Keyword stems operators set with /topic_keywords, one hash field per `<slug>:<lang>`. They are applied on top of
 * the feeds file's topics, so tuning needs no deploy and survives restarts.
 */
export class TopicOverridesStore {
  constructor(
    private readonly redis: RedisClient,
    private readonly keys: Keys,
  ) {}

  async setKeywords(slug: string, lang: Lang, stems: string[]): Promise<void> {
    await this.redis.hset(this.keys.topicOverrides(), `${slug}:${lang}`, JSON.stringify(stems));
  }

  async clearKeywords(slug: string, lang: Lang): Promise<void> {
    await this.redis.hdel(this.keys.topicOverrides(), `${slug}:${lang}`);
  }

  async load(): Promise<Record<string, TopicOverride>> {
    const fields = await this.redis.hgetall(this.keys.topicOverrides());
    const out: Record<string, TopicOverride> = {};
    for (const [field, value] of Object.entries(fields)) {
      const [slug, lang] = field.split(':') as [string, Lang | undefined];
      if (!lang || !LANGS.includes(lang)) continue;
      let stems: unknown;
      try {
        stems = JSON.parse(value);
      } catch {
        continue;
      }
      if (!Array.isArray(stems) || !stems.every((stem) => typeof stem === 'string')) continue;
      const entry = (out[slug] ??= {});
      entry.keywords = { ...entry.keywords, [lang]: stems };
    }
    return out;
  }
}
