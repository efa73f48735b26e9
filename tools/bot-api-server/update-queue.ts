import type { Update } from 'grammy/types';

interface Waiter {
  wake: () => void;
}

/** Telegram's default when allowed_updates was never set: everything but these. */
const OFF_BY_DEFAULT = new Set(['chat_member', 'message_reaction', 'message_reaction_count']);

const kindOf = (update: Update): string => Object.keys(update).find((k) => k !== 'update_id') ?? '';

/**
 * Pending updates for getUpdates. A head index instead of shift() keeps confirming an offset O(confirmed),
 * and a pending long poll is woken on push rather than polled.
 */
export class UpdateQueue {
  private items: Update[] = [];
  private head = 0;
  private nextId = 1;
  private allowed: Set<string> | undefined;
  private waiters = new Set<Waiter>();
  private generation = 0;

  push(update: Omit<Update, 'update_id'> & { update_id?: number }): Update {
    const full = { ...update, update_id: update.update_id ?? this.nextId } as Update;
    this.nextId = Math.max(this.nextId, full.update_id) + 1;
    this.items.push(full);
    for (const w of this.waiters) w.wake();
    return full;
  }

  pending(): number {
    return this.items.length - this.head;
  }

  setAllowed(list: unknown): void {
    if (Array.isArray(list)) this.allowed = list.length === 0 ? undefined : new Set(list.map(String));
  }

  /** Drops every update with an id below offset; a negative offset keeps only the last -offset updates. */
  confirm(offset: number): void {
    if (offset < 0) {
      this.head = Math.max(this.head, this.items.length + offset);
    } else {
      while (this.head < this.items.length && (this.items[this.head]?.update_id ?? 0) < offset)
        this.head += 1;
    }
    if (this.head > 1024 && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
  }

  dropAll(): void {
    this.items = [];
    this.head = 0;
  }

  take(limit: number): Update[] {
    const out: Update[] = [];
    for (let i = this.head; i < this.items.length && out.length < limit; i += 1) {
      const u = this.items[i];
      if (u && this.isAllowed(u)) out.push(u);
    }
    return out;
  }

  /** Resolves after an update arrives, `ms` elapses or `signal` aborts — whichever is first. */
  wait(ms: number, signal: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      const waiter: Waiter = { wake: () => done() };
      const timer = setTimeout(() => done(), ms);
      const done = (): void => {
        clearTimeout(timer);
        this.waiters.delete(waiter);
        signal.removeEventListener('abort', done);
        resolve();
      };
      this.waiters.add(waiter);
      signal.addEventListener('abort', done);
    });
  }

  /**
   * A new getUpdates supersedes older pending ones, so an update is never handed to two polls
   * (Telegram answers the older one 409; here it gets []).
   */
  beginPoll(): number {
    this.generation += 1;
    for (const w of this.waiters) w.wake();
    return this.generation;
  }

  isCurrent(poll: number): boolean {
    return poll === this.generation;
  }

  private isAllowed(update: Update): boolean {
    const kind = kindOf(update);
    return this.allowed ? this.allowed.has(kind) : !OFF_BY_DEFAULT.has(kind);
  }
}
