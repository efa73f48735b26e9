import { operatorLocale } from '../../core/ops/operator-locale.js';
import type { BotContext } from '../context.js';
import type { OperatorDeps } from './operator-deps.js';

/** Who may run operator commands: OPERATOR_IDS only. */
export function isOperator(ctx: BotContext, deps: OperatorDeps): boolean {
  return ctx.from !== undefined && deps.operatorIds.includes(ctx.from.id);
}

/**
 * Operator answers carry internal URLs, feed errors and counts, so they are only given in a private chat with the
 * bot: in a group every member would read them.
 */
export const isPrivateChat = (ctx: BotContext): boolean => ctx.chat?.type === 'private';

/**
 * Operator replies (and refusals of would-be operators) follow the person's own Telegram language, not the chat's
 * news edition: an operator reads feed errors and counts, not the news.
 */
export function useOperatorLocale(ctx: BotContext): void {
  ctx.i18n.useLocale(operatorLocale(ctx.from?.language_code));
}

/** Logs a refused attempt: who tried what. */
export function logRefusal(ctx: BotContext, what: string): void {
  ctx.log.warn(
    { user_id: ctx.from?.id, username: ctx.from?.username, attempt: what },
    'operator command refused',
  );
}

/** The operator's words after the command, split on whitespace. */
export const argsOf = (ctx: BotContext): string[] =>
  (typeof ctx.match === 'string' ? ctx.match : '').trim().split(/\s+/).filter(Boolean);
