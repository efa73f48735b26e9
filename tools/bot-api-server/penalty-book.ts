/** Methods Telegram's flood limits count (what a penalty window forbids). */
const COUNTED = /^(send|edit|copy|forward|answercallbackquery|answerinlinequery|deletemessage)/;

export interface PenaltyStats {
  /** 429 answers given, each opening a penalty window. */
  windows: number;
  /** Counted requests that arrived inside an open penalty window of their scope. */
  violations: number;
  /** Counted requests that arrived inside a window but for another chat than a chat-scoped one (for reports). */
  byMethod: Record<string, number>;
}

/**
 * Remembers every 429 this server answered as a penalty window (for the whole token, or for one chat when the
 * limit hit was that chat's) and counts requests that arrive inside one. Telegram escalates penalties for such
 * requests, so a client must never make them; tests assert this count is 0.
 */
export class PenaltyBook {
  private globalUntil = 0;
  private readonly chatUntil = new Map<number, number>();
  private readonly stats: PenaltyStats = { windows: 0, violations: 0, byMethod: {} };

  open(retryAfterSeconds: number, at: number, chatId?: number): void {
    this.stats.windows += 1;
    const until = at + retryAfterSeconds * 1000;
    if (chatId === undefined) this.globalUntil = Math.max(this.globalUntil, until);
    else this.chatUntil.set(chatId, Math.max(this.chatUntil.get(chatId) ?? 0, until));
  }

  /** Called for every request on arrival; `method` lower-cased. */
  check(method: string, chatId: number | undefined, at: number): void {
    if (!COUNTED.test(method)) return;
    const inGlobal = at < this.globalUntil;
    const inChat = chatId !== undefined && at < (this.chatUntil.get(chatId) ?? 0);
    if (!inGlobal && !inChat) return;
    this.stats.violations += 1;
    this.stats.byMethod[method] = (this.stats.byMethod[method] ?? 0) + 1;
  }

  snapshot(): PenaltyStats {
    return { ...this.stats, byMethod: { ...this.stats.byMethod } };
  }
}
