import type { Redis } from 'ioredis';
import type { Story } from '../../core/types.js';
import type { Keys } from './keys.js';

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
  redis: Redis,
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
