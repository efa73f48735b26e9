import { describe, expect, it } from 'vitest';
import { defaultChatSettings, type ChatSettings } from '../../../../src/core/chat/chat-settings.js';
import { deliveryPlan } from '../../../../src/core/schedule/delivery-plan.js';

// Kyiv is UTC+3 in June: 07:00 Kyiv is 04:00 UTC.
const NOW = Date.parse('2025-06-10T04:00:00Z');

const chat = (patch: Partial<ChatSettings>): ChatSettings => ({
  ...defaultChatSettings({ chatId: 1 }, 'private', 'uk', 'Europe/Kyiv', NOW),
  ...patch,
});

describe('deliveryPlan', () => {
  it.each([
    ['a deactivated chat', { active: false }],
    ['a paused chat', { paused: true }],
    ['a paused instant chat', { paused: true, schedule: { kind: 'instant' } }],
    ['schedule off', { schedule: { kind: 'off' } }],
  ] as const)('%s gets nothing automatic', (_name, patch) => {
    expect(deliveryPlan(chat(patch as Partial<ChatSettings>), NOW)).toEqual({ kind: 'none' });
  });

  it('an instant chat gets instant batches', () => {
    expect(deliveryPlan(chat({ schedule: { kind: 'instant' } }), NOW)).toEqual({ kind: 'instant' });
  });

  it('a scheduled chat is due at its next local time', () => {
    const times = chat({ schedule: { kind: 'times', times: ['08:00', '20:00'] } });
    expect(deliveryPlan(times, NOW)).toEqual({
      kind: 'scheduled',
      nextAt: Date.parse('2025-06-10T05:00:00Z'),
    });
    // After the morning slot, the evening one.
    expect(deliveryPlan(times, Date.parse('2025-06-10T05:00:00Z'))).toEqual({
      kind: 'scheduled',
      nextAt: Date.parse('2025-06-10T17:00:00Z'),
    });
    // After the last slot of the day, tomorrow morning.
    expect(deliveryPlan(times, Date.parse('2025-06-10T18:00:00Z'))).toEqual({
      kind: 'scheduled',
      nextAt: Date.parse('2025-06-11T05:00:00Z'),
    });
  });

  it('the time zone of the chat decides', () => {
    const warsaw = chat({ timezone: 'Europe/Warsaw', schedule: { kind: 'times', times: ['08:00'] } });
    expect(deliveryPlan(warsaw, NOW)).toEqual({
      kind: 'scheduled',
      nextAt: Date.parse('2025-06-10T06:00:00Z'),
    });
  });

  it('no valid time means nothing automatic', () => {
    expect(deliveryPlan(chat({ schedule: { kind: 'times', times: [] } }), NOW)).toEqual({ kind: 'none' });
  });
});
