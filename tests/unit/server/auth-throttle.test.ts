import { describe, expect, it } from 'vitest';
import { createAuthThrottle } from '../../../src/server/auth-throttle.js';

describe('auth throttle', () => {
  it('blocks an address at its 10th failure within a minute, per address, until the window passes', () => {
    let now = 1_000_000;
    const throttle = createAuthThrottle(() => now);
    for (let i = 0; i < 9; i += 1) {
      throttle.recordFailure('10.0.0.1');
      now += 1_000;
    }
    expect(throttle.blockedFor('10.0.0.1')).toBe(0);
    throttle.recordFailure('10.0.0.1');
    expect(throttle.blockedFor('10.0.0.1')).toBe(51);
    expect(throttle.blockedFor('10.0.0.2')).toBe(0);
    now += 51_000;
    expect(throttle.blockedFor('10.0.0.1')).toBe(0);
  });
});
