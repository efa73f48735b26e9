// A stand-in for a newsdigest process that owns an embedded Redis: starts one on the given data directory, prints
// its port and pid as one JSON line, and runs until it is killed.
import { startEmbeddedRedis } from '../../src/runtime/embedded-redis.js';

const dataDir = process.argv[2];
if (!dataDir) throw new Error('usage: embedded-redis-owner.ts <dataDir>');
try {
  const redis = await startEmbeddedRedis({ dataDir });
  process.stdout.write(`${JSON.stringify({ port: redis.port, pid: redis.pid })}\n`);
  setInterval(() => undefined, 60_000);
} catch (error) {
  process.stdout.write(`${JSON.stringify({ error: (error as Error).message })}\n`);
  process.exit(1);
}
