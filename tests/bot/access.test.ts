import { afterEach, describe, expect, it } from 'vitest';
import type { Chat, User } from 'grammy/types';
import { createHarness, group, privateChat, texts, user, type Harness } from './harness.js';

// Telegram's service account for anonymous group admins, and the one for messages sent on behalf of a channel.
const GROUP_ANONYMOUS_BOT: User = {
  id: 1087968824,
  is_bot: true,
  first_name: 'Group',
  username: 'GroupAnonymousBot',
};

describe('access in groups (issue 9)', () => {
  let h: Harness;
  afterEach(() => h.close());

  it('/digest in a group is for admins: a member gets a short explanation and no digest', async () => {
    h = await createHarness();
    const chat = group(-1007001);
    const admin = user(7001);
    const member = user(7002, 'ru');
    h.members.set(`${chat.id}:${admin.id}`, { status: 'administrator', user: admin });
    expect(texts(await h.text(member, chat, '/digest')).join()).toContain('только администраторы');
    expect(texts(await h.text(user(7003), chat, '/digest')).join()).toContain('лише адміністратори');
    expect(h.digests).toEqual([]);
    expect(texts(await h.text(admin, chat, '/digest')).join()).toContain('Готую добірку');
    expect(h.digests).toEqual([{ chatId: chat.id }]);
    // In a private chat the user is the chat's owner.
    const alone = user(7004);
    await h.text(alone, privateChat(alone.id), '/digest');
    expect(h.digests).toHaveLength(2);
  });

  it('rate-limits anonymous admins per group (sender_chat), not in one shared bucket', async () => {
    h = await createHarness([], { rateLimit: { limit: 3, windowMs: 60_000 } });
    const anonymousIn = (chat: Chat) => ({ sender_chat: chat });
    const groupA = group(-1007101);
    const groupB = group(-1007102);
    for (let i = 0; i < 3; i += 1) {
      expect(await h.text(GROUP_ANONYMOUS_BOT, groupA, '/help', anonymousIn(groupA))).not.toEqual([]);
    }
    // Group A's anonymous admin is over its limit now ...
    expect(await h.text(GROUP_ANONYMOUS_BOT, groupA, '/help', anonymousIn(groupA))).toEqual([]);
    // ... which says nothing about another group's anonymous admin, nor about a person.
    expect(await h.text(GROUP_ANONYMOUS_BOT, groupB, '/help', anonymousIn(groupB))).not.toEqual([]);
    expect(await h.text(user(7103), groupA, '/help')).not.toEqual([]);
  });
});
