import type { TopicDefinition } from '../../src/core/types.js';

const topic = (slug: string, uk: string, ru: string): TopicDefinition => ({
  slug,
  names: { uk, ru },
  keywords: { uk: [], ru: [] },
  categories: [],
});

/** A stand-in for the built-in topics so bot tests do not depend on the classifier's keyword lists. */
export const TEST_TOPICS: TopicDefinition[] = [
  topic('politics', 'Політика', 'Политика'),
  topic('war', 'Війна', 'Война'),
  topic('economy', 'Економіка', 'Экономика'),
  topic('world', 'Світ', 'Мир'),
  topic('tech', 'Технології', 'Технологии'),
  topic('sport', 'Спорт', 'Спорт'),
];
