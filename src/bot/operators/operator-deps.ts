import type { BreakingStore } from '../../adapters/redis/breaking-store.js';
import type { FeedStore } from '../../adapters/redis/feed-store.js';
import type { TopicOverridesStore } from '../../adapters/redis/topic-overrides-store.js';
import type { OpsStats } from '../../core/ops/stats-text.js';
import type { Lang, TopicDefinition } from '../../core/types.js';
import type { FeedAdmin } from '../../services/feed-admin.js';

/** What the operator commands need; the bot root builds it only when OPERATOR_IDS is set. */
export interface OperatorDeps {
  operatorIds: readonly number[];
  feeds: FeedStore;
  admin: FeedAdmin;
  topicOverrides: TopicOverridesStore;
  /** Current topics (built-ins and feeds file), to validate /topic_keywords. */
  topics: () => readonly TopicDefinition[];
  stats: () => Promise<OpsStats>;
  /** Queues a message to every chat and returns the broadcast id; absent where no queue is wired (tests). */
  broadcast?: (texts: Partial<Record<Lang, string>>, by: number) => Promise<string>;
  /** Breaking-news threshold (/breaking_threshold); absent where not wired (tests). */
  breaking?: BreakingStore;
}
