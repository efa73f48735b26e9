import { Composer } from 'grammy';
import type { ChatMember } from 'grammy/types';
import { escapeHtml } from '../../core/render/escape-html.js';
import type { BotContext } from '../context.js';

function canDeliver(kind: string, member: ChatMember): boolean {
  if (kind === 'channel')
    return (
      member.status === 'creator' || (member.status === 'administrator' && member.can_post_messages === true)
    );
  if (member.status === 'restricted') return member.is_member && member.can_send_messages;
  return member.status === 'member' || member.status === 'administrator' || member.status === 'creator';
}

/**
 * The bot removed, blocked or demoted: deactivate every subscription of that chat (forum threads included) and tell
 * the admin who linked it. Given its rights back: reactivate. A user's own /stop (paused) is left alone.
 */
export function myChatMemberFeature(): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  composer.on('my_chat_member', async (ctx) => {
    const { chat, new_chat_member: member } = ctx.myChatMember;
    const deliverable = canDeliver(chat.type, member);
    const now = ctx.deps.now();
    for (const settings of await ctx.deps.chats.listForChat(chat.id)) {
      if (settings.active === deliverable) continue;
      const next = deliverable
        ? await ctx.deps.chats.reactivate(settings.key, now)
        : await ctx.deps.chats.deactivate(settings.key, now);
      ctx.log.info({ chat: settings.key, active: deliverable }, 'chat access changed');
      if (next?.linkedBy === undefined) continue;
      const title = escapeHtml(next.username ? `@${next.username}` : (next.title ?? String(chat.id)));
      const locale = next.lang;
      await ctx.api
        .sendMessage(
          next.linkedBy,
          ctx.i18n.fluent.translate([locale, 'en'], deliverable ? 'channel-restored' : 'channel-lost', {
            channel: title,
          }),
          {
            parse_mode: 'HTML',
          },
        )
        .catch((error: unknown) => ctx.log.warn({ err: error }, 'could not tell the linking admin'));
    }
  });
  return composer;
}
