import { Composer } from 'grammy';
import type { BotContext } from '../context.js';
import { commandArgs, replyHtml } from '../ui.js';
import type { OperatorDeps } from './operator-deps.js';

const LIMITS = { outlets: [2, 50], minutes: [5, 1440], perDay: [1, 50] } as const;

function inRange(word: string | undefined, [min, max]: readonly [number, number]): number | undefined {
  if (word === undefined || !/^\d{1,4}$/.test(word)) return undefined;
  const value = Number(word);
  return value >= min && value <= max ? value : undefined;
}

/**
 * /breaking_threshold [outlets] [minutes] [per-day]: when a cluster becomes breaking news (distinct outlets within
 * minutes) and how many breaking messages a chat gets a day; no arguments shows the current values. Workers read
 * the values on every batch, so a change needs no restart.
 */
export function breakingThresholdCommand(deps: OperatorDeps): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  composer.command('breaking_threshold', async (ctx) => {
    const store = deps.breaking;
    if (!store) return;
    const words = commandArgs(ctx).split(/\s+/).filter(Boolean);
    if (words.length > 0) {
      const outlets = inRange(words[0], LIMITS.outlets);
      const minutes = words[1] === undefined ? undefined : inRange(words[1], LIMITS.minutes);
      const perDay = words[2] === undefined ? undefined : inRange(words[2], LIMITS.perDay);
      const bad =
        outlets === undefined ||
        (words[1] !== undefined && minutes === undefined) ||
        (words[2] !== undefined && perDay === undefined) ||
        words.length > 3;
      if (bad) {
        await replyHtml(ctx, ctx.t('op-breaking-usage'));
        return;
      }
      await store.setSettings({
        outlets,
        ...(minutes !== undefined ? { windowMs: minutes * 60_000 } : {}),
        ...(perDay !== undefined ? { perDay } : {}),
      });
    }
    const now = await store.settings();
    await replyHtml(
      ctx,
      ctx.t(words.length > 0 ? 'op-breaking-set' : 'op-breaking-current', {
        outlets: now.outlets,
        minutes: Math.round(now.windowMs / 60_000),
        perday: now.perDay,
      }),
    );
  });
  return composer;
}
