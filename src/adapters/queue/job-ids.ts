/**
 * Every custom BullMQ job id newsdigest builds, and every digest id that ends up inside one, comes from here.
 *
 * BullMQ refuses a custom id that parses as an integer, and one that contains ':' (unless it splits into exactly
 * three parts, a legacy form of repeatable jobs that we must not hit by accident either). A forum thread's chat
 * key is `<chatId>:<threadId>`, so a chat key never goes into an id as it is: ':' becomes '_', a character chat
 * keys never contain, so two different chats still get two different ids.
 */

/** A chat key id (`<chatId>` or `<chatId>:<threadId>`) as a job-id part. */
export function chatIdPart(chat: string): string {
  return chat.replaceAll(':', '_');
}

/** One scheduled build batch: the tick time, its first chat and its size name it, so a re-run tick adds nothing. */
export function buildJobId(at: number, chats: readonly string[]): string {
  return `build-${at}-${chatIdPart(chats[0] ?? 'none')}-${chats.length}`;
}

/** One message part of one digest for one chat: a re-run tick or a retried build never queues it twice. */
export function deliverJobId(chat: string, digestId: string, part: number): string {
  return `deliver-${chatIdPart(chat)}-${digestId}-${part}`;
}

/** The digest id of one instant-mode batch for one chat. */
export function instantDigestId(chat: string, at: number): string {
  return `inst-${chatIdPart(chat)}-${at}`;
}

/** The digest id of a "nothing new" answer to /digest (each answer is its own message in the ledger). */
export function emptyDigestId(lang: string, at: number): string {
  return `empty-${lang}-${at}`;
}

/**
 * The digest id of a "nothing new" answer to /digest that also lists the latest stories of the reader's topics:
 * named by the digest input key (inputs and window), so chats asking with the same inputs at once share it.
 */
export function nothingNewDigestId(digestInputKey: string): string {
  return `empty-${digestInputKey}`;
}

/** The digest id of a breaking-news message: one per cluster and language (clusters span UA and RU), shared by chats. */
export function breakingDigestId(clusterId: string, lang: string): string {
  return `brk-${clusterId}-${lang}`;
}

/** The digest id of one language's text of an operator broadcast. */
export function broadcastDigestId(broadcastId: string, lang: string): string {
  return `bc-${broadcastId}-${lang}`;
}

export function broadcastJobId(broadcastId: string): string {
  return `broadcast-${broadcastId}`;
}

/** A retried poll never queues the same batch of new stories twice. */
export function storiesJobId(feedId: string, firstStoryId: string, count: number): string {
  return `stories-${feedId}-${firstStoryId}-${count}`;
}

/** BullMQ's own rules for a custom id (job.js validateOptions), for tests and for a guard before queueing. */
export function isValidJobId(id: string): boolean {
  if (`${parseInt(id, 10)}` === id) return false;
  return !id.includes(':');
}
