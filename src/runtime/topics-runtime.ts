import type { TopicOverride } from '../core/feeds/feeds-file.js';
import { BUILTIN_TOPICS } from '../core/topics/builtin-topics.js';
import { createTopicClassifier, mergeTopics } from '../core/topics/classify-topics.js';
import type { TopicClassifier } from '../core/ingest/tag-story.js';
import type { TopicDefinition } from '../core/types.js';

export interface TopicsRuntime {
  topics: TopicDefinition[];
  classify: TopicClassifier;
}

/** Built-in topics with the feeds file's overrides applied, and a compiled classifier for them. */
export function buildTopics(overrides: Record<string, TopicOverride>): TopicsRuntime {
  const topics = mergeTopics(BUILTIN_TOPICS, overrides);
  return { topics, classify: createTopicClassifier(topics) };
}
