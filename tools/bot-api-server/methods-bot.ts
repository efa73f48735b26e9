import { ApiFailure, badRequest } from './api-failure.js';
import type { MethodHandler, Params } from './method-context.js';

/** Telegram caps a long poll at 50 s; tests never need more. */
const MAX_POLL_SECONDS = 50;

const getUpdates: MethodHandler = async (params, ctx) => {
  if (ctx.state.webhook) {
    throw new ApiFailure(
      409,
      "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first",
    );
  }
  const poll = ctx.queue.beginPoll();
  if (params.offset !== undefined) ctx.queue.confirm(Number(params.offset));
  ctx.queue.setAllowed(params.allowed_updates);
  const limit = Math.min(100, Math.max(1, Number(params.limit ?? 100) || 100));
  const timeoutS = Math.min(MAX_POLL_SECONDS, Math.max(0, Number(params.timeout ?? 0) || 0));
  const deadline = ctx.nowMs() + timeoutS * 1000;
  let updates = ctx.queue.take(limit);
  while (updates.length === 0 && !ctx.signal.aborted && ctx.queue.isCurrent(poll)) {
    const left = deadline - ctx.nowMs();
    if (left <= 0) break;
    await ctx.queue.wait(left, ctx.signal);
    if (!ctx.queue.isCurrent(poll)) return [];
    updates = ctx.queue.take(limit);
  }
  return ctx.queue.isCurrent(poll) ? updates : [];
};

const setWebhook: MethodHandler = (params, ctx) => {
  if (params.drop_pending_updates === true) ctx.queue.dropAll();
  ctx.state.webhook = typeof params.url === 'string' && params.url !== '' ? params : undefined;
  return true;
};

const deleteWebhook: MethodHandler = (params, ctx) => {
  if (params.drop_pending_updates === true || params.drop_pending_updates === 'true') ctx.queue.dropAll();
  ctx.state.webhook = undefined;
  return true;
};

const getWebhookInfo: MethodHandler = (_params, ctx) => ({
  url: typeof ctx.state.webhook?.url === 'string' ? ctx.state.webhook.url : '',
  has_custom_certificate: false,
  pending_update_count: ctx.queue.pending(),
});

/** Commands are stored per scope and language, exactly; getMyCommands does no fallback. */
export function commandsKey(scope: unknown, languageCode: unknown): string {
  const s = (typeof scope === 'object' && scope !== null ? scope : { type: 'default' }) as Params;
  const lang = typeof languageCode === 'string' ? languageCode : '';
  return `${String(s.type ?? 'default')}:${String(s.chat_id ?? '')}:${String(s.user_id ?? '')}|${lang}`;
}

const setMyCommands: MethodHandler = (params, ctx) => {
  if (!Array.isArray(params.commands)) throw badRequest('commands is empty');
  for (const c of params.commands as Params[]) {
    if (typeof c.command !== 'string' || !/^[a-z0-9_]{1,32}$/.test(c.command))
      throw badRequest('BOT_COMMAND_INVALID');
    if (typeof c.description !== 'string' || c.description.length < 1 || c.description.length > 256) {
      throw badRequest('command description is empty or too long');
    }
  }
  ctx.state.commands.set(commandsKey(params.scope, params.language_code), params.commands);
  return true;
};

const getMyCommands: MethodHandler = (params, ctx) =>
  ctx.state.commands.get(commandsKey(params.scope, params.language_code)) ?? [];

const deleteMyCommands: MethodHandler = (params, ctx) => {
  ctx.state.commands.delete(commandsKey(params.scope, params.language_code));
  return true;
};

export const botMethods: Record<string, MethodHandler> = {
  getMe: (_params, ctx) => ctx.state.bot,
  getUpdates,
  setWebhook,
  deleteWebhook,
  getWebhookInfo,
  setMyCommands,
  getMyCommands,
  deleteMyCommands,
};
