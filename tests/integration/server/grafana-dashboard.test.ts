import { existsSync, readFileSync } from 'node:fs';
import { Queue, type ConnectionOptions } from 'bullmq';
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { createKeys } from '../../../src/adapters/redis/keys.js';
import { createQueueMonitor, type QueueMonitor } from '../../../src/runtime/queue-monitor.js';
import { startHttpServer, type RunningHttpServer } from '../../../src/server/http-server.js';
import { createMetrics } from '../../../src/server/metrics.js';
import { createTestRedis, type TestRedis } from '../../support/test-redis.js';

const root = new URL('../../../', import.meta.url);
const read = (path: string) => readFileSync(new URL(path, root), 'utf8');

interface Panel {
  title: string;
  targets: { expr: string }[];
}

/** Metric names in a PromQL expression: identifiers of our exporters' families (functions and labels are not). */
const metricNames = (expr: string): string[] =>
  [...expr.matchAll(/\b((?:newsdigest|bullmq|process|nodejs)_[a-z0-9_]+)\b/g)].map((m) => m[1] as string);
const groupLabels = (expr: string): string[] =>
  [...expr.matchAll(/\bby \(([^)]*)\)/g)].flatMap((m) => (m[1] as string).split(',').map((l) => l.trim()));
/** Labels Prometheus adds itself at scrape time. */
const TARGET_LABELS = new Set(['instance', 'job']);

describe('Grafana dashboard and monitoring profile', () => {
  let redis: TestRedis;
  let monitor: QueueMonitor;
  let server: RunningHttpServer;

  beforeEach(async () => {
    redis = await createTestRedis();
    const keys = createKeys(redis.prefix);
    monitor = createQueueMonitor(redis.client, keys.bullPrefix, ['poll', 'deliver']);
    const metrics = createMetrics();
    // Labelled counters show up once they have a sample, as they do in a running worker.
    metrics.feedPolls.inc({ outcome: 'failed' });
    metrics.feedFailures.inc({ reason: 'HTTP_STATUS', feed: 'abc' });
    metrics.storiesIngested.inc({ lang: 'uk' });
    metrics.digestsBuilt.inc();
    metrics.messagesSent.inc();
    metrics.messagesFailed.inc({ reason: 'forbidden' });
    metrics.telegram429.inc();
    metrics.deadLetters.inc({ queue: 'deliver' });
    const jobs = new Queue('deliver', {
      connection: redis.client as unknown as ConnectionOptions,
      prefix: keys.bullPrefix('deliver'),
    });
    await jobs.add('deliver', { chat: '1' }, { timestamp: Date.now() - 90_000 });
    await jobs.close();
    server = await startHttpServer({
      port: 0,
      host: '127.0.0.1',
      redis: redis.client,
      keys,
      metrics,
      queues: monitor,
      logger: pino({ level: 'silent' }),
    });
  });
  afterEach(async () => {
    await server.close();
    await monitor.close();
    await redis.cleanup();
  });

  it('every dashboard query uses metric names and labels the app really exports', async () => {
    const scrape = await (await fetch(`${server.url}/metrics`)).text();
    const samples = scrape.split('\n').filter((line) => line !== '' && !line.startsWith('#'));
    const labelsOf = new Map<string, Set<string>>();
    for (const sample of samples) {
      const [, name = '', labels = ''] = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{([^}]*)\})?/.exec(sample) ?? [];
      const set = labelsOf.get(name) ?? new Set<string>();
      for (const [, label] of labels.matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)="/g)) set.add(label as string);
      labelsOf.set(name, set);
    }
    const dashboard = JSON.parse(read('deploy/grafana/newsdigest.json')) as { uid: string; panels: Panel[] };
    expect(dashboard.uid).toBe('newsdigest');
    const titles = dashboard.panels.map((p) => p.title.toLowerCase()).join(' | ');
    for (const topic of [
      'ingested',
      'feed poll failures',
      'queue depth',
      'waiting',
      'sent',
      '429',
      'dead letters',
      'memory',
    ])
      expect(titles).toContain(topic);
    let checked = 0;
    for (const panel of dashboard.panels) {
      for (const { expr } of panel.targets) {
        const names = metricNames(expr);
        expect(names.length, `${panel.title}: ${expr}`).toBeGreaterThan(0);
        for (const name of names) {
          expect(labelsOf.has(name), `${panel.title}: ${name} is not exported`).toBe(true);
          for (const label of groupLabels(expr)) {
            if (TARGET_LABELS.has(label)) continue;
            expect(labelsOf.get(name)?.has(label), `${panel.title}: ${name} has no label ${label}`).toBe(
              true,
            );
          }
          checked += 1;
        }
      }
    }
    expect(checked).toBe(dashboard.panels.length);
    // The waiting-time gauge measures the job queued 90 s ago.
    const oldest = /newsdigest_queue_oldest_waiting_seconds\{queue="deliver"\} ([\d.]+)/.exec(scrape);
    expect(Number(oldest?.[1])).toBeGreaterThanOrEqual(89);
  });

  it('the monitoring profile starts Prometheus and Grafana with the dashboard provisioned', () => {
    const compose = parse(read('docker-compose.yml')) as {
      services: Record<string, { profiles?: string[]; volumes?: string[] }>;
    };
    for (const service of ['prometheus', 'grafana'])
      expect(compose.services[service]?.profiles).toEqual(['monitoring']);
    for (const service of ['redis', 'bot', 'worker'])
      expect(compose.services[service]?.profiles).toBeUndefined();
    const mounts = Object.values(compose.services).flatMap((s) => s.volumes ?? []);
    for (const mount of mounts.filter((m) => m.startsWith('./'))) {
      expect(existsSync(new URL(mount.split(':')[0] as string, root)), mount).toBe(true);
    }
    expect(mounts).toContain(
      './deploy/grafana/newsdigest.json:/var/lib/grafana/dashboards/newsdigest.json:ro',
    );
    const provider = parse(read('deploy/grafana/provisioning/dashboards/newsdigest.yml')) as {
      providers: { options: { path: string } }[];
    };
    expect(provider.providers[0]?.options.path).toBe('/var/lib/grafana/dashboards');
    const prometheus = parse(read('deploy/prometheus/prometheus.yml')) as {
      scrape_configs: { dns_sd_configs: { names: string[]; port: number }[] }[];
    };
    expect(prometheus.scrape_configs.flatMap((c) => c.dns_sd_configs.flatMap((d) => d.names))).toEqual([
      'bot',
      'worker',
    ]);
  });
});
