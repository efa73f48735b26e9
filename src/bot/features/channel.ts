import { Composer, GrammyError } from 'grammy';
import {
  defaultChatSettings,
  parseLang,
  parseSchedule,
  parseTimezone,
  type ChatSettings,
} from '../../core/chat/chat-settings.js';
import { escapeHtml } from '../../core/render/escape-html.js';
import type { AdminCache } from '../admin-cache.js';
import type { BotContext } from '../context.js';
import {
  commandArgs,
  describeSchedule,
  replyHtml,
  resolveTopic,
  settingsSummary,
  validTopics,
} from '../ui.js';

const TARGET = /^(@[A-Za-z][A-Za-z0-9_]{3,31}|-100\d{5,15})$/;

function channelLabel(settings: ChatSettings): string {
  return escapeHtml(
    settings.username ? `@${settings.username}` : (settings.title ?? String(settings.key.chatId)),
  );
}

function matchesTarget(settings: ChatSettings, target: string): boolean {
  if (target.startsWith('@')) return settings.username?.toLowerCase() === target.slice(1).toLowerCase();
  return String(settings.key.chatId) === target;
}

/** Channels are managed from a private chat by an admin of the channel; the bot must be able to post there. */
export function channelFeature(admins: AdminCache): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  const privateChats = composer.chatType('private');

  const add = async (ctx: BotContext, userId: number, target: string): Promise<void> => {
    let chatId: number;
    let title: string | undefined;
    let username: string | undefined;
    try {
      const chat = await ctx.api.getChat(target);
      if (chat.type !== 'channel') {
        await replyHtml(ctx, ctx.t('channel-not-channel'));
        return;
      }
      chatId = chat.id;
      title = chat.title;
      username = chat.username;
      if (!(await admins.isAdmin(ctx.api, chatId, userId))) {
        await replyHtml(ctx, ctx.t('channel-not-admin'));
        return;
      }
      const me = await ctx.api.getChatMember(chatId, ctx.me.id);
      const canPost = me.status === 'administrator' && me.can_post_messages === true;
      if (!canPost) {
        await replyHtml(ctx, ctx.t('channel-bot-cannot-post', { bot: escapeHtml(ctx.me.username) }));
        return;
      }
    } catch (error) {
      if (!(error instanceof GrammyError)) throw error;
      await replyHtml(ctx, ctx.t('channel-not-found', { bot: escapeHtml(ctx.me.username) }));
      return;
    }
    const now = ctx.deps.now();
    const existing = await ctx.deps.chats.get({ chatId });
    const base =
      existing ??
      defaultChatSettings(
        { chatId },
        'channel',
        ctx.from?.language_code,
        ctx.deps.config.defaultTimezone,
        now,
      );
    const settings: ChatSettings = {
      ...base,
      ...(ctx.scope ? { lang: existing?.lang ?? ctx.scope.settings.lang } : {}),
      linkedBy: userId,
      active: true,
      updatedAt: now,
      ...(title !== undefined ? { title } : {}),
      ...(username !== undefined ? { username } : {}),
    };
    await ctx.deps.chats.save(settings);
    await replyHtml(
      ctx,
      `${ctx.t('channel-added', { channel: channelLabel(settings) })}\n\n${settingsSummary(ctx, settings)}`,
    );
  };

  const configure = async (ctx: BotContext, channel: ChatSettings, words: string[]): Promise<void> => {
    const [part, ...rest] = words;
    const value = rest.join(' ');
    let next: ChatSettings | undefined;
    if (part === undefined) {
      await replyHtml(ctx, `${channelLabel(channel)}\n\n${settingsSummary(ctx, channel)}`);
      return;
    }
    if (part === 'lang') {
      const lang = parseLang(value);
      if (lang) next = { ...channel, lang };
      else return void (await replyHtml(ctx, ctx.t('lang-usage')));
    } else if (part === 'topics') {
      const slugs: string[] = [];
      for (const word of value.split(/[\s,;]+/).filter((w) => w !== '')) {
        const topic = resolveTopic(word, ctx.deps.topics);
        if (!topic) {
          const lang = ctx.scope?.settings.lang ?? 'uk';
          return void (await replyHtml(
            ctx,
            `${ctx.t('topic-unknown', { input: escapeHtml(word) })}\n\n${validTopics(ctx, lang)}`,
          ));
        }
        if (!slugs.includes(topic.slug)) slugs.push(topic.slug);
      }
      if (slugs.length === 0) return void (await replyHtml(ctx, ctx.t('topics-usage')));
      next = { ...channel, topics: slugs };
    } else if (part === 'schedule') {
      const parsed = parseSchedule(value);
      if (parsed.ok) next = { ...channel, schedule: parsed.value };
      else return void (await replyHtml(ctx, ctx.t('schedule-bad')));
    } else if (part === 'timezone') {
      const parsed = parseTimezone(value);
      if (parsed.ok) next = { ...channel, timezone: parsed.value };
      else
        return void (await replyHtml(ctx, ctx.t('timezone-bad', { current: escapeHtml(channel.timezone) })));
    } else if (part === 'pause' || part === 'resume') {
      next = { ...channel, paused: part === 'pause' };
    } else {
      return void (await replyHtml(ctx, ctx.t('channel-usage')));
    }
    next = { ...next, updatedAt: ctx.deps.now() };
    await ctx.deps.chats.save(next);
    await replyHtml(
      ctx,
      `${ctx.t('channel-updated', { channel: channelLabel(next), schedule: describeSchedule(ctx, next.schedule) })}\n\n${settingsSummary(ctx, next)}`,
    );
  };

  privateChats.command('channel', async (ctx) => {
    const userId = ctx.from.id;
    const [first, ...rest] = commandArgs(ctx)
      .split(/\s+/)
      .filter((w) => w !== '');
    if (first === 'add' && rest.length === 1 && TARGET.test(rest[0]!)) return add(ctx, userId, rest[0]!);
    if (first === 'list' && rest.length === 0) {
      const linked = await ctx.deps.chats.listLinkedBy(userId);
      if (linked.length === 0) return replyHtml(ctx, ctx.t('channel-list-empty'));
      const lines = linked.map(
        (c) =>
          `• ${channelLabel(c)} — ${describeSchedule(ctx, c.schedule)}${c.active ? '' : ` (${ctx.t('status-inactive')})`}`,
      );
      return replyHtml(ctx, `${ctx.t('channel-list-heading')}\n${lines.join('\n')}`);
    }
    const targetWord = first === 'remove' ? rest[0] : first;
    if (targetWord === undefined || !TARGET.test(targetWord)) return replyHtml(ctx, ctx.t('channel-usage'));
    const channel = (await ctx.deps.chats.listLinkedBy(userId)).find((c) => matchesTarget(c, targetWord));
    if (!channel) return replyHtml(ctx, ctx.t('channel-unknown', { channel: escapeHtml(targetWord) }));
    // Admin rights can be taken away after linking, so every change re-checks them (cached briefly).
    const stillAdmin = await admins.isAdmin(ctx.api, channel.key.chatId, userId).catch(() => false);
    if (!stillAdmin) return replyHtml(ctx, ctx.t('channel-not-admin'));
    if (first === 'remove') {
      if (rest.length !== 1) return replyHtml(ctx, ctx.t('channel-usage'));
      await ctx.deps.chats.remove(channel.key);
      return replyHtml(ctx, ctx.t('channel-removed', { channel: channelLabel(channel) }));
    }
    return configure(ctx, channel, rest);
  });

  composer.command('channel', (ctx) => replyHtml(ctx, ctx.t('channel-private-only')));
  return composer;
}
