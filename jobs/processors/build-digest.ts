import type { Job, Queue } from 'bullmq';
import type { RedisClient } from '../../src/adapters/redis/redis-client.js';
import type { ChatStore } from '../../src/adapters/redis/chat-store.js';
import type { DeliveryStore } from '../../src/adapters/redis/delivery-store.js';
import { loadDigestCandidates } from '../../src/adapters/redis/digest-candidates.js';
import { nothingNewDigestId } from '../../src/adapters/queue/job-ids.js';
import type { Keys } from '../../src/adapters/redis/keys.js';
import type { StoryStore } from '../../src/adapters/redis/story-store.js';
import { chatKeyId, parseChatKeyId, type ChatSettings } from '../../src/core/chat/chat-settings.js';
import { digestInputKey, digestInputs, digestWindow } from '../../src/core/digest/digest-input-key.js';
import type { DigestLimits } from '../../src/core/digest/digest-types.js';
import { selectDigest } from '../../src/core/digest/select-digest.js';
import { renderDigest } from '../../src/core/render/render-digest.js';
import { deliveryPlan } from '../../src/core/schedule/delivery-plan.js';
import type { TopicDefinition } from '../../src/core/types.js';
import type { Logger } from '../../src/logger.js';
import type { BuildJobData, DeliverJobData } from '../queues.js';
import { deliverJob, enqueueDeliveries } from './enqueue-delivery.js';
import { nothingNewAnswer } from './nothing-new-answer.js';

export interface BuildDigestDeps {
  redis: RedisClient;
  keys: Keys;
  chats: ChatStore;
  delivery: DeliveryStore;
  stories: StoryStore;
  topics: () => readonly TopicDefinition[];
  deliverQueue: Queue<DeliverJobData>;
  limits: DigestLimits;
  logger: Logger;
  now: () => number;
}

/**
 * Builds the digests for a batch of chats and queues their delivery. Chats with equal inputs and window share one
 * built and rendered digest (cached in Redis under the input key), so each further chat costs a cache hit.
 */
