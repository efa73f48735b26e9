import type { Job } from 'bullmq';
import pLimit from 'p-limit';
import type { RedisClient } from '../../src/adapters/redis/redis-client.js';
import type {
  CandidateRead,
  ClusterCandidate,
  ClusterCommit,
  CommitOutcome,
} from '../../src/adapters/redis/cluster-store.js';
import type { Keys } from '../../src/adapters/redis/keys.js';
import { withLock } from '../../src/adapters/redis/redis-lock.js';
import { appendNewStoryEvents } from '../../src/adapters/redis/story-events.js';
import type { StoryStore } from '../../src/adapters/redis/story-store.js';
import { storyBands } from '../../src/core/cluster/assign-clusters.js';
import {
  chooseCluster,
  type ClusterCandidate as CoreCandidate,
  type ClusterMatch,
  type ClusterSubject,
} from '../../src/core/cluster/choose-cluster.js';
import {
  parseFeatures,
  serialiseFeatures,
  type StoryFeatures,
} from '../../src/core/cluster/story-features.js';
import { createTimeSlicer } from '../../src/core/feed/yield-to-event-loop.js';
import { tagStory, type TopicClassifier } from '../../src/core/ingest/tag-story.js';
import type { Story } from '../../src/core/types.js';
import type { Logger } from '../../src/logger.js';
import { ClusterConflictError } from '../../src/errors/cluster-conflict-error.js';
import type { StoriesJobData } from '../queues.js';

/**
 * Optimistic rounds before a story falls back to the clustering turn. A conflict means another job committed a
 * story into one of its bands in between, so the system as a whole always makes progress; the bound only keeps
 * one unlucky story (a very hot cluster) from retrying for long.
 */
const OPTIMISTIC_ROUNDS = 50;
/** The turn is held for one read-decide-commit round: Redis frees it by itself if the holder dies. */
const TURN = { ttlMs: 5_000, waitMs: 30_000 } as const;
/** Rounds under the turn before the job fails (one should do: nobody else can commit meanwhile). */
const TURN_ROUNDS = 3;

export interface ProcessStoriesDeps {
  stories: StoryStore;
  redis: RedisClient;
  keys: Keys;
  /** Multi-label topic classifier with the current topic definitions (built-ins, feeds file, operator tuning). */
  classify: TopicClassifier;
  now: () => number;
  logger?: Logger;
}

export interface ProcessStoriesResult {
  stored: number;
  /** Read-decide-commit rounds this job took (1 when nothing raced it). */
  rounds: number;
  /** Stories that fell back to the clustering turn. */
  turnFallbacks: number;
  /** Refused commits by reason: what racing jobs cost (bench:ingest prints them). */
  refused: { conflict: number; stale: number; blocked: number };
}

interface Prepared {
  story: Story;
  shingles: string;
  bands: string[];
  features: StoryFeatures;
  /** The cluster a story that joins none starts: its own id (tagStory's choice). */
  ownClusterId: string;
  /** What the last read found for it, plus members a refused commit reported; unset: read its bands (again). */
  found?: Found;
}

interface Found {
  candidates: ClusterCandidate[];
  members: string[];
  fullBands: string;
  /** How many of `candidates` were compared already, and the best match among them. */
  decidedCount: number;
  best?: Decided;
}

/** A story of this job stored in an earlier round, with the clustering record it was stored with. */
interface Committed {
  entry: Prepared;
  record: ClusterCandidate;
}

/** A match with the candidate it was made with, whose age breaks ties. */
interface Decided {
  match: ClusterMatch;
  candidate: CoreCandidate;
}

