/** Failed logins allowed per client address within one window before it is refused outright. */
export const AUTH_FAILURE_LIMIT = 10;
export const AUTH_FAILURE_WINDOW_MS = 60_000;
// Bounds memory when many addresses fail (a spray from a botnet): the oldest address is forgotten first.
const MAX_TRACKED_ADDRESSES = 10_000;

export interface AuthThrottle {
  /** Seconds until this address may try again, or 0 when it may try now. */
  blockedFor(address: string): number;
  recordFailure(address: string): void;
}

/**
 * Counts failed basic-auth attempts per client address in a sliding window. Once an address reaches the limit it
 * is refused (429) until its oldest failure leaves the window, right password or not, so guessing stays at
 * 10 tries a minute.
 */
export function createAuthThrottle(now: () => number = Date.now): AuthThrottle {
  const failures = new Map<string, number[]>();
  const recent = (address: string): number[] => {
    const since = now() - AUTH_FAILURE_WINDOW_MS;
    const kept = (failures.get(address) ?? []).filter((at) => at > since);
    if (kept.length === 0) failures.delete(address);
    else failures.set(address, kept);
    return kept;
  };
  return {
    blockedFor(address) {
      const kept = recent(address);
      if (kept.length < AUTH_FAILURE_LIMIT) return 0;
      const oldest = kept[kept.length - AUTH_FAILURE_LIMIT] ?? now();
      return Math.max(1, Math.ceil((oldest + AUTH_FAILURE_WINDOW_MS - now()) / 1000));
    },
    recordFailure(address) {
      const kept = recent(address);
      failures.delete(address);
      failures.set(address, [...kept.slice(-AUTH_FAILURE_LIMIT), now()]);
      if (failures.size > MAX_TRACKED_ADDRESSES) {
        const first = failures.keys().next().value;
        if (first !== undefined) failures.delete(first);
      }
    },
  };
}
