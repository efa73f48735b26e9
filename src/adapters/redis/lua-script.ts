import { createHash } from 'node:crypto';
import { isCluster, type RedisClient } from './redis-client.js';

export interface LuaScript {
  lua: string;
  sha: string;
}

export function luaScript(lua: string): LuaScript {
  return { lua, sha: createHash('sha1').update(lua).digest('hex') };
}

/** One script call: the script, its KEYS (all in one hash slot) and its ARGV. */
export interface ScriptCall {
  script: LuaScript;
  keys: readonly string[];
  args: readonly (string | number)[];
}

// Redis's reply prefix for an unknown SHA is part of its protocol, so matching it is safe.
const isNoScript = (error: unknown): boolean =>
  error instanceof Error && error.message.startsWith('NOSCRIPT');

/**
 * The one way scripts run. Calls go by SHA; the source is sent only when Redis does not have it yet (after a
 * restart or on a fresh server).
 */
export async function runScript(
  redis: RedisClient,
  script: LuaScript,
  keys: readonly string[],
  args: readonly (string | number)[],
): Promise<unknown> {
  try {
    return await redis.evalsha(script.sha, keys.length, ...keys, ...args);
  } catch (error) {
    if (!isNoScript(error)) throw error;
    return redis.eval(script.lua, keys.length, ...keys, ...args);
  }
}

/**
 * Runs many script calls in one pipeline (one round trip; on a Cluster, one call per key slot sent at once) and returns their results in order. A call refused with
 * NOSCRIPT did not run, so the missing scripts are loaded and only those calls are sent again. The first other
 * error is thrown.
 */
export async function runScripts(redis: RedisClient, calls: readonly ScriptCall[]): Promise<unknown[]> {
  if (calls.length === 0) return [];
  // A Cluster pipeline cannot span masters, and the calls' keys may: each call goes on its own (sent together).
  if (isCluster(redis))
    return Promise.all(calls.map(({ script, keys, args }) => runScript(redis, script, keys, args)));
  const send = async (batch: readonly ScriptCall[]) => {
    const pipeline = redis.pipeline();
    for (const { script, keys, args } of batch) pipeline.evalsha(script.sha, keys.length, ...keys, ...args);
    return (await pipeline.exec()) ?? [];
  };
  const replies = await send(calls);
  const missing = calls.filter((_, index) => isNoScript(replies[index]?.[0]));
  if (missing.length > 0) {
    for (const script of new Set(missing.map((call) => call.script))) await redis.script('LOAD', script.lua);
    const retried = await send(missing);
    let next = 0;
    replies.forEach((reply, index) => {
      if (isNoScript(reply[0])) replies[index] = retried[next++] ?? reply;
    });
  }
  const failed = replies.find(([error]) => error);
  if (failed?.[0]) throw failed[0];
  return replies.map(([, result]) => result);
}
