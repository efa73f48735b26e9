import { Queue, type ConnectionOptions } from 'bullmq';
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  buildJobId,
  deliverJobId,
  instantDigestId,
  isValidJobId,
} from '../../../../src/adapters/queue/job-ids.js';
import { createTestRedis, type TestRedis } from '../../../support/test-redis.js';

let redis: TestRedis;
let queue: Queue;
beforeAll(async () => {
  redis = await createTestRedis();
  queue = new Queue('ids', {
    connection: redis.client as unknown as ConnectionOptions,
    prefix: redis.prefix,
  });
});
afterAll(async () => {
  await queue.close();
  await redis.cleanup();
});

const CHATS = ['380501234', '-4123456789', '-1001234567890', '-1001234567890:7', '-1009876543210'];
const AT = 1_749_531_780_000;

it('BullMQ itself accepts every id built from every kind of chat key', async () => {
  const ids = CHATS.flatMap((chat) => [
    buildJobId(AT, [chat]),
    deliverJobId(chat, 'digest0001', 0),
    deliverJobId(chat, instantDigestId(chat, AT), 0),
  ]);
  await queue.addBulk(ids.map((jobId) => ({ name: 'probe', data: {}, opts: { jobId } })));
  const stored = await queue.getJobs(['waiting']);
  expect(stored.map((job) => job.id).sort()).toEqual([...ids].sort());
});

it('isValidJobId agrees with BullMQ on the ids it refuses', async () => {
  for (const jobId of [`build-${AT}--1001234567890:7-1`, '4242']) {
    expect(isValidJobId(jobId)).toBe(false);
    await expect(queue.add('probe', {}, { jobId })).rejects.toThrow();
  }
});
