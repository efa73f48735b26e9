// Heavy dependencies a process rarely needs are loaded at first use, not at start: each case imports a composition
// root in a fresh Node process and lists the CommonJS packages that came with it (Module._cache, which every
// CommonJS package loaded through an ESM import lands in).
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/** Runs `body` (an ES module body, top-level await allowed) in a fresh Node process and returns its JSON output. */
async function inFreshProcess<T>(body: string): Promise<T> {
  const script = `
    import { createRequire } from 'node:module';
    const require = createRequire(import.meta.url);
    const packages = () => [...new Set(Object.keys(require.cache)
      .map((path) => /node_modules\\/((?:@[^/]+\\/)?[^/]+)\\//.exec(path)?.[1])
      .filter(Boolean))];
    ${body}`;
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ['--import', 'tsx', '--input-type=module', '-e', script],
    { cwd: ROOT, env: { ...process.env, NODE_OPTIONS: '' }, timeout: 110_000 },
  );
  return JSON.parse(stdout.trim().split('\n').at(-1) as string) as T;
}

// Each case transpiles and loads a whole root in a new process: seconds on a quiet machine, far more under load.
describe('lazily loaded dependencies', { timeout: 120_000 }, () => {
  it('the worker root loads neither grammY, the translations, the chart renderer nor the dashboard', async () => {
    const loaded = await inFreshProcess<string[]>(`
      await import('./jobs/worker-root.ts');
      console.log(JSON.stringify(packages()));`);
    expect(loaded).toContain('bullmq');
    for (const heavy of ['grammy', '@grammyjs/i18n', '@resvg/resvg-js', 'express', '@bull-board/api']) {
      expect(loaded).not.toContain(heavy);
    }
  });

  it('the bot root loads grammY but not the chart renderer, the dashboard, the feed HTTP client or the XML parser', async () => {
    const loaded = await inFreshProcess<string[]>(`
      await import('./src/bot/bot-root.ts');
      console.log(JSON.stringify(packages()));`);
    expect(loaded).toContain('grammy');
    for (const heavy of ['@resvg/resvg-js', 'express', '@bull-board/api', 'undici', 'xml2js'])
      expect(loaded).not.toContain(heavy);
  });

  it("the operators' feed fetcher loads its HTTP client at the first fetch, and fails as the real one does", async () => {
    const result = await inFreshProcess<{ before: string[]; error: string; after: string[] }>(`
      const { createLazyFeedFetcher } = await import('./src/adapters/http/lazy-feed-fetcher.ts');
      const { findFreePort } = await import('./src/lib/free-port.ts');
      const fetcher = createLazyFeedFetcher({ allowPrivate: true, timeoutMs: 5000 });
      const before = packages();
      // Nothing listens on a fresh free port: the fetch fails as a network error.
      const error = await fetcher.fetch('http://127.0.0.1:' + (await findFreePort()) + '/feed.xml').then(
        () => 'fetched',
        (failure) => failure.constructor.name,
      );
      await fetcher.close();
      console.log(JSON.stringify({ before, error, after: packages() }));`);
    expect(result.before).not.toContain('undici');
    expect(result.error).toBe('FeedFetchError');
    expect(result.after).toContain('undici');
  });

  it('the Telegram sender loads grammY at its first send, and classifies that send as usual', async () => {
    const result = await inFreshProcess<{ before: string[]; outcome: { kind: string }; after: string[] }>(`
      const { createTelegramSender } = await import('./src/adapters/telegram/sender.ts');
      const { findFreePort } = await import('./src/lib/free-port.ts');
      // Nothing listens on a fresh free port: the send fails as a network error.
      const sender = createTelegramSender('123:abc', 'http://127.0.0.1:' + (await findFreePort()), { timeoutMs: 5000 });
      const before = packages();
      const outcome = await sender.send({ chatId: 1, text: 'x', html: false });
      console.log(JSON.stringify({ before, outcome, after: packages() }));`);
    expect(result.before).not.toContain('grammy');
    expect(result.outcome.kind).toBe('transient');
    expect(result.after).toContain('grammy');
  });

  it('the operator /stats chart loads the renderer when it draws', async () => {
    const result = await inFreshProcess<{ before: string[]; after: string[]; png: boolean }>(`
      const { createOperatorDeps } = await import('./src/bot/operators/operator-root.ts');
      const { createKeys } = await import('./src/adapters/redis/keys.ts');
      const { Redis } = await import('ioredis');
      const redis = new Redis({ lazyConnect: true });
      const { deps, close } = createOperatorDeps({
        operatorIds: [1], redis, redisUrl: 'redis://127.0.0.1:1', keys: createKeys('lazy'),
        chats: { tally: async () => ({}) }, stories: { countSince: async () => 0 },
        allowPrivateFeeds: false, queueNames: [], topics: [],
        hourlyDeliveries: async () => [],
      });
      const before = packages();
      const png = await deps.chart.render({
        data: { values: [{ x: 1, y: 2 }] }, mark: 'bar',
        encoding: { x: { field: 'x', type: 'ordinal' }, y: { field: 'y', type: 'quantitative' } },
      });
      const after = packages();
      await close().catch(() => undefined);
      redis.disconnect();
      console.log(JSON.stringify({ before, after, png: png.subarray(1, 4).toString() === 'PNG' }));`);
    expect(result.before).not.toContain('@resvg/resvg-js');
    expect(result.after).toContain('@resvg/resvg-js');
    expect(result.png).toBe(true);
  });
});