export function createBuildDigestProcessor(deps: BuildDigestDeps) {
  return async (job: Job<BuildJobData>): Promise<{ queued: number; built: number }> => {
    const { at, reason } = job.data;
    const loaded = await loadSettings(deps, job.data.chats, at);
    const settings = loaded.filter((s) => s.active && (reason === 'manual' || !s.paused));
    const ids = settings.map((s) => chatKeyId(s.key));
    const manual = reason === 'manual';
    const lasts = await deps.delivery.lastDigests(ids);
    // A /digest starts after the later of the last scheduled digest and the last /digest (so asking twice says
    // "nothing new"), but it never moves the scheduled digest's start: what /digest showed is still in the next
    // scheduled digest, which the rest of a group may be waiting for.
    const manualLasts = manual ? await deps.delivery.lastManualDigests(ids) : [];
    const plans = settings.map((s, index) => {
      const window = digestWindow(latestOf(lasts[index], manualLasts[index]), at, manual);
      const inputs = digestInputs(s);
      return {
        settings: s,
        id: ids[index] as string,
        window,
        inputs,
        digestId: digestInputKey(inputs, window),
      };
    });

    const uniqueIds = [...new Set(plans.map((plan) => plan.digestId))];
    const cached = await deps.delivery.getDigests(uniqueIds);
    const parts = new Map<string, string[]>();
    uniqueIds.forEach((id, index) => {
      const hit = cached[index];
      if (hit) parts.set(id, hit.parts);
    });
    let built = 0;
    const broken = new Set<string>();
    for (const plan of plans) {
      if (parts.has(plan.digestId) || broken.has(plan.digestId)) continue;
      const candidates = await loadDigestCandidates(
        deps.redis,
        deps.keys,
        deps.stories,
        plan.inputs,
        plan.window,
      );
      let rendered: string[];
      try {
        const digest = selectDigest(candidates, plan.inputs, plan.window, deps.limits);
        rendered = renderDigest(digest, { topics: deps.topics(), timezone: plan.inputs.timezone, at });
      } catch (error) {
        // Selection and rendering are pure: what fails now fails on every retry, so these chats are given up
        // on for this slot (dead letter) and the rest of the batch goes on.
        broken.add(plan.digestId);
        const chats = plans.filter((p) => p.digestId === plan.digestId).map((p) => p.id);
        deps.logger.error({ err: error, chats }, 'digest could not be built');
        await deps.delivery.addDeadLetter({
          queue: 'digest',
          name: 'build',
          ...(job.id ? { jobId: job.id } : {}),
          chats,
          reason: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
          at,
        });
        continue;
      }
      await deps.delivery.putDigest(plan.digestId, { parts: rendered });
      parts.set(plan.digestId, rendered);
      built += 1;
    }

    const jobs: ReturnType<typeof deliverJob>[] = [];
    for (const plan of plans) {
      if (broken.has(plan.digestId)) continue;
      const digestParts = parts.get(plan.digestId) ?? [];
      if (digestParts.length > 0) jobs.push(deliverJob(plan.settings, plan.digestId));
      else if (reason === 'manual') {
        // The ledger is per digest id, so each "nothing new" answer gets its own id.
        const emptyId = nothingNewDigestId(plan.digestId);
        await deps.delivery.putDigest(emptyId, {
          parts: await nothingNewAnswer(deps.stories, plan.settings),
        });
        jobs.push(deliverJob(plan.settings, emptyId));
      }
    }
    // Digests of several parts go first: each later part waits out its chat's spacing, and that wait then overlaps
    // other chats' sends instead of trailing after the last of them.
    const partCount = (j: ReturnType<typeof deliverJob>) => parts.get(j.data.digestId)?.length ?? 1;
    jobs.sort((x, y) => partCount(y) - partCount(x));
    await enqueueDeliveries(deps.deliverQueue, jobs);

    await deps.delivery.commitBuilds(
      plans.map((plan) => {
        // A /digest moves only its own marker; the schedule's window and due time stay as they were.
        if (manual)
          return { chat: plan.id, ...(broken.has(plan.digestId) ? {} : { manualAt: plan.window.to }) };
        // A broken build and an empty scheduled window are not consumed: their stories stay for the next slot.
        const consumed = !broken.has(plan.digestId) && !digestPartsEmpty(parts.get(plan.digestId));
        const next = deliveryPlan(plan.settings, at);
        return {
          chat: plan.id,
          ...(consumed ? { lastAt: plan.window.to } : {}),
          ...(next.kind === 'scheduled' ? { nextAt: next.nextAt } : {}),
        };
      }),
    );
    if (built > 0) deps.logger.debug({ built, chats: plans.length }, 'digests built');
    return { queued: jobs.length, built };
  };
}

/**
 * The batch's chat settings. A chat whose settings cannot be read (an unparseable key or stored JSON) is given up
 * on alone: it goes to the dead-letter list and leaves the due index until its settings are saved again, so it
 * neither blocks its batch nor comes back every lease.
 */
async function loadSettings(deps: BuildDigestDeps, chats: string[], at: number): Promise<ChatSettings[]> {
  const results = await Promise.allSettled(
    chats.map(async (id) => {
      const key = parseChatKeyId(id);
      if (!key) throw new TypeError(`not a chat key id: ${JSON.stringify(id)}`);
      return deps.chats.get(key);
    }),
  );
  const settings: ChatSettings[] = [];
  for (const [index, result] of results.entries()) {
    if (result.status === 'fulfilled') {
      if (result.value) settings.push(result.value);
      continue;
    }
    const chat = chats[index] as string;
    const reason =
      result.reason instanceof Error ? `${result.reason.name}: ${result.reason.message}` : 'unknown';
    deps.logger.error({ err: result.reason, chat }, 'chat settings unreadable; chat left out of digests');
    await deps.delivery.addDeadLetter({ queue: 'digest', name: 'build', chats: [chat], reason, at });
    await deps.delivery.setDue(chat, undefined);
  }
  return settings;
}

function latestOf(a: number | undefined, b: number | undefined): number | undefined {
  if (a === undefined) return b;
  return b === undefined ? a : Math.max(a, b);
}

function digestPartsEmpty(parts: string[] | undefined): boolean {
  return parts === undefined || parts.length === 0;
}
