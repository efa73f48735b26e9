import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { luaScript, runScript, runScripts } from '../../../../src/adapters/redis/lua-script.js';
import { ensureGroup } from '../../../../src/adapters/redis/stream-group.js';
import { createTestRedis, type TestRedis } from '../../../support/test-redis.js';

// A script Redis has never seen, so its first call really gets NOSCRIPT (no SCRIPT FLUSH on the shared server).
const freshScript = () =>
  luaScript(`-- ${randomUUID()}\nredis.call('INCRBY', KEYS[1], ARGV[1]) return redis.call('GET', KEYS[1])`);

describe('runScript and runScripts', () => {
  let redis: TestRedis;
  beforeEach(async () => {
    redis = await createTestRedis();
  });
  afterEach(() => redis.cleanup());

  it('runScript loads an unknown script once and then runs it by SHA', async () => {
    const script = freshScript();
    expect(await redis.client.script('EXISTS', script.sha)).toEqual([0]);
    const key = `${redis.prefix}:n`;
    expect(await runScript(redis.client, script, [key], [2])).toBe('2');
    expect(await redis.client.script('EXISTS', script.sha)).toEqual([1]);
    expect(await runScript(redis.client, script, [key], [3])).toBe('5');
  });

  it('runScripts pipelines calls, loads what is missing, and runs each call exactly once', async () => {
    const known = freshScript();
    const unknown = freshScript();
    await redis.client.script('LOAD', known.lua);
    const [a, b] = [`${redis.prefix}:a`, `${redis.prefix}:b`];
    const results = await runScripts(redis.client, [
      { script: known, keys: [a], args: [1] },
      { script: unknown, keys: [b], args: [10] },
      { script: known, keys: [a], args: [1] },
      { script: unknown, keys: [b], args: [10] },
    ]);
    expect(results).toEqual(['1', '10', '2', '20']);
    // Had the NOSCRIPT retry re-sent calls that had run, `a` would be 4.
    expect(await redis.client.mget(a, b)).toEqual(['2', '20']);
  });

  it('runScripts throws an error that is not NOSCRIPT', async () => {
    const key = `${redis.prefix}:text`;
    await redis.client.set(key, 'not a number');
    await expect(
      runScripts(redis.client, [{ script: freshScript(), keys: [key], args: [1] }]),
    ).rejects.toThrow(/not an integer/);
  });
});

describe('ensureGroup', () => {
  let redis: TestRedis;
  beforeEach(async () => {
    redis = await createTestRedis();
  });
  afterEach(() => redis.cleanup());

  it('creates the group once and accepts that another process was first', async () => {
    const stream = `${redis.prefix}:events`;
    await ensureGroup(redis.client, stream, 'g', '0');
    await ensureGroup(redis.client, stream, 'g', '0');
    const groups = (await redis.client.xinfo('GROUPS', stream)) as unknown[][];
    expect(groups).toHaveLength(1);
  });

  it('throws any other error', async () => {
    const stream = `${redis.prefix}:not-a-stream`;
    await redis.client.set(stream, 'x');
    await expect(ensureGroup(redis.client, stream, 'g', '0')).rejects.toThrow(/WRONGTYPE/);
  });
});
