import { Composer, InputFile } from 'grammy';
import { buildOpml } from '../../core/ops/opml.js';
import { renderStats } from '../../core/ops/stats-text.js';
import { escapeHtml } from '../../core/render/escape-html.js';
import type { BotContext } from '../context.js';
import { replyHtml } from '../ui.js';
import type { OperatorDeps } from './operator-deps.js';

/** /stats (queues, feeds, deliveries) and /export (every feed as an OPML document). */
export function statsExportCommands(deps: OperatorDeps): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  composer.command('stats', async (ctx) => {
    await replyHtml(ctx, `<b>Stats</b>\n<pre>${escapeHtml(renderStats(await deps.stats()))}</pre>`);
  });
  composer.command('export', async (ctx) => {
    const feeds = await deps.feeds.list();
    const opml = buildOpml(feeds, 'newsdigest feeds', ctx.deps.now());
    await ctx.replyWithDocument(new InputFile(Buffer.from(opml, 'utf8'), 'newsdigest-feeds.opml'), {
      caption: `${feeds.length} feeds`,
    });
  });
  return composer;
}
