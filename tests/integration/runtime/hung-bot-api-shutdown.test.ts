import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import { startBotApiServer, type BotApiServer } from '../../../tools/bot-api-server/server.js';

/**
 * Issue 9: a Bot API that accepts requests and never answers must not hang startup silently nor eat the shutdown
 * budget: `newsdigest start` exits within 10 s of SIGTERM, and the worker is closed first.
 */
describe('newsdigest start with a hung Bot API', () => {
  let api: BotApiServer;
  let dir: string;
  let child: ChildProcess | undefined;
  let output = '';

  beforeEach(async () => {
    api = await startBotApiServer();
    dir = await mkdtemp(join(tmpdir(), 'nd-hung-'));
    await writeFile(
      join(dir, 'feeds.yaml'),
      'feeds:\n  - { url: "http://127.0.0.1:9/feed.xml", lang: uk, interval: 1m }\n',
    );
    output = '';
  });
  afterEach(async () => {
    if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await api.close();
    await rm(dir, { recursive: true, force: true });
  });

  function start(): Promise<number | null> {
    child = spawn(process.execPath, ['--import', 'tsx', 'bin/newsdigest.ts', 'start'], {
      env: {
        PATH: process.env.PATH,
        BOT_TOKEN: api.token,
        TELEGRAM_API_ROOT: api.apiRoot,
        REDIS_URL: inject('redisUrl'),
        REDIS_PREFIX: `t${randomBytes(4).toString('hex')}`,
        FEEDS_FILE: join(dir, 'feeds.yaml'),
        LOG_LEVEL: 'info',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    return new Promise((resolve) => child!.once('exit', (code) => resolve(code)));
  }

  async function waitFor(check: () => boolean, what: string): Promise<void> {
    const deadline = Date.now() + 20_000;
    while (!check()) {
      if (Date.now() > deadline || child?.exitCode !== null) throw new Error(`never saw ${what}:\n${output}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  function closeOrder(): string[] {
    return output
      .split('\n')
      .filter((line) => line.includes('"msg":"closed"') || line.includes('did not close in time'))
      .map((line) => (JSON.parse(line) as { service: string }).service);
  }

  it('getMe never answers: the worker runs meanwhile, and SIGTERM still exits 0 within 10 s', async () => {
    api.delay('getMe', 120_000);
    const exited = start();
    await waitFor(() => output.includes('worker started'), 'worker started');
    await waitFor(() => api.calls('getMe').length > 0, 'getMe arriving');

    const stopping = Date.now();
    child!.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(Date.now() - stopping).toBeLessThan(10_000);
    expect(closeOrder()[0]).toBe('worker');
    expect(output).toContain('"msg":"stopped"');
  });

  it('a reply stuck in a hung sendMessage does not cost the worker its close, and exit stays within 10 s', async () => {
    const exited = start();
    await waitFor(() => output.includes('bot polling'), 'bot polling');
    api.delay('sendMessage', 120_000);
    const user = api.addUser({ id: 5151 });
    api.sendText(user, user.id, '/start');
    await waitFor(() => api.calls('sendMessage').length > 0, 'the reply reaching the Bot API');

    const stopping = Date.now();
    child!.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(Date.now() - stopping).toBeLessThan(10_000);
    expect(closeOrder()).toEqual(['worker', 'bot']);
  });
});
