import { createHash } from 'node:crypto';
import type { ChatSettings } from '../chat/chat-settings.js';
import { MAX_WINDOW_MS, type DigestInputs, type DigestWindow } from './digest-types.js';

const MINUTE_MS = 60_000;

export function digestInputs(settings: ChatSettings): DigestInputs {
  return {
    lang: settings.lang,
    topics: settings.topics,
    follow: settings.follow,
    mute: settings.mute,
    allowOtherLang: settings.allowOtherLang,
    timezone: settings.timezone,
  };
}

/**
 * The window a digest covers: since the previous digest, at most MAX_WINDOW_MS. A scheduled digest ends on a whole
 * minute, so chats on the same schedule get the same window and share one built digest; a digest asked for with
 * /digest ends now, so news that arrived a moment ago is in it. The start is the previous digest's end exactly,
 * so no story is ever in two digests.
 */
export function digestWindow(lastDigestAt: number | undefined, now: number, exact = false): DigestWindow {
  const to = exact ? now : Math.floor(now / MINUTE_MS) * MINUTE_MS;
  const earliest = to - MAX_WINDOW_MS;
  const from = lastDigestAt ?? earliest;
  return { from: Math.min(Math.max(from, earliest), to), to };
}

/**
 * Chats whose inputs and window are equal get equal digests; this key names that digest. Topic order is kept
 * (it is the section order); keyword lists are sets, so they are sorted.
 */
export function digestInputKey(inputs: DigestInputs, window: DigestWindow): string {
  const canonical = JSON.stringify([
    inputs.lang,
    inputs.topics,
    [...inputs.follow].sort(),
    [...inputs.mute].sort(),
    inputs.allowOtherLang,
    inputs.timezone,
    window.from,
    window.to,
  ]);
  return createHash('sha1').update(canonical).digest('base64url').slice(0, 20);
}
