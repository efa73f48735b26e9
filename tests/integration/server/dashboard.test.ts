import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { Queue, type ConnectionOptions } from 'bullmq';
import { pino } from 'pino';
import { chromium } from 'playwright-core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createKeys } from '../../../src/adapters/redis/keys.js';
import { startHttpServer, type RunningHttpServer } from '../../../src/server/http-server.js';
import { createMetrics } from '../../../src/server/metrics.js';
import { createQueueMonitor, type QueueMonitor } from '../../../src/runtime/queue-monitor.js';
import { createTestRedis, type TestRedis } from '../../support/test-redis.js';

const CHROMIUM = '/usr/bin/chromium';
const ADMIN = { user: 'ops', password: 'correct-horse-battery' };
const QUEUES = ['poll', 'stories', 'deliver'];

describe('HTTP endpoint: dashboard, health and metrics', () => {
  let redis: TestRedis;
  let monitor: QueueMonitor;
  let servers: RunningHttpServer[];

  beforeEach(async () => {
    redis = await createTestRedis();
    monitor = createQueueMonitor(redis.client, createKeys(redis.prefix).bullPrefix, QUEUES);
    servers = [];
  });
  afterEach(async () => {
    for (const server of servers) await server.close();
    await monitor.close();
    await redis.cleanup();
  });

  const start = async (admin?: { user: string; password: string; write: boolean }) => {
    const server = await startHttpServer({
      port: 0,
      host: '127.0.0.1',
      redis: redis.client,
      keys: createKeys(redis.prefix),
      metrics: createMetrics(),
      queues: monitor,
      logger: pino({ level: 'silent' }),
      ...(admin ? { admin } : {}),
    });
    servers.push(server);
    return server;
  };

  it('shows the Bull Board dashboard with our queues in a real browser, behind basic auth', async () => {
    expect(
      existsSync(CHROMIUM),
      `${CHROMIUM} is missing: apt-get install -y chromium (.ci/run does it)`,
    ).toBe(true);
    const jobs = new Queue('poll', {
      connection: redis.client as unknown as ConnectionOptions,
      prefix: createKeys(redis.prefix).bullPrefix('poll'),
    });
    await jobs.add('poll', { feedId: 'abc' });
    await jobs.close();
    const server = await start({ ...ADMIN, write: false });
    const profile = await mkdtemp(join(tmpdir(), 'nd-chromium-'));
    const context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
      httpCredentials: { username: ADMIN.user, password: ADMIN.password },
    });
    try {
      const page = await context.newPage();
      const response = await page.goto(`${server.url}/admin/queues`);
      expect(response?.status()).toBe(200);
      for (const name of QUEUES) {
        await page.getByText(name, { exact: true }).first().waitFor({ timeout: 15_000 });
      }
      expect(await page.title()).toContain('newsdigest');
    } finally {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    }
  }, 60_000);

  it.each([
    ['no credentials', undefined, 401],
    ['wrong password', `Basic ${Buffer.from('ops:wrong').toString('base64')}`, 401],
    ['right credentials', `Basic ${Buffer.from(`${ADMIN.user}:${ADMIN.password}`).toString('base64')}`, 200],
  ])('answers %s on /admin/queues with %s', async (_name, authorization, status) => {
    const server = await start({ ...ADMIN, write: false });
    const response = await fetch(`${server.url}/admin/queues`, {
      headers: authorization ? { authorization } : {},
    });
    expect(response.status).toBe(status);
  });

  it('answers 429 to an address after 10 failed logins in a minute, even with the right password', async () => {
    const server = await start({ ...ADMIN, write: false });
    const wrong = `Basic ${Buffer.from('ops:guess').toString('base64')}`;
    const right = `Basic ${Buffer.from(`${ADMIN.user}:${ADMIN.password}`).toString('base64')}`;
    const statuses: number[] = [];
    for (let i = 0; i < 12; i += 1) {
      const response = await fetch(`${server.url}/admin/queues`, { headers: { authorization: wrong } });
      statuses.push(response.status);
    }
    expect(statuses).toEqual([...Array<number>(10).fill(401), 429, 429]);
    const blocked = await fetch(`${server.url}/admin/queues`, { headers: { authorization: right } });
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('listens on loopback when no host is given (HTTP_HOST unset)', async () => {
    const lines: string[] = [];
    const logger = pino(
      { level: 'info' },
      new Writable({
        write(chunk: Buffer, _encoding, callback) {
          lines.push(chunk.toString());
          callback();
        },
      }),
    );
    const server = await startHttpServer({
      port: 0,
      redis: redis.client,
      keys: createKeys(redis.prefix),
      metrics: createMetrics(),
      queues: monitor,
      logger,
    });
    servers.push(server);
    const listening = lines.map((line) => JSON.parse(line) as { msg: string; host?: string });
    expect(listening.find((line) => line.msg === 'http endpoint listening')?.host).toBe('127.0.0.1');
  });

  it('has no dashboard route without ADMIN_USER and ADMIN_PASSWORD', async () => {
    const server = await start();
    const auth = `Basic ${Buffer.from(`${ADMIN.user}:${ADMIN.password}`).toString('base64')}`;
    expect((await fetch(`${server.url}/admin/queues`, { headers: { authorization: auth } })).status).toBe(
      404,
    );
  });

  it('keeps the dashboard read-only unless writes are allowed', async () => {
    const server = await start({ ...ADMIN, write: false });
    const auth = `Basic ${Buffer.from(`${ADMIN.user}:${ADMIN.password}`).toString('base64')}`;
    const queues = (await (
      await fetch(`${server.url}/admin/queues/api/queues`, { headers: { authorization: auth } })
    ).json()) as {
      queues: { name: string; readOnlyMode: boolean }[];
    };
    expect(queues.queues.map((q) => q.name).sort()).toEqual([...QUEUES].sort());
    expect(queues.queues.every((q) => q.readOnlyMode)).toBe(true);
  });

  it('reports 503 naming the worker when no heartbeat exists, 200 once one does', async () => {
    const server = await start();
    let response = await fetch(`${server.url}/healthz`);
    expect(response.status).toBe(503);
    expect(await response.json()).toMatchObject({ status: 'fail', failing: ['worker'] });
    await redis.client.zadd(redis.keys.workers(), Date.now(), 'w1');
    await redis.client.set(redis.keys.lastPollOk(), String(Date.now() - 3_600_000));
    response = await fetch(`${server.url}/healthz`);
    expect(await response.json()).toMatchObject({ failing: ['poll'] });
    await redis.client.set(redis.keys.lastPollOk(), String(Date.now()));
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  });

  it('exports process metrics, our counters and BullMQ queue depths', async () => {
    const server = await start();
    const text = await (await fetch(`${server.url}/metrics`)).text();
    for (const name of [
      'process_cpu_user_seconds_total',
      'newsdigest_feed_polls_total',
      'newsdigest_messages_failed_total',
      'newsdigest_telegram_429_total',
      'bullmq_job_count{queue="deliver", state="waiting"} 0',
    ]) {
      expect(text).toContain(name);
    }
    expect(text.match(/# TYPE bullmq_job_count gauge/g)).toHaveLength(1);
  });
});