/**
 * Tags new stories with language and topics, pairs editions, clusters them with what other outlets reported,
 * stores them and emits a new-story event per stored story. Idempotent: stored ids are skipped on retry.
 *
 * Clustering takes no lock that jobs wait on, so any number of jobs and processes run at once. It is optimistic:
 * a batch reads its candidates (one script for the bands, one for the records this worker does not hold), decides
 * in the worker, and commits with a checked save (one script) that refuses a story if a member it did not compare
 * with appeared in its bands meanwhile (ClusterStore). A refused story is compared with those members and committed
 * again; one whose read went stale reads its bands again. Batches of one process take turns (oneBatchAtATime).
 * Every stored story was therefore compared with every candidate stored before it, as if stories were processed one at a time in commit order. Ties go to the oldest
 * candidate (then the lowest id), never to whichever arrived first.
 * story-similarity.ts and choose-cluster.ts decide whether two stories are one event; this file only decides which
 * stories are compared.
 */
export function createProcessStoriesProcessor(deps: ProcessStoriesDeps) {
  // Recent stories turn up as candidates again and again, and the cluster store hands out the same record object
  // for as long as it holds it; its parsed features live exactly as long (a record never changes once stored).
  const parsed = new WeakMap<ClusterCandidate, CoreCandidate>();
  const input = (candidate: ClusterCandidate) => {
    let value = parsed.get(candidate);
    if (!value) {
      value = toClusterInput(candidate);
      parsed.set(candidate, value);
    }
    return value;
  };
  // One batch of this process clusters at a time: deciding is CPU work on the one thread, so overlapping batches of
  // one process gained nothing but refusing each other (4.1 rounds per batch in bench:ingest, 1.0 now). Reads,
  // tagging, polling and storing still overlap; batches of other processes still race, checked by the commit.
  // (Committing in chunks of 10 instead of whole batches cut refusals between two processes from 0.48 to 0.15 per
  // item but cost one process 15–20 % of its throughput, for no more items per second with two: not done.)
  const oneBatchAtATime = pLimit(1);

  /** Decides every pending story against the read and earlier stories of the batch. */
  const decide = async (
    pending: readonly Prepared[],
    committed: readonly Committed[],
  ): Promise<ClusterCommit[]> => {
    // Earlier stories of this batch are not stored yet; like stored ones, only those sharing an LSH band are
    // compared, so a batch costs O(n) comparisons rather than O(n²).
    const batchByBand = new Map<string, Prepared[]>();
    const commits: ClusterCommit[] = [];
    // Comparing takes a fraction of a millisecond a story; a batch of 50 in one go would hold the event loop.
    const slice = createTimeSlicer();
    for (const entry of pending) {
      await slice();
      const found = (entry.found ??= { candidates: [], members: [], fullBands: '', decidedCount: 0 });
      addCommittedNeighbours(entry, found, committed);
      const subject = {
        features: entry.features,
        publishedAt: entry.story.publishedAt,
        lang: entry.story.lang,
      };
      // Stored candidates are compared once: a refused commit only adds members, so only those are new. A round
      // after a conflict is then microseconds, which keeps the window for the next race short.
      const unseen = found.candidates
        .slice(found.decidedCount)
        .filter((candidate) => candidate.id !== entry.story.id)
        .map(input);
      found.best = better(found.best, bestAmong(subject, unseen));
      found.decidedCount = found.candidates.length;
      const earlier = [...new Set(entry.bands.flatMap((band) => batchByBand.get(band) ?? []))];
      const batchIds = new Set(earlier.map((other) => other.story.id));
      const batchBest = bestAmong(subject, earlier.map(ownCandidate));
      const match = better(found.best, batchBest)?.match;
      entry.story.clusterId = match?.clusterId ?? entry.ownClusterId;
      const byBatchStory = match !== undefined && batchIds.has(match.matchedId);
      commits.push({
        id: entry.story.id,
        lang: entry.story.lang,
        clusterId: entry.story.clusterId,
        publishedAt: entry.story.publishedAt,
        outlet: entry.story.outlet,
        shingles: entry.shingles,
        bands: entry.bands,
        compared: [...found.members, ...batchIds],
        // Joining a batch story's cluster holds only if that story is stored in it; a batch story compared but
        // not chosen changes nothing if it turns out not to be stored.
        dependsOn: byBatchStory ? [{ id: match.matchedId, clusterId: match.clusterId }] : [],
        matched: match !== undefined,
        ...(match !== undefined && !byBatchStory ? { decidedBy: match.matchedId } : {}),
        fullBands: found.fullBands,
      });
      for (const band of entry.bands) {
        const members = batchByBand.get(band);
        if (members) members.push(entry);
        else batchByBand.set(band, [entry]);
      }
    }
    return commits;
  };

  /**
   * One read-decide-commit round over `pending`: stories without a current read read their bands first (one script
   * for all of them); stories a refused commit sent back with the members it had not seen skip the read.
   */
  const round = async (
    pending: readonly Prepared[],
    committed: readonly Committed[],
    turnToken?: string,
  ): Promise<CommitOutcome[]> => {
    const unread = pending.filter((entry) => entry.found === undefined);
    let read: CandidateRead | undefined;
    if (unread.length > 0) {
      read = await deps.stories.clusters.read(unread.map((entry) => entry.bands));
      unread.forEach((entry, index) => {
        const found = read?.stories[index];
        entry.found = found ? { ...found, candidates: [...found.candidates], decidedCount: 0 } : undefined;
      });
    }
    const commits = await decide(pending, committed);
    return deps.stories.clusters.commit(commits, {
      // A commit that read everything just now may skip the band checks if nothing was committed since; one that
      // reuses an older read always checks.
      sequence: read !== undefined && unread.length === pending.length ? read.sequence : '',
      checked: true,
      ...(turnToken !== undefined ? { turnToken } : {}),
    });
  };

  /** Waits (bounded) while another job holds the clustering turn. */
  const turnReleased = async () => {
    const started = Date.now();
    while ((await deps.redis.exists(deps.keys.clusterTurn())) === 1 && Date.now() - started < TURN.ttlMs) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  };

  return async (job: Job<StoriesJobData>): Promise<ProcessStoriesResult> => {
    let pending: Prepared[] = [];
    const slice = createTimeSlicer();
    for (const item of job.data.stories) {
      await slice();
      const { story, features } = tagStory(item, deps.classify);
      pending.push({
        story,
        shingles: serialiseFeatures(features),
        bands: storyBands(features),
        features,
        ownClusterId: story.clusterId,
      });
    }
    const fresh: Story[] = [];
    /** Stories of this job stored in an earlier round: what stories refused in that round compared with. */
    const committed: Committed[] = [];
    const again: Story[] = [];
    let blocked = false;
    let stale = false;
    const refused = { conflict: 0, stale: 0, blocked: 0 };
    /** Sorts outcomes into stored and already-stored stories; returns those to decide again. */
    const settle = (batch: Prepared[], outcomes: CommitOutcome[]): Prepared[] =>
      batch.filter((entry, index) => {
        const outcome = outcomes[index] ?? { kind: 'stale' };
        switch (outcome.kind) {
          case 'stored': {
            fresh.push(entry.story);
            // The store now holds this story's record for the next batches and rounds: its features are known.
            const record = deps.stories.clusters.heldRecord(entry.story.id) ?? storedRecord(entry);
            parsed.set(record, ownCandidate(entry));
            committed.push({ entry, record });
            return false;
          }
          case 'duplicate':
            again.push({ ...entry.story, clusterId: outcome.clusterId });
            return false;
          case 'conflict':
            refused.conflict += 1;
            entry.found?.candidates.push(...outcome.unseen);
            entry.found?.members.push(...outcome.unseenIds);
            return true;
          default:
            refused[outcome.kind] += 1;
            if (outcome.kind === 'blocked') blocked = true;
            else stale = true;
            entry.found = undefined;
            return true;
        }
      });

    let rounds = 0;
    let turnFallbacks = 0;
    await oneBatchAtATime(async () => {
      while (pending.length > 0 && rounds < OPTIMISTIC_ROUNDS) {
        if (blocked) await turnReleased();
        // From the third round on, a short random pause (longer after a stale read), so two jobs racing for the
        // same bands fall out of step.
        else if (rounds > 1)
          await new Promise((resolve) => setTimeout(resolve, Math.random() * (stale ? 2 : 1) * rounds));
        blocked = false;
        stale = false;
        rounds += 1;
        pending = settle(pending, await round(pending, committed));
      }
      if (pending.length === 0) return;
      turnFallbacks = pending.length;
      deps.logger?.warn(
        { job: job.id, stories: pending.length, rounds },
        'clustering kept conflicting: taking the clustering turn for these stories',
      );
      await withLock(deps.redis, deps.keys.clusterTurn(), TURN, async (token) => {
        // While the turn is held every other checked save is refused, so the first round commits.
        for (let held = 0; pending.length > 0; held += 1) {
          if (held >= TURN_ROUNDS) throw new ClusterConflictError(rounds);
          rounds += 1;
          for (const entry of pending) entry.found = undefined;
          pending = settle(pending, await round(pending, committed, token));
        }
      });
    });

    // The ingestion time is taken when the records are written, so a digest built before it cannot have seen it.
    await deps.stories.writeRecords(fresh, again, deps.now());
    await appendNewStoryEvents(deps.redis, deps.keys, fresh);
    return { stored: fresh.length, rounds, turnFallbacks, refused };
  };
}

