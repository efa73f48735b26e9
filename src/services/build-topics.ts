import type { TopicOverride } from '../core/feed/feeds-file.js';
import type { TopicClassifier } from '../core/ingest/tag-story.js';
import { BUILTIN_TOPICS } from '../core/topics/builtin-topics.js';
import { classifyTopics, compileTopics, mergeTopics } from '../core/topics/classify-topics.js';
import type { TopicDefinition } from '../core/types.js';

export interface TopicsRuntime {
  topics: TopicDefinition[];
  classify: TopicClassifier;
}

/** Built-in topics with the feeds file's overrides applied, and a classifier compiled once for them. */
export function buildTopics(overrides: Record<string, TopicOverride>): TopicsRuntime {
  const topics = mergeTopics(BUILTIN_TOPICS, overrides);
  const compiled = compileTopics(topics);
  return { topics, classify: (input) => classifyTopics(input, compiled) };
}
