import { Composer, InputFile } from 'grammy';
import { buildOpml } from '../../core/ops/opml.js';
import { renderStats, type StatsLabels } from '../../core/ops/stats-text.js';
import { escapeHtml } from '../../core/render/escape-html.js';
import type { BotContext } from '../context.js';
import { commandArgs, replyHtml } from '../ui.js';
import { statsChartSpec, type ChartLabels } from '../../core/ops/stats-chart.js';
import type { OperatorDeps } from './operator-deps.js';

const CAPTION_MAX = 1024;

function statsLabels(ctx: BotContext): StatsLabels {
  return {
    chats: ctx.t('op-stats-chats'),
    none: ctx.t('op-stats-none'),
    active: (active, deactivated, paused) => ctx.t('op-stats-active', { active, deactivated, paused }),
    stories: ctx.t('op-stats-stories'),
    feeds: (total) => ctx.t('op-stats-feeds', { total }),
    queues: ctx.t('op-stats-queues'),
    deliveries: ctx.t('op-stats-deliveries'),
    sent: ctx.t('op-stats-sent'),
    failed: ctx.t('op-stats-failed'),
  };
}

function chartLabels(ctx: BotContext, range: '24h' | '7d'): ChartLabels {
  return {
    stories: ctx.t(range === '24h' ? 'chart-stories-hour' : 'chart-stories-day'),
    deliveries: ctx.t(range === '24h' ? 'chart-deliveries-hour' : 'chart-deliveries-day'),
    sent: ctx.t('chart-sent'),
    failed: ctx.t('chart-failed'),
    failingFeeds: ctx.t('chart-failing-feeds'),
    noFailingFeeds: ctx.t('chart-no-failing-feeds'),
  };
}

/** /stats [7d] (a chart with the report as its caption: queues, feeds, deliveries) and /export (every feed as an OPML document). */
export function statsExportCommands(deps: OperatorDeps): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  composer.command('stats', async (ctx) => {
    const plain = renderStats(await deps.stats(), statsLabels(ctx));
    const heading = ctx.t('op-stats-heading');
    const text = `<b>${escapeHtml(heading)}</b>\n<pre>${escapeHtml(plain)}</pre>`;
    if (!deps.chart) {
      await replyHtml(ctx, text);
      return;
    }
    const range = commandArgs(ctx).toLowerCase() === '7d' ? '7d' : '24h';
    const series = await deps.chart.series(range, ctx.deps.now());
    const png = await deps.chart.render(statsChartSpec(series, chartLabels(ctx, range)));
    const photo = new InputFile(png, `newsdigest-stats-${range}.png`);
    // A caption holds 1024 characters; a longer report follows the chart as its own message.
    const fits = heading.length + 1 + plain.length <= CAPTION_MAX;
    await ctx.replyWithPhoto(photo, {
      caption: fits ? text : `<b>${escapeHtml(heading)}</b>`,
      parse_mode: 'HTML',
    });
    if (!fits) await replyHtml(ctx, text);
  });
  composer.command('export', async (ctx) => {
    const feeds = await deps.feeds.list();
    const opml = buildOpml(feeds, 'newsdigest feeds', ctx.deps.now());
    await ctx.replyWithDocument(new InputFile(Buffer.from(opml, 'utf8'), 'newsdigest-feeds.opml'), {
      caption: ctx.t('op-export-caption', { count: feeds.length }),
    });
  });
  return composer;
}
