import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { settingsFrom } from '../../src/settings.js';

describe('settingsFrom', () => {
  it('resolves every default once from an empty environment', () => {
    const settings = settingsFrom(loadConfig({}));
    expect(settings.worker).toEqual({
      concurrency: 32,
      retentionMs: 14 * 86_400_000,
      clusterWindowMs: expect.any(Number),
      allowPrivateFeeds: false,
      delivery: {
        ratePerSecond: 30,
        paidBroadcast: false,
        concurrency: 50,
        limits: { perTopic: 5, total: 20 },
        budget: { marginMs: 5, chatMarginMs: 250, privateIntervalMs: 1_000, groupPerMinute: 20 },
        lockMs: 30_000,
        breaking: { outlets: 4, windowMs: 60 * 60_000, perDay: 3 },
      },
    });
    expect(settings.telegram).toEqual({ apiRoot: 'https://api.telegram.org', sendTimeoutMs: 30_000 });
    expect(settings.operatorIds).toEqual([]);
  });

  it('carries the configured values', () => {
    const settings = settingsFrom(
      loadConfig({
        BOT_TOKEN: '123456:ABCDEFGHIJKLMNOPQRSTUVWXYZ',
        RETENTION_DAYS: '3',
        WORKER_CONCURRENCY: '16',
        DELIVERY_RATE: '100',
        PAID_BROADCAST: 'true',
        DIGEST_MAX_PER_TOPIC: '2',
        DIGEST_MAX_ITEMS: '9',
        OPERATOR_IDS: '7,8',
        BREAKING_OUTLETS: '5',
        BREAKING_WINDOW_MINUTES: '30',
        BREAKING_PER_DAY: '2',
      }),
    );
    expect(settings.worker.delivery.breaking).toEqual({ outlets: 5, windowMs: 30 * 60_000, perDay: 2 });
    expect(settings.worker.retentionMs).toBe(3 * 86_400_000);
    expect(settings.worker.concurrency).toBe(16);
    expect(settings.worker.delivery).toMatchObject({
      ratePerSecond: 100,
      paidBroadcast: true,
      limits: { perTopic: 2, total: 9 },
    });
    expect(settings.telegram.token).toBe('123456:ABCDEFGHIJKLMNOPQRSTUVWXYZ');
    expect(settings.operatorIds).toEqual([7, 8]);
  });
});
