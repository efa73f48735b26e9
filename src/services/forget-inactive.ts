import type { ChatStore } from '../adapters/redis/chat-store.js';
import type { Logger } from '../logger.js';

export interface ForgetInactiveDeps {
  chats: Pick<ChatStore, 'listInactiveSince' | 'listForChat'>;
  /** Deletes everything kept about a chat (the same path as /forget). */
  forget: (chatId: number) => Promise<void>;
  retentionMs: number;
  logger: Logger;
}

/**
 * A chat that blocked the bot (or removed it) is forgotten once it has been inactive for the retention period:
 * nobody can ask for /forget from a chat the bot can no longer read. Returns the chat ids forgotten.
 */
export async function forgetInactiveChats(deps: ForgetInactiveDeps, now: number): Promise<number[]> {
  const forgotten = new Set<number>();
  for await (const batch of deps.chats.listInactiveSince(now - deps.retentionMs)) {
    for (const settings of batch) {
      if (forgotten.has(settings.key.chatId)) continue;
      // A forum whose one thread was switched off while others still get news is not a chat that left.
      if ((await deps.chats.listForChat(settings.key.chatId)).some((s) => s.active)) continue;
      await deps.forget(settings.key.chatId);
      forgotten.add(settings.key.chatId);
    }
  }
  if (forgotten.size > 0)
    deps.logger.info({ chats: forgotten.size }, 'inactive chats forgotten after retention');
  return [...forgotten];
}
