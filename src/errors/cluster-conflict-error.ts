/**
 * A stories batch kept meeting candidates stored by other processes while it clustered; the job fails and BullMQ
 * retries it later (saves are idempotent, so stories already stored are skipped).
 */
export class ClusterConflictError extends Error {
  readonly code = 'CLUSTER_CONFLICT';
  constructor(readonly attempts: number) {
    super(`stories batch still conflicting after ${attempts} attempts`);
    this.name = 'ClusterConflictError';
  }
}
