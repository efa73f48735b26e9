import type { TopicOverridesStore } from '../adapters/redis/topic-overrides-store.js';
import type { TopicOverride } from '../core/feed/feeds-file.js';
import type { TopicClassifier } from '../core/ingest/tag-story.js';
import type { TopicDefinition } from '../core/types.js';
import type { Logger } from '../logger.js';
import { buildTopics } from './build-topics.js';

export interface LiveTopics {
  /** Always classifies with the latest definitions; safe to hand to processors once. */
  classify: TopicClassifier;
  topics(): TopicDefinition[];
  /** Reads the operators' overrides now; returns whether anything changed. */
  reload(): Promise<boolean>;
  stop(): void;
}

export const TOPICS_RELOAD_MS = 30_000;

/** The feeds file's overrides with the operators' keyword stems on top (per topic and language). */
export function combineOverrides(
  file: Readonly<Record<string, TopicOverride>>,
  operator: Readonly<Record<string, TopicOverride>>,
): Record<string, TopicOverride> {
  const out: Record<string, TopicOverride> = { ...file };
  for (const [slug, override] of Object.entries(operator)) {
    const base = out[slug] ?? {};
    out[slug] = { ...base, keywords: { ...base.keywords, ...override.keywords } };
  }
  return out;
}

/**
 * A classifier that follows /topic_keywords without a restart: every worker re-reads the overrides every 30 s
 * and recompiles only when they changed. A bad override is logged and the previous classifier kept.
 */
export async function startLiveTopics(options: {
  fileOverrides: Record<string, TopicOverride>;
  store: TopicOverridesStore;
  logger: Logger;
  everyMs?: number;
}): Promise<LiveTopics> {
  let current = buildTopics(options.fileOverrides);
  let signature = '{}';
  const reload = async (): Promise<boolean> => {
    const operator = await options.store.load();
    const next = JSON.stringify(operator);
    if (next === signature) return false;
    try {
      current = buildTopics(combineOverrides(options.fileOverrides, operator));
      signature = next;
      options.logger.info({ topics: Object.keys(operator) }, 'topic overrides applied');
      return true;
    } catch (error) {
      options.logger.error({ err: error }, 'topic overrides rejected; keeping the previous classifier');
      return false;
    }
  };
  await reload();
  const timer = setInterval(() => {
    reload().catch((error: unknown) => options.logger.warn({ err: error }, 'topic overrides reload failed'));
  }, options.everyMs ?? TOPICS_RELOAD_MS);
  timer.unref();
  return {
    classify: (input) => current.classify(input),
    topics: () => current.topics,
    reload,
    stop: () => clearInterval(timer),
  };
}
