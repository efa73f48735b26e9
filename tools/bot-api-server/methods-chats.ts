import { badRequest } from './api-failure.js';
import { assertCanPost, requireChat, requireInt, type MethodHandler } from './method-context.js';

const getChat: MethodHandler = (params, ctx) => {
  const chat = requireChat(ctx, params);
  // ChatFullInfo always carries these two.
  return { ...ctx.state.chatObject(chat), accent_color_id: 0, max_reaction_count: 11 };
};

const getChatMember: MethodHandler = (params, ctx) => {
  const chat = requireChat(ctx, params);
  const user = ctx.state.users.get(requireInt(params, 'user_id'));
  if (!user) throw badRequest('user not found');
  if (chat.type === 'private') {
    if (user.id !== chat.id && user.id !== ctx.state.bot.id) throw badRequest('user not found');
    const botBlocked = user.id === ctx.state.bot.id && ctx.state.blocked.has(chat.id);
    return botBlocked ? { status: 'kicked', user, until_date: 0 } : { status: 'member', user };
  }
  return ctx.state.chatMember(chat.id, user);
};

const getChatAdministrators: MethodHandler = (params, ctx) => {
  const chat = requireChat(ctx, params);
  if (chat.type === 'private') throw badRequest('there are no administrators in the private chat');
  return ctx.state.chatMembers(chat.id).filter((m) => m.status === 'creator' || m.status === 'administrator');
};

const getChatMemberCount: MethodHandler = (params, ctx) => {
  const chat = requireChat(ctx, params);
  if (chat.type === 'private') return 2;
  return ctx.state
    .chatMembers(chat.id)
    .filter(
      (m) =>
        m.status === 'creator' ||
        m.status === 'administrator' ||
        m.status === 'member' ||
        (m.status === 'restricted' && m.is_member),
    ).length;
};

const leaveChat: MethodHandler = (params, ctx) => {
  const chat = requireChat(ctx, params);
  if (chat.type === 'private') throw badRequest("chat member status can't be changed in private chats");
  ctx.state.setMember(chat.id, ctx.state.bot.id, 'left');
  return true;
};

const sendChatAction: MethodHandler = (params, ctx) => {
  const chat = requireChat(ctx, params);
  if (typeof params.action !== 'string' || params.action === '') throw badRequest('action is empty');
  assertCanPost(ctx, chat);
  return true;
};

export const chatMethods: Record<string, MethodHandler> = {
  getChat,
  getChatMember,
  getChatAdministrators,
  getChatMemberCount,
  leaveChat,
  sendChatAction,
};
