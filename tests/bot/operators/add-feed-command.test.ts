import { describe, expect, it } from 'vitest';
import { describeAdd } from '../../../src/bot/operators/add-feed-command.js';

const check = {
  url: 'http://10.0.0.5/rss',
  ok: false,
  status: 0,
  items: 0,
  lang: 'unknown' as const,
  encoding: '',
  ms: 3,
};

describe('describeAdd', () => {
  it('a private address gets a hint an operator in Telegram can act on, not a CLI flag', () => {
    const text = describeAdd({
      kind: 'unreachable',
      check: { ...check, error: 'PRIVATE_ADDRESS: 10.0.0.5 is private', errorCode: 'PRIVATE_ADDRESS' },
    });
    expect(text).toContain('❌ Not added: PRIVATE_ADDRESS: 10.0.0.5 is private');
    expect(text).toContain('ALLOW_PRIVATE_FEEDS=true');
    expect(text).not.toContain('--allow-private');
  });

  it('other failures carry only the reason', () => {
    const text = describeAdd({
      kind: 'unreachable',
      check: { ...check, error: 'TIMEOUT: no answer in 15 s', errorCode: 'TIMEOUT' },
    });
    expect(text).toBe('❌ Not added: TIMEOUT: no answer in 15 s');
  });
});
