import type { Lang } from '../types.js';

/** The numbers behind the /stats chart; the test compares these with the counters they were read from. */
export interface StatsSeries {
  range: '24h' | '7d';
  /** Bucket starts (ms), oldest first: hours for 24h, days for 7d. */
  buckets: number[];
  stories: Record<Lang, number[]>;
  sent: number[];
  failed: number[];
  /** Up to five feeds with the longest current failure streak, most first. */
  failingFeeds: { name: string; failures: number }[];
}

export interface ChartLabels {
  stories: string;
  deliveries: string;
  sent: string;
  failed: string;
  failingFeeds: string;
  noFailingFeeds: string;
}

type Row = Record<string, string | number>;

/**
 * A Vega-Lite spec for the operators' chart: stories per bucket by language, deliveries and failures, and the
 * feeds failing most. Pure data in, JSON out; rendering to PNG is an adapter's job.
 */
export function statsChartSpec(series: StatsSeries, labels: ChartLabels): Record<string, unknown> {
  const time = (at: number) => new Date(at).toISOString();
  const stories: Row[] = series.buckets.flatMap((at, i) =>
    (Object.keys(series.stories) as Lang[]).map((lang) => ({
      t: time(at),
      lang,
      n: series.stories[lang][i] ?? 0,
    })),
  );
  const deliveries: Row[] = series.buckets.flatMap((at, i) => [
    { t: time(at), kind: labels.sent, n: series.sent[i] ?? 0 },
    { t: time(at), kind: labels.failed, n: series.failed[i] ?? 0 },
  ]);
  const feeds: Row[] =
    series.failingFeeds.length > 0
      ? series.failingFeeds.map((f) => ({ feed: f.name, n: f.failures }))
      : [{ feed: labels.noFailingFeeds, n: 0 }];
  // Buckets are UTC hours and days; the server's own time zone must not shift them.
  const timeUnit = series.range === '24h' ? 'utcyearmonthdatehours' : 'utcyearmonthdate';
  const x = { field: 't', type: 'temporal', timeUnit, title: null };
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    background: 'white',
    config: { font: 'DejaVu Sans', view: { stroke: null } },
    // Languages and delivery kinds are different colour scales, each with its own legend.
    resolve: { scale: { color: 'independent' }, legend: { color: 'independent' } },
    vconcat: [
      {
        title: labels.stories,
        width: 520,
        height: 150,
        data: { values: stories },
        mark: { type: 'line', point: true },
        encoding: {
          x,
          y: { field: 'n', type: 'quantitative', title: null },
          color: { field: 'lang', type: 'nominal', title: null },
        },
      },
      {
        title: labels.deliveries,
        width: 520,
        height: 150,
        data: { values: deliveries },
        mark: { type: 'bar' },
        encoding: {
          x,
          y: { field: 'n', type: 'quantitative', title: null },
          color: {
            field: 'kind',
            type: 'nominal',
            title: null,
            scale: { domain: [labels.sent, labels.failed], range: ['#4c78a8', '#e45756'] },
          },
        },
      },
      {
        title: labels.failingFeeds,
        width: 520,
        height: { step: 22 },
        data: { values: feeds },
        mark: { type: 'bar', color: '#e45756' },
        encoding: {
          y: { field: 'feed', type: 'nominal', sort: '-x', title: null },
          x: { field: 'n', type: 'quantitative', title: null, axis: { format: 'd', tickMinStep: 1 } },
        },
      },
    ],
  };
}
