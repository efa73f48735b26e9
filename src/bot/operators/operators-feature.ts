import { Composer } from 'grammy';
import { escapeHtml } from '../../core/render/escape-html.js';
import { operatorLocale } from '../../core/ops/operator-locale.js';
import type { BotContext } from '../context.js';
import { replyHtml } from '../ui.js';
import { addFeedCommand } from './add-feed-command.js';
import { breakingThresholdCommand } from './breaking-threshold-command.js';
import { broadcastCommand } from './broadcast-command.js';
import { feedChangeCommands } from './feed-change-commands.js';
import { feedsCommand } from './feeds-command.js';
import { isOperator, isPrivateChat, logRefusal, useOperatorLocale } from './guard.js';
import { importOpml } from './import-opml.js';
import type { OperatorDeps } from './operator-deps.js';
import { statsExportCommands } from './stats-export-commands.js';
import { topicKeywordsCommand } from './topic-keywords-command.js';

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
  'broadcast',
  'breaking_threshold',
] as const;

/**
 * Every operator command behind one guard: OPERATOR_IDS only, in a private chat only; anyone else is refused and
 * the attempt is logged. The /feeds page buttons and OPML uploads are not commands, so they check both themselves.
 */
export function operatorsFeature(deps: OperatorDeps): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  composer.command([...OPERATOR_COMMANDS], async (ctx, next) => {
    // Operators read replies in their own Telegram language (uk, ru, else English), not the chat's news edition.
    useOperatorLocale(ctx);
    if (!isPrivateChat(ctx)) {
      if (isOperator(ctx, deps)) await replyHtml(ctx, ctx.t('op-private-only'));
      // Everyone else in a group gets nothing: the bot does not advertise operator commands to members.
      else logRefusal(ctx, ctx.message?.text?.split(/\s/)[0] ?? 'command');
      return;
    }
    if (isOperator(ctx, deps)) {
      // Left for the alert notifier; a client that reports no language leaves the fallback (chat settings) in charge.
      const { id, language_code: code } = ctx.from ?? {};
      if (id !== undefined && code) await deps.locales?.remember(id, operatorLocale(code));
      return next();
    }
    logRefusal(ctx, ctx.message?.text?.split(/\s/)[0] ?? 'command');
    await replyHtml(ctx, ctx.t('op-only'));
  });
  composer.use(
    feedsCommand(deps),
    addFeedCommand(deps),
    feedChangeCommands(deps),
    topicKeywordsCommand(deps),
    statsExportCommands(deps),
    broadcastCommand(deps),
    breakingThresholdCommand(deps),
  );
  composer.on('message:document', async (ctx, next) => {
    const name = ctx.message.document.file_name?.toLowerCase() ?? '';
    if (!isPrivateChat(ctx)) return next();
    if (!name.endsWith('.opml') && !(name.endsWith('.xml') && isOperator(ctx, deps))) return next();
    useOperatorLocale(ctx);
    if (!isOperator(ctx, deps)) {
      logRefusal(ctx, 'opml import');
      await replyHtml(ctx, ctx.t('op-import-only'));
      return;
    }
    await replyHtml(ctx, importOpmlSummary(ctx, await importOpml(ctx, deps)));
  });
  return composer;
}

function importOpmlSummary(ctx: BotContext, summary: Awaited<ReturnType<typeof importOpml>>): string {
  if (summary.kind === 'refused') return ctx.t('op-opml-refused', { reason: escapeHtml(summary.reason) });
  const lines = [
    ctx.t('op-opml-summary', {
      added: summary.added.length,
      duplicates: summary.duplicates,
      failed: summary.failed.length,
      invalid: summary.invalid.length,
    }),
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
