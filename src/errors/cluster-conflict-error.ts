/**
 * A stories batch still conflicted while holding the clustering turn (every other checked save is refused then,
 * so this means something else is wrong); the job fails and BullMQ retries it later (saves are idempotent).
 */
export class ClusterConflictError extends Error {
  readonly code = 'CLUSTER_CONFLICT';
  constructor(readonly attempts: number) {
    super(`stories batch still conflicting after ${attempts} attempts`);
    this.name = 'ClusterConflictError';
  }
}
