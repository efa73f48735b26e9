import { Composer } from 'grammy';
import { parseBroadcast } from '../../core/ops/operator-args.js';
import type { BotContext } from '../context.js';
import type { OperatorDeps } from './operator-deps.js';

/** /broadcast <text>, or per language /broadcast uk: <текст> | ru: <текст>: queues a message to every chat. */
export function broadcastCommand(deps: OperatorDeps): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  composer.command('broadcast', async (ctx) => {
    const from = ctx.from?.id;
    if (from === undefined) return;
    if (!deps.broadcast) {
      await ctx.reply(ctx.t('op-broadcast-unavailable'));
      return;
    }
    // Only the text after the command: ctx.match keeps line breaks, which commandArgs would too.
    const texts = parseBroadcast(typeof ctx.match === 'string' ? ctx.match : '');
    if (!texts) {
      await ctx.reply(ctx.t('op-broadcast-usage'));
      return;
    }
    const id = await deps.broadcast(texts, from);
    ctx.log.info({ user_id: from, broadcast: id, langs: Object.keys(texts) }, 'broadcast queued');
    await ctx.reply(ctx.t('op-broadcast-queued', { id, langs: Object.keys(texts).join(', ') }));
  });
  return composer;
}
