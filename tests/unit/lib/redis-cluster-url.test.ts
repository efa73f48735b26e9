import { describe, expect, it } from 'vitest';
import { isClusterUrl, parseClusterUrl } from '../../../src/lib/redis-cluster-url.js';

describe('parseClusterUrl', () => {
  it.each([
    [
      'redis+cluster://127.0.0.1:7000,127.0.0.1:7001',
      {
        nodes: [
          { host: '127.0.0.1', port: 7000 },
          { host: '127.0.0.1', port: 7001 },
        ],
        tls: false,
      },
    ],
    [
      'rediss+cluster://user:p%40ss@a.example:6379,b.example:6380/',
      {
        nodes: [
          { host: 'a.example', port: 6379 },
          { host: 'b.example', port: 6380 },
        ],
        username: 'user',
        password: 'p@ss',
        tls: true,
      },
    ],
    [
      'redis+cluster://:secret@[::1]:7000',
      { nodes: [{ host: '::1', port: 7000 }], password: 'secret', tls: false },
    ],
    ['redis+cluster://secret@h:1', { nodes: [{ host: 'h', port: 1 }], password: 'secret', tls: false }],
  ])('reads %s', (url, expected) => {
    expect(isClusterUrl(url)).toBe(true);
    expect(parseClusterUrl(url)).toEqual(expected);
  });

  it.each([
    'redis+cluster://',
    'redis+cluster://host',
    'redis+cluster://host:0',
    'redis+cluster://host:70000',
    'redis+cluster://a:1,,b:2',
    'redis+cluster://a:1/0',
    'redis+cluster://a:1?tls=true',
  ])('refuses %s', (url) => {
    expect(parseClusterUrl(url)).toBeUndefined();
  });

  it('leaves plain redis URLs alone', () => {
    expect(isClusterUrl('redis://127.0.0.1:6379')).toBe(false);
    expect(parseClusterUrl('redis://127.0.0.1:6379')).toBeUndefined();
  });
});
