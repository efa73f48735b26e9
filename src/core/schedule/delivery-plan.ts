import type { ChatSettings } from '../chat/chat-settings.js';
import { nextDueAt } from './next-due.js';

/** How a chat wants news: scheduled digests at a time, instant batches, or nothing automatic. */
export type DeliveryPlan = { kind: 'scheduled'; nextAt: number } | { kind: 'instant' } | { kind: 'none' };

export function deliveryPlan(settings: ChatSettings, now: number): DeliveryPlan {
  if (!settings.active || settings.paused) return { kind: 'none' };
  if (settings.schedule.kind === 'instant') return { kind: 'instant' };
  if (settings.schedule.kind === 'off') return { kind: 'none' };
  const nextAt = nextDueAt(settings.schedule.times, settings.timezone, now);
  return nextAt === undefined ? { kind: 'none' } : { kind: 'scheduled', nextAt };
}
