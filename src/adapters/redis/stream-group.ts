import type { RedisClient } from './redis-client.js';

/**
 * Creates a stream's consumer group (and the stream) unless it exists. Every process calls this at start, so
 * Redis's BUSYGROUP answer (a protocol reply prefix) just means another process was first.
 */
export async function ensureGroup(
  redis: RedisClient,
  stream: string,
  group: string,
  startId: '0' | '$',
): Promise<void> {
  try {
    await redis.xgroup('CREATE', stream, group, startId, 'MKSTREAM');
  } catch (error) {
    if (!(error instanceof Error) || !error.message.startsWith('BUSYGROUP')) throw error;
  }
}