/**
 * A story refused in a round was compared with the batch stories before it, some of which that round stored. They
 * are candidates like any stored story now, and the next commit must know they were seen (else they come back
 * as unseen members and cost one more round).
 */
function addCommittedNeighbours(entry: Prepared, found: Found, committed: readonly Committed[]): void {
  if (committed.length === 0) return;
  const bands = new Set(entry.bands);
  for (const { entry: other, record } of committed) {
    if (found.members.includes(other.story.id)) continue;
    if (!other.bands.some((band) => bands.has(band))) continue;
    found.members.push(other.story.id);
    found.candidates.push(record);
  }
}

/** A stored story's clustering record as a read would return it (when the store no longer holds it). */
function storedRecord(entry: Prepared): ClusterCandidate {
  return {
    id: entry.story.id,
    clusterId: entry.story.clusterId,
    publishedAt: entry.story.publishedAt,
    lang: entry.story.lang,
    shingles: entry.shingles,
  };
}

/** A story of this job as a candidate, with the features it was tagged with. */
function ownCandidate(entry: Prepared): CoreCandidate {
  return {
    id: entry.story.id,
    clusterId: entry.story.clusterId,
    features: entry.features,
    publishedAt: entry.story.publishedAt,
    lang: entry.story.lang,
  };
}

