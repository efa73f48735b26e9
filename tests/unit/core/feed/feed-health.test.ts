import { describe, expect, it } from 'vitest';
import {
  countItemsPerDay,
  DEAD_AFTER_FAILURES,
  delayAfterFirstPoll,
  FIRST_POLL_WINDOW_MS,
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
  const ids = Array.from({ length: 500 }, (_, i) => feedIdFor(`https://example.com/feed-${i}.xml`));

  it('polls a new feed within 20 s of being added (issue 13: it waited up to a whole interval)', () => {
    const now = 1_000_000;
    const starts = ids.map((id) => firstPollAt(id, 5 * MINUTE, now));
    expect(Math.min(...starts)).toBeGreaterThanOrEqual(now);
    expect(Math.max(...starts)).toBeLessThan(now + FIRST_POLL_WINDOW_MS);
    // Spread over the window, not one burst: every one of the 20 seconds gets some.
    expect(new Set(starts.map((at) => Math.floor((at - now) / 1000))).size).toBe(20);
  });

  it('is stable for one feed, so restarts keep its slot', () => {
    expect(firstPollAt('abc', MINUTE, 0)).toBe(firstPollAt('abc', MINUTE, 0));
  });

  it('moves each feed to its own slot in the interval after the first poll', () => {
    const delays = ids.map((id) => delayAfterFirstPoll(id, 5 * MINUTE));
    expect(Math.min(...delays)).toBeGreaterThanOrEqual(2.5 * MINUTE);
    expect(Math.max(...delays)).toBeLessThan(7.5 * MINUTE);
    // Phases within the interval spread over most of its 300 one-second slots.
    expect(new Set(delays.map((d) => Math.floor((d % (5 * MINUTE)) / 1000))).size).toBeGreaterThan(200);
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
