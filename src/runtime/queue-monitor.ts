import { Queue, type ConnectionOptions } from 'bullmq';
import type { RedisClient } from '../adapters/redis/redis-client.js';

export type JobCounts = Record<string, number>;

/** Read-side handles on the queues for /stats, /metrics and the dashboard; they never add or process jobs. */
export interface QueueMonitor {
  readonly queues: readonly Queue[];
  counts(): Promise<Record<string, JobCounts>>;
  /** Prometheus text for every queue (BullMQ's own exporter), one HELP/TYPE block per metric. */
  prometheus(): Promise<string>;
  close(): Promise<void>;
}

export const COUNTED_STATES = ['waiting', 'active', 'delayed', 'prioritized', 'failed', 'completed'] as const;

export function createQueueMonitor(
  connection: RedisClient,
  bullPrefix: (queue: string) => string,
  names: readonly string[],
): QueueMonitor {
  const queues = names.map(
    (name) =>
      new Queue(name, { connection: connection as unknown as ConnectionOptions, prefix: bullPrefix(name) }),
  );
  for (const queue of queues) queue.on('error', () => undefined);
  return {
    queues,
    async counts() {
      const entries = await Promise.all(
        queues.map(async (queue) => [queue.name, await queue.getJobCounts(...COUNTED_STATES)] as const),
      );
      return Object.fromEntries(entries);
    },
    async prometheus() {
      const texts = await Promise.all(queues.map((queue) => queue.exportPrometheusMetrics()));
      return mergePrometheusTexts([...texts, await oldestWaitingText(queues, Date.now())]);
    },
    async close() {
      await Promise.all(queues.map((queue) => queue.close()));
    },
  };
}

/** How long the oldest job of each queue has been waiting: the queue's waiting time, which depths alone hide. */
async function oldestWaitingText(queues: readonly Queue[], now: number): Promise<string> {
  const lines = [
    '# HELP newsdigest_queue_oldest_waiting_seconds Age of the oldest waiting job per queue (0 when none waits)',
    '# TYPE newsdigest_queue_oldest_waiting_seconds gauge',
  ];
  for (const queue of queues) {
    const [oldest] = await queue.getJobs(['waiting', 'prioritized'], 0, 0, true);
    const age = oldest ? Math.max(0, (now - oldest.timestamp) / 1000) : 0;
    lines.push(`newsdigest_queue_oldest_waiting_seconds{queue="${queue.name}"} ${age}`);
  }
  return lines.join('\n');
}

/**
 * BullMQ exports each queue on its own; one scrape must carry each metric's HELP/TYPE once, with all its samples
 * grouped under it.
 */
export function mergePrometheusTexts(texts: readonly string[]): string {
  const groups = new Map<string, { headers: string[]; samples: string[] }>();
  const groupOf = (name: string) => {
    let group = groups.get(name);
    if (!group) {
      group = { headers: [], samples: [] };
      groups.set(name, group);
    }
    return group;
  };
  for (const line of texts.join('\n').split('\n')) {
    const text = line.trim();
    if (text === '') continue;
    const header = /^# (?:HELP|TYPE) (\S+)/.exec(text);
    if (header) {
      const group = groupOf(header[1] ?? '');
      if (!group.headers.includes(text)) group.headers.push(text);
    } else if (!text.startsWith('#')) {
      groupOf(/^[^{\s]+/.exec(text)?.[0] ?? '').samples.push(text);
    }
  }
  const lines = [...groups.values()].flatMap((group) => [...group.headers, ...group.samples]);
  return lines.length > 0 ? `${lines.join('\n')}\n` : '';
}
