import type { ApiCall } from './types.js';

interface Waiter {
  check: () => boolean;
}

/**
 * Every API call in arrival order, indexed by method, plus waiters re-checked after each call —
 * so a test can await "the bot replied" without sleeping.
 */
export class CallLog {
  private readonly all: ApiCall[] = [];
  private readonly byMethod = new Map<string, ApiCall[]>();
  private readonly waiters = new Set<Waiter>();

  record(call: ApiCall): void {
    this.all.push(call);
    const key = call.method.toLowerCase();
    const list = this.byMethod.get(key);
    if (list) list.push(call);
    else this.byMethod.set(key, [call]);
  }

  calls(method?: string): readonly ApiCall[] {
    return method === undefined ? this.all : (this.byMethod.get(method.toLowerCase()) ?? []);
  }

  /** Re-runs pending waitFor predicates; called after each handled call and each simulated update. */
  notify(): void {
    for (const w of this.waiters) w.check();
  }

  waitFor<T>(
    predicate: () => T | undefined | null | false,
    timeoutMs: number,
    what = 'condition',
  ): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const first = predicate();
      if (first) {
        resolve(first);
        return;
      }
      const waiter: Waiter = {
        check: () => {
          const value = predicate();
          if (!value) return false;
          clearTimeout(timer);
          this.waiters.delete(waiter);
          resolve(value);
          return true;
        },
      };
      const timer = setTimeout(() => {
        this.waiters.delete(waiter);
        reject(new Error(`fake Bot API: timed out after ${timeoutMs} ms waiting for ${what}`));
      }, timeoutMs);
      this.waiters.add(waiter);
    });
  }
}
