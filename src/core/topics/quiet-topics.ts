/** A topic whose newest story is older than this is "quiet": /latest says so and points at livelier topics. */
export const QUIET_AFTER_MS = 6 * 3_600_000;
/** How many livelier topics a quiet-topic answer offers. */
export const NEAREST_TOPICS = 3;

export interface QuietReport {
  /** Time since the topic's newest story; undefined when it has none within retention. */
  quietForMs: number | undefined;
  /** Topics with news within QUIET_AFTER_MS, newest news first. */
  nearest: string[];
}

/**
 * Decides whether a topic is quiet at `now` from each topic's newest story time, and which topics have news
 * instead. Returns undefined when the topic is not quiet.
 */
export function quietReport(
  topic: string,
  newestByTopic: ReadonlyMap<string, number | undefined>,
  now: number,
): QuietReport | undefined {
  const newest = newestByTopic.get(topic);
  if (newest !== undefined && now - newest < QUIET_AFTER_MS) return undefined;
  const nearest = [...newestByTopic.entries()]
    .filter((entry): entry is [string, number] => entry[0] !== topic && entry[1] !== undefined)
    .filter(([, at]) => now - at < QUIET_AFTER_MS)
    .sort((a, b) => b[1] - a[1])
    .slice(0, NEAREST_TOPICS)
    .map(([slug]) => slug);
  return { quietForMs: newest === undefined ? undefined : now - newest, nearest };
}
