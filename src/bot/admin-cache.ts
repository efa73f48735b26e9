import type { Api } from 'grammy';

export interface AdminCache {
  /** True when `userId` is the creator or an administrator of `chatId`; answers are cached for `ttlMs`. */
  isAdmin(api: Api, chatId: number, userId: number): Promise<boolean>;
  /** Drops every cached answer about `chatId` (/forget). */
  forget(chatId: number): void;
}

// Bounded so a bot in many busy groups cannot grow the map forever.
const MAX_ENTRIES = 10_000;

export function createAdminCache(ttlMs: number, now: () => number): AdminCache {
  const entries = new Map<string, { admin: boolean; until: number }>();
  return {
    async isAdmin(api, chatId, userId) {
      const id = `${chatId}:${userId}`;
      const cached = entries.get(id);
      if (cached && cached.until > now()) return cached.admin;
      const member = await api.getChatMember(chatId, userId);
      const admin = member.status === 'creator' || member.status === 'administrator';
      if (entries.size >= MAX_ENTRIES) entries.clear();
      entries.set(id, { admin, until: now() + ttlMs });
      return admin;
    },
    forget(chatId) {
      for (const id of entries.keys()) if (id.startsWith(`${chatId}:`)) entries.delete(id);
    },
  };
}
