import type { Queue } from 'bullmq';
import { breakingDigestId } from '../../src/adapters/queue/job-ids.js';
import type { BreakingStore } from '../../src/adapters/redis/breaking-store.js';
import type { ChatStore } from '../../src/adapters/redis/chat-store.js';
import type { DeliveryStore } from '../../src/adapters/redis/delivery-store.js';
import type { Keys } from '../../src/adapters/redis/keys.js';
import { consumeNewStories } from '../../src/adapters/redis/story-events.js';
import type { StoryStore } from '../../src/adapters/redis/story-store.js';
import { breakingVerdict, localDay, maxWithinWindow } from '../../src/core/breaking/breaking-rule.js';
import { chatKeyId, type ChatSettings } from '../../src/core/chat/chat-settings.js';
import { renderBreaking } from '../../src/core/render/render-breaking.js';
import type { Story } from '../../src/core/types.js';
import type { Logger } from '../../src/logger.js';
import type { RedisClient } from '../../src/adapters/redis/redis-client.js';
import type { DeliverJobData } from '../queues.js';
import { deliverJob, enqueueDeliveries } from './enqueue-delivery.js';

export interface BreakingDeps {
  redis: RedisClient;
  keys: Keys;
  chats: ChatStore;
  delivery: DeliveryStore;
  stories: StoryStore;
  breaking: BreakingStore;
  deliverQueue: Queue<DeliverJobData>;
  logger: Logger;
  now: () => number;
}

export interface BreakingResult {
  /** Clusters that became breaking news in this batch. */
  clusters: string[];
  /** Messages queued (one per chat and cluster). */
  queued: number;
}

const GROUP = 'breaking';

/**
 * Counts each new story's outlet towards its cluster; a cluster that reaches the threshold of distinct outlets
 * within the window is claimed once (never sent twice) and queued, through the same deliver queue and ledger as
 * digests, to every subscriber it passes (language, muted words, quiet hours, daily cap).
 */
export async function handleBreakingStories(deps: BreakingDeps, storyIds: string[]): Promise<BreakingResult> {
  const result: BreakingResult = { clusters: [], queued: 0 };
  if (storyIds.length === 0) return result;
  const rule = await deps.breaking.settings();
  const stories = await deps.stories.getMany(storyIds);
  const ready = new Map<string, number>();
  for (const story of stories) {
    const times = await deps.breaking.noteOutlet(
      story.clusterId,
      story.outlet,
      story.publishedAt,
      Math.max(rule.windowMs * 2, 3_600_000),
    );
    const outlets = maxWithinWindow(times, rule.windowMs);
    if (outlets >= rule.outlets)
      ready.set(story.clusterId, Math.max(outlets, ready.get(story.clusterId) ?? 0));
  }
  if (ready.size === 0) return result;
  const subscribers = await loadSubscribers(deps);
  for (const [clusterId, outlets] of ready) {
    if (!(await deps.breaking.claimCluster(clusterId))) continue;
    // A cluster spans languages (a UA and a RU report of one event), so each reader gets a member in their
    // edition's language: the cluster's lead, or a story of this batch that belongs to it.
    const [lead] = await deps.stories.getMany([clusterId]);
    const members = [...(lead ? [lead] : []), ...stories.filter((s) => s.clusterId === clusterId)];
    const byLang = new Map<Story['lang'], Story>();
    for (const member of members) if (!byLang.has(member.lang)) byLang.set(member.lang, member);
    if (byLang.size === 0) continue;
    result.clusters.push(clusterId);
    for (const story of byLang.values()) {
      result.queued += await fanOut(deps, story, outlets, subscribers, rule.perDay);
    }
  }
  if (result.clusters.length > 0) deps.logger.info(result, 'breaking news queued');
  return result;
}

/** Breaking news is rare (a few clusters a day), so subscribers are read from the active chats, with no index. */
async function loadSubscribers(deps: BreakingDeps): Promise<ChatSettings[]> {
  const found: ChatSettings[] = [];
  for await (const batch of deps.chats.listActive()) found.push(...batch.filter((s) => s.breaking === true));
  return found;
}

async function fanOut(
  deps: BreakingDeps,
  story: Story,
  outlets: number,
  subscribers: ChatSettings[],
  perDay: number,
): Promise<number> {
  const now = deps.now();
  const digestId = breakingDigestId(story.clusterId, story.lang);
  const jobs = [];
  for (const settings of subscribers) {
    if (breakingVerdict(settings, story, now) !== 'send') continue;
    const chat = chatKeyId(settings.key);
    if (!(await deps.breaking.takeDailySlot(chat, localDay(now, settings.timezone), perDay))) continue;
    jobs.push(deliverJob(settings, digestId));
  }
  if (jobs.length === 0) return 0;
  await deps.delivery.putDigest(digestId, { parts: [renderBreaking(story, outlets)] });
  await enqueueDeliveries(deps.deliverQueue, jobs);
  return jobs.length;
}

/** Reads new-story events in its own consumer group (like instant delivery) until `signal` aborts. */
export function runBreakingConsumer(
  deps: BreakingDeps,
  consumer: string,
  signal: AbortSignal,
): Promise<void> {
  return consumeNewStories(deps.redis, deps.keys, GROUP, consumer, signal, (storyIds) =>
    handleBreakingStories(deps, storyIds),
  );
}
