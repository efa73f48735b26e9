import { loadConfig } from '../../src/config.js';
import { settingsFrom, type WorkerSettings } from '../../src/settings.js';

/** The worker settings production derives from an empty environment, with a test's overrides on top. */
export function testWorkerSettings(
  overrides: Partial<Omit<WorkerSettings, 'delivery'>> & {
    delivery?: Partial<WorkerSettings['delivery']>;
  } = {},
): WorkerSettings {
  const base = settingsFrom(loadConfig({})).worker;
  return { ...base, ...overrides, delivery: { ...base.delivery, ...overrides.delivery } };
}
