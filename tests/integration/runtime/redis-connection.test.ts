import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { findFreePort } from '../../../src/lib/free-port.js';
import { connectRedis } from '../../../src/runtime/redis-connection.js';

describe('connectRedis with a logger', () => {
  afterEach(() => vi.restoreAllMocks());

  it('reports connection errors through the logger, once per 10 s, never through ioredis printing to stderr', async () => {
    const printed = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const lines: string[] = [];
    const logger = pino(
      { level: 'info' },
      new Writable({
        write(chunk: Buffer, _encoding, done) {
          lines.push(chunk.toString());
          done();
        },
      }),
    );
    const redis = connectRedis(`redis://:pw-in-url@127.0.0.1:${await findFreePort()}`, 'test', logger);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    redis.disconnect();
    expect(printed).not.toHaveBeenCalled();
    expect(lines.filter((line) => line.includes('Redis connection error'))).toHaveLength(1);
  });
});
