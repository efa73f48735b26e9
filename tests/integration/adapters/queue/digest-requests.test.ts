import { Queue, type ConnectionOptions } from 'bullmq';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDigestRequests, DIGEST_QUEUE } from '../../../../src/adapters/queue/digest-requests.js';
import { JOB_OPTIONS } from '../../../../src/adapters/queue/job-options.js';
import { createTestRedis, type TestRedis } from '../../../support/test-redis.js';

describe('the bot side of the digest queue', () => {
  let redis: TestRedis;
  beforeEach(async () => {
    redis = await createTestRedis();
  });
  afterEach(() => redis.cleanup());

  it('queues a /digest build that retries like a scheduled build (5 attempts, exponential backoff)', async () => {
    const requests = createDigestRequests(redis.client, redis.keys.bullPrefix, () => 1_700_000_000_000);
    const queue = new Queue(DIGEST_QUEUE, {
      connection: redis.client as unknown as ConnectionOptions,
      prefix: redis.keys.bullPrefix(DIGEST_QUEUE),
    });
    try {
      await requests.requestDigest({ chatId: 42, threadId: 7 });
      const [job] = await queue.getJobs(['waiting']);
      expect(job?.name).toBe('build');
      expect(job?.data).toEqual({ chats: ['42:7'], at: 1_700_000_000_000, reason: 'manual' });
      expect(job?.opts.attempts).toBe(5);
      expect(job?.opts.backoff).toEqual({ type: 'exponential', delay: 1_000 });
      expect(job?.opts.attempts).toBe(JOB_OPTIONS.digest.attempts);
    } finally {
      await requests.close();
      await queue.close();
    }
  });
});
