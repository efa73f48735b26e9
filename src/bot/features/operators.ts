import { Composer, InlineKeyboard, InputFile } from 'grammy';
import { parseLang } from '../../core/chat/chat-settings.js';
import { formatDuration, parseDuration } from '../../core/feeds/duration.js';
import { renderFeedsPage } from '../../core/ops/feeds-page.js';
import { buildOpml } from '../../core/ops/opml.js';
import { renderStats } from '../../core/ops/stats-text.js';
import { escapeHtml } from '../../core/render/escape-html.js';
import type { FeedLang } from '../../core/types.js';
import type { AddFeedOutcome } from '../../ops/feed-admin.js';
import type { BotContext } from '../context.js';
import { importOpml } from '../operators/import-opml.js';
import type { OperatorDeps } from '../operators/operator-deps.js';
import { editHtml, replyHtml } from '../ui.js';

export const OPERATOR_COMMANDS = [
  'feeds',
  'addfeed',
  'rmfeed',
  'pausefeed',
  'resumefeed',
  'interval',
  'topic_keywords',
  'stats',
  'export',
] as const;

const FEEDS_BUTTON = /^ops:feeds:(\d{1,4})$/;
const MAX_STEMS = 200;

const argsOf = (ctx: BotContext): string[] =>
  (typeof ctx.match === 'string' ? ctx.match : '').trim().split(/\s+/).filter(Boolean);

/** Who may run operator commands: OPERATOR_IDS only. Anyone else is refused, and the attempt is logged. */
function isOperator(ctx: BotContext, deps: OperatorDeps): boolean {
  return ctx.from !== undefined && deps.operatorIds.includes(ctx.from.id);
}

function refuse(ctx: BotContext, what: string): void {
  ctx.log.warn(
    { user_id: ctx.from?.id, username: ctx.from?.username, attempt: what },
    'operator command refused',
  );
}

export function describeAdd(outcome: AddFeedOutcome): string {
  switch (outcome.kind) {
    case 'added': {
      const { feed, check } = outcome;
      return [
        `✅ Added <b>${escapeHtml(feed.name)}</b> <code>${feed.id}</code>`,
        escapeHtml(feed.url),
        `items: ${check.items}, language: ${check.lang} (feed set to ${feed.lang}), encoding: ${escapeHtml(check.encoding || '-')}`,
        `polled every ${formatDuration(feed.intervalMs)}, first poll now`,
      ].join('\n');
    }
    case 'duplicate':
      return `Already listed: <b>${escapeHtml(outcome.feed.name)}</b> <code>${outcome.feed.id}</code>`;
    case 'invalid':
      return `Not added: ${escapeHtml(outcome.reason)}.`;
    case 'unreachable':
      return `❌ Not added: ${escapeHtml(outcome.check.error ?? 'the feed could not be read')}`;
  }
}

async function showFeeds(ctx: BotContext, deps: OperatorDeps, page: number, edit: boolean): Promise<void> {
  const feeds = await deps.feeds.list();
  const rows = await Promise.all(
    feeds.map(async (feed) => ({ feed, health: await deps.feeds.getHealth(feed.id) })),
  );
  const view = renderFeedsPage(rows, page, ctx.deps.now());
  const keyboard = new InlineKeyboard();
  if (view.page > 0) keyboard.text('◀️', `ops:feeds:${view.page - 1}`);
  keyboard.text(`🔄 ${view.page + 1}/${view.pages}`, `ops:feeds:${view.page}`);
  if (view.page < view.pages - 1) keyboard.text('▶️', `ops:feeds:${view.page + 1}`);
  if (edit) await editHtml(ctx, view.text, keyboard);
  else await replyHtml(ctx, view.text, keyboard);
}

