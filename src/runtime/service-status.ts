import type { HealthCheck } from '../server/health.js';

/**
 * Checks a service reports about itself for /healthz (e.g. `telegram` while the bot waits for the Bot API). One
 * per process; the HTTP endpoint reads it on every request.
 */
export class ServiceStatus {
  private readonly checks = new Map<string, HealthCheck>();

  set(name: string, check: HealthCheck): void {
    this.checks.set(name, check);
  }

  snapshot(): Record<string, HealthCheck> {
    return Object.fromEntries(this.checks);
  }
}
