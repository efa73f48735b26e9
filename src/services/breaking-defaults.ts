import type { BreakingSettings } from '../adapters/redis/breaking-store.js';
import type { Config } from '../config.js';

/** The breaking-news defaults from config (operators' /breaking_threshold values override them in Redis). */
export function breakingDefaults(
  config: Pick<Config, 'BREAKING_OUTLETS' | 'BREAKING_WINDOW_MINUTES' | 'BREAKING_PER_DAY'>,
): BreakingSettings {
  return {
    outlets: config.BREAKING_OUTLETS,
    windowMs: config.BREAKING_WINDOW_MINUTES * 60_000,
    perDay: config.BREAKING_PER_DAY,
  };
}
