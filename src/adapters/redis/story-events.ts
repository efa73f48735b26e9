import { duplicateClient, type RedisClient } from './redis-client.js';
import type { Story } from '../../core/types.js';
import type { Keys } from './keys.js';
import { ensureGroup } from './stream-group.js';

/** Entries kept in the new-story stream; readers (instant delivery, metrics) are never far behind. */
const STREAM_MAX_LENGTH = '10000';

/** A new-story event as readers see it. */
export interface NewStoryEvent {
  id: string;
  lang: string;
  topics: string[];
}

/** Appends one new-story event per stored story (one round trip for the batch). */
export async function appendNewStoryEvents(
  redis: RedisClient,
  keys: Keys,
  stories: readonly Story[],
): Promise<void> {
  if (stories.length === 0) return;
  const pipeline = redis.pipeline();
  for (const story of stories) {
    pipeline.xadd(
      keys.newStories(),
      'MAXLEN',
      '~',
      STREAM_MAX_LENGTH,
      '*',
      'id',
      story.id,
      'lang',
      story.lang,
      'topics',
      story.topics.join(','),
    );
  }
  await pipeline.exec();
}

/** Reads a stream entry's flat field list; a missing field is an empty value, never a neighbouring one. */
export function parseNewStoryEvent(fields: readonly string[]): NewStoryEvent {
  const value = (name: string): string => {
    for (let i = 0; i + 1 < fields.length; i += 2) if (fields[i] === name) return fields[i + 1] as string;
    return '';
  };
  const topics = value('topics');
  return { id: value('id'), lang: value('lang'), topics: topics === '' ? [] : topics.split(',') };
}

/**
 * Reads new-story events in a consumer group (each event handled by one process of the group) and hands each batch's
 * story ids to `handle`, acknowledging the batch only after `handle` returns. Runs until `signal` aborts. A dedicated
 * connection: XREADGROUP BLOCK would hold up every other command on a shared one.
 */
export async function consumeNewStories(
  redis: RedisClient,
  keys: Keys,
  group: string,
  consumer: string,
  signal: AbortSignal,
  handle: (storyIds: string[]) => Promise<unknown>,
): Promise<void> {
  const stream = keys.newStories();
  const reader = duplicateClient(redis);
  try {
    await ensureGroup(reader, stream, group, '$');
    while (!signal.aborted) {
      const reply = (await reader.xreadgroup(
        'GROUP',
        group,
        consumer,
        'COUNT',
        200,
        'BLOCK',
        1000,
        'STREAMS',
        stream,
        '>',
      )) as [string, [string, string[]][]][] | null;
      const entries = reply?.[0]?.[1] ?? [];
      if (entries.length === 0) continue;
      await handle(entries.map(([, fields]) => parseNewStoryEvent(fields).id).filter(Boolean));
      await reader.xack(stream, group, ...entries.map(([id]) => id));
    }
  } finally {
    reader.disconnect();
  }
}
