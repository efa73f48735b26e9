/** A Redis lock stayed taken longer than the caller would wait; the job is retried later. */
export class LockTimeoutError extends Error {
  readonly code = 'LOCK_TIMEOUT';
  constructor(
    readonly key: string,
    waitedMs: number,
  ) {
    super(`lock ${key} still taken after ${waitedMs} ms`);
    this.name = 'LockTimeoutError';
  }
}