/** /feeds, /addfeed, /rmfeed, /pausefeed, /resumefeed, /interval, /topic_keywords, /stats, /export and OPML import. */
export function operatorsFeature(deps: OperatorDeps): Composer<BotContext> {
  const composer = new Composer<BotContext>();

  composer.command([...OPERATOR_COMMANDS], async (ctx, next) => {
    if (isOperator(ctx, deps)) return next();
    refuse(ctx, ctx.message?.text?.split(/\s/)[0] ?? 'command');
    await replyHtml(ctx, 'This command is for operators only.');
  });

  composer.command('feeds', (ctx) => showFeeds(ctx, deps, 0, false));

  composer.callbackQuery(FEEDS_BUTTON, async (ctx) => {
    if (!isOperator(ctx, deps)) {
      refuse(ctx, 'feeds button');
      await ctx.answerCallbackQuery({ text: 'Operators only.', show_alert: true });
      return;
    }
    await ctx.answerCallbackQuery();
    await showFeeds(ctx, deps, Number(ctx.match[1]), true);
  });

  composer.command('addfeed', async (ctx) => {
    const [url, ...rest] = argsOf(ctx);
    if (!url) {
      await replyHtml(ctx, 'Usage: /addfeed &lt;url&gt; [uk|ru|auto] [interval, e.g. 5m]');
      return;
    }
    let lang: FeedLang = 'auto';
    let intervalMs: number | undefined;
    for (const arg of rest) {
      const asLang = arg.toLowerCase() === 'auto' ? 'auto' : parseLang(arg);
      const asDuration = parseDuration(arg);
      if (asLang) lang = asLang;
      else if (asDuration !== undefined) intervalMs = asDuration;
      else {
        await replyHtml(
          ctx,
          `Unknown argument "${escapeHtml(arg)}": use uk, ru, auto or an interval like 10m.`,
        );
        return;
      }
    }
    const outcome = await deps.admin.add({ url, lang, ...(intervalMs !== undefined ? { intervalMs } : {}) });
    ctx.log.info({ url, outcome: outcome.kind, operator: ctx.from?.id }, 'operator added feed');
    await replyHtml(ctx, describeAdd(outcome));
  });

  const withFeed =
    (
      action: (
        ctx: BotContext,
        feed: NonNullable<Awaited<ReturnType<OperatorDeps['admin']['find']>>>,
        args: string[],
      ) => Promise<string>,
    ) =>
    async (ctx: BotContext): Promise<void> => {
      const [ref, ...args] = argsOf(ctx);
      const feed = ref ? await deps.admin.find(ref) : undefined;
      if (!feed) {
        await replyHtml(
          ctx,
          ref ? `No feed <code>${escapeHtml(ref)}</code>; see /feeds.` : 'Give a feed id; see /feeds.',
        );
        return;
      }
      const reply = await action(ctx, feed, args);
      ctx.log.info(
        { feedId: feed.id, command: ctx.message?.text?.split(/\s/)[0], operator: ctx.from?.id },
        'operator changed feed',
      );
      await replyHtml(ctx, reply);
    };

  composer.command(
    'rmfeed',
    withFeed(async (_ctx, feed) => {
      await deps.admin.remove(feed);
      return `🗑 Removed <b>${escapeHtml(feed.name)}</b> <code>${feed.id}</code>. The feeds file will not bring it back.`;
    }),
  );
  composer.command(
    'pausefeed',
    withFeed(async (_ctx, feed) => {
      await deps.admin.pause(feed);
      return `⏸ Paused <b>${escapeHtml(feed.name)}</b> <code>${feed.id}</code>. /resumefeed ${feed.id} to poll it again.`;
    }),
  );
  composer.command(
    'resumefeed',
    withFeed(async (_ctx, feed) => {
      await deps.admin.resume(feed);
      return `▶️ Resumed <b>${escapeHtml(feed.name)}</b> <code>${feed.id}</code>; it is polled at the next sweep.`;
    }),
  );
  composer.command(
    'interval',
    withFeed(async (_ctx, feed, [value]) => {
      const ms = value ? parseDuration(value) : undefined;
      if (ms === undefined || ms < 60_000 || ms > 86_400_000)
        return 'Usage: /interval &lt;id&gt; &lt;1m…24h, e.g. 5m&gt;';
      const next = await deps.admin.setInterval(feed, ms);
      return `⏱ <b>${escapeHtml(next.name)}</b> is now polled every ${formatDuration(next.intervalMs)}.`;
    }),
  );

  composer.command('topic_keywords', async (ctx) => {
    const text = typeof ctx.match === 'string' ? ctx.match.trim() : '';
    const match = /^(\S+)\s+(\S+)\s+([\s\S]+)$/.exec(text);
    const usage =
      'Usage: /topic_keywords &lt;topic&gt; &lt;uk|ru&gt; &lt;stem, stem, ...&gt; (or "reset" to go back to the defaults)';
    if (!match) {
      await replyHtml(ctx, usage);
      return;
    }
    const [, slugInput = '', langInput = '', stemsInput = ''] = match;
    const slug = slugInput.toLowerCase();
    const topic = deps.topics().find((each) => each.slug === slug);
    const lang = parseLang(langInput);
    if (!topic || !lang) {
      const known = deps
        .topics()
        .map((each) => each.slug)
        .join(', ');
      await replyHtml(
        ctx,
        `${!topic ? `Unknown topic; known: ${escapeHtml(known)}.` : 'The language is uk or ru.'}\n${usage}`,
      );
      return;
    }
    if (stemsInput.trim().toLowerCase() === 'reset') {
      await deps.topicOverrides.clearKeywords(slug, lang);
      await replyHtml(ctx, `Keywords of <b>${slug}</b> (${lang}) reset; workers pick it up within 30 s.`);
      return;
    }
    const stems = [
      ...new Set(
        stemsInput
          .split(',')
          .map((stem) => stem.trim().toLowerCase().replace(/\s+/g, ' '))
          .filter(Boolean),
      ),
    ];
    const bad = stems.find((stem) => stem.length < 2 || stem.length > 60);
    if (stems.length === 0 || stems.length > MAX_STEMS || bad !== undefined) {
      await replyHtml(
        ctx,
        `Give 1–${MAX_STEMS} stems of 2–60 characters, separated by commas.${bad ? ` Bad: "${escapeHtml(bad)}".` : ''}`,
      );
      return;
    }
    await deps.topicOverrides.setKeywords(slug, lang, stems);
    ctx.log.info({ slug, lang, stems: stems.length, operator: ctx.from?.id }, 'operator set topic keywords');
    await replyHtml(
      ctx,
      `Saved ${stems.length} stems for <b>${slug}</b> (${lang}); workers pick them up within 30 s.\n${escapeHtml(stems.join(', '))}`,
    );
  });

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

  composer.on('message:document', async (ctx, next) => {
    const name = ctx.message.document.file_name?.toLowerCase() ?? '';
    if (!name.endsWith('.opml') && !(name.endsWith('.xml') && isOperator(ctx, deps))) return next();
    if (!isOperator(ctx, deps)) {
      refuse(ctx, 'opml import');
      await replyHtml(ctx, 'Importing feeds is for operators only.');
      return;
    }
    await replyHtml(ctx, importOpmlSummary(await importOpml(ctx, deps)));
  });

  return composer;
}

function importOpmlSummary(summary: Awaited<ReturnType<typeof importOpml>>): string {
  if (summary.kind === 'refused') return `❌ Not imported: ${escapeHtml(summary.reason)}`;
  const lines = [
    `<b>OPML import</b>: ${summary.added.length} added, ${summary.duplicates} already listed, ${summary.failed.length} failed, ${summary.invalid.length} invalid`,
    ...summary.added.slice(0, 20).map((feed) => `✅ ${escapeHtml(feed.name)} <code>${feed.id}</code>`),
    ...summary.failed
      .slice(0, 20)
      .map((failure) => `❌ ${escapeHtml(failure.url)}: ${escapeHtml(failure.reason)}`),
    ...summary.invalid
      .slice(0, 10)
      .map((entry) => `⚠️ ${escapeHtml(entry.url)}: ${escapeHtml(entry.reason)}`),
  ];
  return lines.join('\n');
}
