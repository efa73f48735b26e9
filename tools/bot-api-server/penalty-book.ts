/** Methods Telegram's flood limits count (what a penalty window forbids). */
const COUNTED = /^(send|edit|copy|forward|answercallbackquery|answerinlinequery|deletemessage)/;

export interface PenaltyStats {
  /** 429 answers given, each opening a penalty window. */
  windows: number;
  /** Counted requests that arrived inside an open penalty window of their scope. */
  violations: number;
  /**
   * Counted requests that arrived within the grace after a 429 was answered: already on the wire when it went out,
   * so no client could have held them back. Reported apart from violations.
   */
  inFlight: number;
  /** Violations by method. */
  byMethod: Record<string, number>;
}

/**
 * Remembers every 429 this server answered as a penalty window (for the whole token, or for one chat when the
 * limit hit was that chat's) and counts requests that arrive inside one. Telegram escalates penalties for such
 * requests, so a client must never make them; tests assert this count is 0.
 */
export class PenaltyBook {
  private global = { from: 0, until: 0 };
  private readonly chats = new Map<number, { from: number; until: number }>();
  private readonly stats: PenaltyStats = { windows: 0, violations: 0, inFlight: 0, byMethod: {} };

  /** `graceMs`: how long after the 429 an arrival counts as in flight rather than as a violation (default 0). */
  constructor(private readonly graceMs = 0) {}

  open(retryAfterSeconds: number, at: number, chatId?: number): void {
    this.stats.windows += 1;
    const until = at + retryAfterSeconds * 1000;
    const current = chatId === undefined ? this.global : this.chats.get(chatId);
    // A 429 inside a running window extends it; in-flight grace counts from the first 429 of the window.
    const next =
      current && current.until > at
        ? { from: current.from, until: Math.max(current.until, until) }
        : { from: at, until };
    if (chatId === undefined) this.global = next;
    else this.chats.set(chatId, next);
  }

  /** Called for every request on arrival; `method` lower-cased. */
  check(method: string, chatId: number | undefined, at: number): void {
    if (!COUNTED.test(method)) return;
    const inside = (w: { from: number; until: number } | undefined) =>
      w !== undefined && at >= w.from && at < w.until;
    const chat = chatId === undefined ? undefined : this.chats.get(chatId);
    const windows = [this.global, chat].filter(inside) as { from: number }[];
    if (windows.length === 0) return;
    if (windows.every((w) => at < w.from + this.graceMs)) {
      this.stats.inFlight += 1;
      return;
    }
    this.stats.violations += 1;
    this.stats.byMethod[method] = (this.stats.byMethod[method] ?? 0) + 1;
  }

  snapshot(): PenaltyStats {
    return { ...this.stats, byMethod: { ...this.stats.byMethod } };
  }
}
