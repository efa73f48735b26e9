import { ApiFailure, badRequest, forbidden } from './api-failure.js';
import type { FloodLimiter } from './limits.js';
import type { BotApiState } from './state.js';
import type { UpdateQueue } from './update-queue.js';
import type { FakeChat } from './types.js';

export type Params = Record<string, unknown>;

export interface MethodContext {
  state: BotApiState;
  queue: UpdateQueue;
  limiter: FloodLimiter | undefined;
  nowMs: () => number;
  /** Aborts when the client goes away, so a long poll can stop waiting. */
  signal: AbortSignal;
}

export type MethodHandler = (params: Params, ctx: MethodContext) => unknown;

export function requireChat(ctx: MethodContext, params: Params): FakeChat {
  const raw = params.chat_id;
  if (raw === undefined || raw === null || raw === '') throw badRequest('chat_id is empty');
  const chat = ctx.state.resolveChat(raw);
  if (!chat) throw badRequest('chat not found');
  return chat;
}

export function requireInt(params: Params, name: string): number {
  const value = Number(params[name]);
  if (params[name] === undefined || !Number.isInteger(value)) throw badRequest(`${name} is empty`);
  return value;
}

/** Why Telegram would refuse to post in this chat, in its own words. */
export function assertCanPost(ctx: MethodContext, chat: FakeChat): void {
  if (chat.migratedTo !== undefined) {
    throw new ApiFailure(400, 'Bad Request: group chat was upgraded to a supergroup chat', {
      migrate_to_chat_id: chat.migratedTo,
    });
  }
  if (chat.type === 'private') {
    if (ctx.state.blocked.has(chat.id)) throw forbidden('bot was blocked by the user');
    return;
  }
  const status = ctx.state.memberStatus(chat.id, ctx.state.bot.id) ?? 'left';
  const where = `${chat.type} chat`;
  if (chat.type === 'channel') {
    if (status === 'left' || status === 'kicked') throw forbidden(`bot is not a member of the ${where}`);
    const canPost =
      status === 'creator' ||
      (status === 'administrator' &&
        ctx.state.memberRights(chat.id, ctx.state.bot.id).can_post_messages === true);
    if (!canPost) throw badRequest(`need administrator rights in the ${where}`);
    return;
  }
  if (status === 'kicked') throw forbidden(`bot was kicked from the ${where}`);
  if (status === 'left') throw forbidden(`bot is not a member of the ${where}`);
}

export const unixSeconds = (ctx: MethodContext): number => Math.floor(ctx.nowMs() / 1000);