/** chooseCluster over `candidates` in tie order, with the candidate that matched. */
function bestAmong(subject: ClusterSubject, candidates: CoreCandidate[]): Decided | undefined {
  if (candidates.length === 0) return undefined;
  const match = chooseCluster(subject, candidates.sort(oldestFirst));
  const candidate = match && candidates.find((entry) => entry.id === match.matchedId);
  return match && candidate ? { match, candidate } : undefined;
}

/**
 * The match chooseCluster would pick from both candidate lists merged: the higher score, on a tie the candidate
 * that comes first in tie order.
 */
function better(a: Decided | undefined, b: Decided | undefined): Decided | undefined {
  if (!a || !b) return a ?? b;
  if (b.match.score !== a.match.score) return b.match.score > a.match.score ? b : a;
  return oldestFirst(b.candidate, a.candidate) < 0 ? b : a;
}

/** Ties in chooseCluster keep the earlier candidate: the oldest story (then the lowest id), whatever arrived first. */
function oldestFirst(a: CoreCandidate, b: CoreCandidate): number {
  return timeKey(a.publishedAt) - timeKey(b.publishedAt) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

function timeKey(publishedAt: number): number {
  return Number.isFinite(publishedAt) ? publishedAt : Number.MAX_SAFE_INTEGER;
}

function toClusterInput(candidate: ClusterCandidate): CoreCandidate {
  return {
    id: candidate.id,
    clusterId: candidate.clusterId,
    features: parseFeatures(candidate.shingles),
    publishedAt: candidate.publishedAt,
    lang: candidate.lang,
  };
}
