import { quietUntil } from '../../src/core/breaking/quiet-hours.js';
import { instantDigestId } from '../../src/adapters/queue/job-ids.js';
import { chatKeyId, parseChatKeyId, type ChatSettings } from '../../src/core/chat/chat-settings.js';
import { digestInputs } from '../../src/core/digest/digest-input-key.js';
import type { DigestCandidate } from '../../src/core/digest/digest-types.js';
import { digestSize, selectDigest } from '../../src/core/digest/select-digest.js';
import { renderDigest } from '../../src/core/render/render-digest.js';
import { consumeNewStories } from '../../src/adapters/redis/story-events.js';
import type { BuildDigestDeps } from './build-digest.js';
import { deliverJob, enqueueDeliveries } from './enqueue-delivery.js';

/** Instant batches need exactly what scheduled digests need. */
export type InstantDeps = BuildDigestDeps;

const GROUP = 'instant';
const ALL_TIME = { from: 0, to: Number.MAX_SAFE_INTEGER };

async function loadChats(deps: InstantDeps, ids: string[]): Promise<ChatSettings[]> {
  const all = await Promise.all(ids.map((id) => parseChatKeyId(id)).map((key) => key && deps.chats.get(key)));
  return all.filter(
    (s): s is ChatSettings => s !== undefined && s.active && !s.paused && s.schedule.kind === 'instant',
  );
}

async function candidatesFor(deps: InstantDeps, ids: string[]): Promise<DigestCandidate[]> {
  const found = await deps.stories.getMany(ids);
  const editions = await deps.stories.otherEditions(found);
  const others = new Map((await deps.stories.getMany([...new Set(editions.values())])).map((s) => [s.id, s]));
  return found.map((story) => {
    const other = others.get(editions.get(story.id) ?? '');
    return { story, sources: 1, ...(other ? { otherEdition: other } : {}) };
  });
}

/**
 * Reads new-story events with a consumer group (each event handled by one worker, acknowledged after it is
 * queued) and queues matching stories per instant chat. Runs until `signal` aborts.
 */
export function runInstantConsumer(deps: InstantDeps, consumer: string, signal: AbortSignal): Promise<void> {
  return consumeNewStories(deps.redis, deps.keys, GROUP, consumer, signal, (storyIds) =>
    queueMatches(deps, storyIds),
  );
}

export async function queueMatches(deps: InstantDeps, storyIds: string[]): Promise<void> {
  const chats = await loadChats(deps, await deps.delivery.instantChats());
  if (chats.length === 0 || storyIds.length === 0) return;
  const candidates = await candidatesFor(deps, storyIds);
  const entries = [];
  for (const settings of chats) {
    const digest = selectDigest(candidates, digestInputs(settings), ALL_TIME, {
      perTopic: 1000,
      total: 1000,
    });
    const ids = digest.sections.flatMap((section) => section.entries.map((entry) => entry.story.id));
    if (ids.length > 0)
      entries.push({
        chat: chatKeyId(settings.key),
        storyIds: ids,
      });
  }
  await deps.delivery.queueInstant(entries, deps.now());
}

/** The instant tick: chats whose batch is due get one message with everything queued for them since the last. */
export function createInstantTickProcessor(deps: InstantDeps) {
  return async (): Promise<{ sent: number }> => {
    const at = deps.now();
    const due = await deps.delivery.takeInstantDue(at, 1000);
    const jobs = [];
    for (const { chat, storyIds } of due) {
      const [settings] = await loadChats(deps, [chat]);
      if (!settings || storyIds.length === 0) continue;
      const quietEnd = quietUntil(settings.quiet, settings.timezone, at);
      if (quietEnd !== undefined) {
        // Quiet hours: the stories wait, queued again for the moment they end.
        await deps.delivery.queueInstant([{ chat, storyIds }], quietEnd);
        continue;
      }
      const inputs = digestInputs(settings);
      const digest = selectDigest(await candidatesFor(deps, storyIds), inputs, ALL_TIME, deps.limits);
      if (digestSize(digest) === 0) continue;
      const parts = renderDigest(digest, {
        topics: deps.topics(),
        timezone: inputs.timezone,
        instant: true,
      });
      const digestId = instantDigestId(chat, at);
      await deps.delivery.putDigest(digestId, { parts });
      jobs.push(deliverJob(settings, digestId));
    }
    await enqueueDeliveries(deps.deliverQueue, jobs);
    // Only now, with the messages queued, may the taken stories be forgotten (see takeInstantDue).
    await deps.delivery.ackInstant(due.map((entry) => entry.chat));
    return { sent: jobs.length };
  };
}
