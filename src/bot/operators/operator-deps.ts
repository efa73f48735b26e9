import type { BreakingStore } from '../../adapters/redis/breaking-store.js';
import type { FeedStore } from '../../adapters/redis/feed-store.js';
import type { OperatorLocaleStore } from '../../adapters/redis/operator-locale-store.js';
import type { TopicOverridesStore } from '../../adapters/redis/topic-overrides-store.js';
import type { StatsSeries } from '../../core/ops/stats-chart.js';
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
  /** The /stats chart: its numbers and a PNG renderer; absent means /stats answers with text only. */
  chart?: {
    series(range: '24h' | '7d', now: number): Promise<StatsSeries>;
    render(spec: Record<string, unknown>): Promise<Buffer>;
  };
  /** Where each operator's language is left for the alert notifier; absent where not wired (tests). */
  locales?: Pick<OperatorLocaleStore, 'remember'>;
  /** Breaking-news threshold (/breaking_threshold); absent where not wired (tests). */
  breaking?: BreakingStore;
}
