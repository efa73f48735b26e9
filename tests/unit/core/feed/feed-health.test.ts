import { describe, expect, it } from 'vitest';
import {
  countItemsPerDay,
  DEAD_AFTER_FAILURES,
  firstPollAt,
  healthAfterFailure,
  healthAfterSuccess,
  initialHealth,
  MAX_BACKOFF_MS,
  nextPollDelay,
} from '../../../../src/core/feed/feed-health.js';
import { feedIdFor } from '../../../../src/core/feed/feed-id.js';

const MINUTE = 60_000;

describe('nextPollDelay', () => {
  it.each([
    [0, 5 * MINUTE],
    [1, 10 * MINUTE],
    [2, 20 * MINUTE],
    [3, 40 * MINUTE],
    [6, 320 * MINUTE],
    [7, MAX_BACKOFF_MS],
    [19, MAX_BACKOFF_MS],
    [500, MAX_BACKOFF_MS],
  ])('after %d failures a 5m feed waits %d ms', (failures, expected) => {
    expect(nextPollDelay(5 * MINUTE, failures)).toBe(expected);
  });
});

describe('firstPollAt', () => {
  it('spreads 500 feeds across the interval instead of one second', () => {
    const now = 1_000_000;
    const seconds = new Set<number>();
    const starts: number[] = [];
    for (let i = 0; i < 500; i += 1) {
      const at = firstPollAt(feedIdFor(`https://example.com/feed-${i}.xml`), 5 * MINUTE, now);
      starts.push(at);
      seconds.add(Math.floor(at / 1000));
    }
    expect(Math.min(...starts)).toBeGreaterThanOrEqual(now);
    expect(Math.max(...starts)).toBeLessThan(now + 5 * MINUTE);
    // 300 one-second slots; an even spread fills most of them and no slot takes more than a handful.
    expect(seconds.size).toBeGreaterThan(200);
  });

  it('is stable for one feed, so restarts keep its slot', () => {
    expect(firstPollAt('abc', MINUTE, 0)).toBe(firstPollAt('abc', MINUTE, 0));
  });
});

describe('health transitions', () => {
  const failure = (at: number) => ({ at, httpStatus: 500, code: 'HTTP_STATUS', message: 'HTTP 500' });

  it('counts consecutive failures, marks dead at 20 and resets on success', () => {
    let health = initialHealth();
    for (let i = 1; i < DEAD_AFTER_FAILURES; i += 1) {
      health = healthAfterFailure(health, failure(i));
      expect(health.status).toBe('failing');
      expect(health.consecutiveFailures).toBe(i);
    }
    health = healthAfterFailure(health, failure(20));
    expect(health.status).toBe('dead');
    expect(health.lastErrorCode).toBe('HTTP_STATUS');
    health = healthAfterSuccess(health, { httpStatus: 200, at: 99, etag: '"e1"' });
    expect(health).toMatchObject({ status: 'ok', consecutiveFailures: 0, lastSuccessAt: 99, etag: '"e1"' });
    expect(health.lastError).toBeUndefined();
  });

  it('keeps validators on a 304 that repeats none, and a paused feed stays paused', () => {
    const paused = { ...initialHealth(), status: 'paused' as const, etag: '"old"' };
    const after = healthAfterSuccess(paused, { httpStatus: 304, at: 5 });
    expect(after.status).toBe('paused');
    expect(after.etag).toBe('"old"');
    expect(healthAfterFailure(paused, failure(6)).status).toBe('paused');
  });

  it('counts items of the last 24 hours only', () => {
    const now = 10 * 86_400_000;
    expect(countItemsPerDay([now - 1, now - 86_399_999, now - 86_400_001, now + 5], now)).toBe(2);
  });
});
