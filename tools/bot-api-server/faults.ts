import { ApiFailure } from './api-failure.js';
import type { FaultScope, FaultSpec } from './types.js';

interface Fault {
  spec: FaultSpec;
  left: number;
  chatId: number | undefined;
}

/** Raised instead of an ApiFailure when the injected fault is a dropped connection. */
export class NetworkFault extends Error {
  readonly code = 'BOT_API_NETWORK_FAULT';
}

/** `chatId`: the chat a chat-scoped fault was set for (its 429 penalises that chat only). */
export function failureFor(spec: FaultSpec, chatId?: number): ApiFailure | NetworkFault {
  switch (spec.code) {
    case 429:
      return new ApiFailure(
        429,
        spec.description ?? `Too Many Requests: retry after ${spec.retryAfter}`,
        { retry_after: spec.retryAfter },
        chatId,
      );
    case 403:
      return new ApiFailure(403, spec.description ?? 'Forbidden: bot was blocked by the user');
    case 500:
      return new ApiFailure(500, spec.description ?? 'Internal Server Error');
    case 400:
      return new ApiFailure(
        400,
        spec.description,
        spec.migrateToChatId === undefined ? undefined : { migrate_to_chat_id: spec.migrateToChatId },
      );
    case 'network':
    case 'hang':
      return new NetworkFault('injected network fault');
  }
}

/** Runtime-settable faults and delays, keyed by lower-cased method name (the Bot API is case-insensitive). */
export class FaultBook {
  private readonly faults = new Map<string, Fault[]>();
  private readonly delays = new Map<string, number>();

  fail(method: string, spec: FaultSpec, scope: FaultScope = {}): void {
    const key = method.toLowerCase();
    const list = this.faults.get(key) ?? [];
    list.push({ spec, left: scope.times ?? Number.POSITIVE_INFINITY, chatId: scope.chatId });
    this.faults.set(key, list);
  }

  clear(method?: string): void {
    if (method === undefined) {
      this.faults.clear();
      this.delays.clear();
    } else {
      this.faults.delete(method.toLowerCase());
      this.delays.delete(method.toLowerCase());
    }
  }

  delay(method: string, ms: number): void {
    if (ms > 0) this.delays.set(method.toLowerCase(), ms);
    else this.delays.delete(method.toLowerCase());
  }

  delayFor(method: string): number {
    return this.delays.get(method) ?? 0;
  }

  /** Consumes one use of the first matching fault, if any. */
  take(method: string, chatId: number | undefined): { spec: FaultSpec; chatId?: number } | undefined {
    const list = this.faults.get(method);
    if (!list) return undefined;
    const index = list.findIndex((f) => f.chatId === undefined || f.chatId === chatId);
    const fault = list[index];
    if (!fault) return undefined;
    fault.left -= 1;
    if (fault.left <= 0) list.splice(index, 1);
    if (list.length === 0) this.faults.delete(method);
    return fault.chatId === undefined ? { spec: fault.spec } : { spec: fault.spec, chatId: fault.chatId };
  }
}
