import { tooManyRequests } from './api-failure.js';
import type { ChatKind, LimitStats, TelegramLimits } from './types.js';

/** Timestamps in a sliding window; old ones are dropped from the front, so checks stay O(1) amortised. */
class Window {
  private times: number[] = [];
  private head = 0;

  constructor(private readonly spanMs: number) {}

  count(now: number): number {
    while (this.head < this.times.length && (this.times[this.head] ?? 0) <= now - this.spanMs) this.head += 1;
    if (this.head > 1024 && this.head * 2 > this.times.length) {
      this.times = this.times.slice(this.head);
      this.head = 0;
    }
    return this.times.length - this.head;
  }

  /** Seconds until the window has room for one more, given it holds `max` now. */
  retryAfter(now: number, max: number): number {
    const oldest = this.times[this.times.length - max] ?? now;
    return Math.max(1, Math.ceil((oldest + this.spanMs - now) / 1000));
  }

  add(now: number): void {
    this.times.push(now);
  }
}

/** Telegram's flood limits for sending, enforced the way the delivery benchmark needs to feel them. */
export class FloodLimiter {
  private readonly perSecond: number;
  private readonly paidPerSecond: number;
  private readonly privateIntervalMs: number;
  private readonly groupPerMinute: number;
  private readonly free = new Window(1000);
  private readonly all = new Window(1000);
  private readonly lastPrivate = new Map<number, number>();
  private readonly groups = new Map<number, Window>();
  private readonly stats: LimitStats = { accepted: 0, rejected: 0 };

  constructor(limits: TelegramLimits) {
    this.perSecond = limits.perSecond ?? 30;
    this.paidPerSecond = limits.paidPerSecond ?? 1000;
    this.privateIntervalMs = limits.privateIntervalMs ?? 1000;
    this.groupPerMinute = limits.groupPerMinute ?? 20;
  }

  /** Throws a 429 ApiFailure when the message would exceed a limit; otherwise records it. */
  admit(chatId: number, kind: ChatKind, paid: boolean, now: number): void {
    const reject = (retryAfter: number, penaltyChat?: number): never => {
      this.stats.rejected += 1;
      throw tooManyRequests(retryAfter, penaltyChat);
    };
    if (paid) {
      if (this.all.count(now) >= this.paidPerSecond) reject(this.all.retryAfter(now, this.paidPerSecond));
    } else if (this.free.count(now) >= this.perSecond) {
      reject(this.free.retryAfter(now, this.perSecond));
    }
    let group: Window | undefined;
    if (kind === 'private') {
      const last = this.lastPrivate.get(chatId);
      if (last !== undefined && now - last < this.privateIntervalMs) {
        reject(Math.max(1, Math.ceil((last + this.privateIntervalMs - now) / 1000)), chatId);
      }
    } else {
      group = this.groups.get(chatId) ?? new Window(60_000);
      if (group.count(now) >= this.groupPerMinute) reject(group.retryAfter(now, this.groupPerMinute), chatId);
    }
    this.stats.accepted += 1;
    this.all.add(now);
    if (!paid) this.free.add(now);
    if (kind === 'private') this.lastPrivate.set(chatId, now);
    else if (group) {
      group.add(now);
      this.groups.set(chatId, group);
    }
  }

  snapshot(): LimitStats {
    return { ...this.stats };
  }
}
