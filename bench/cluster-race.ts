// npm run bench:cluster-race — issue 10's clustering race at full length: 4 worker processes ingest the same
// 2,000 stories at once (every batch queued twice), 10 runs in a row, each compared with one process.
// Prints the figures, then a JSON summary as the last line. `mismatches` and `lost` are correctness counters.
import { startEmbeddedRedis } from '../src/runtime/embedded-redis.js';
import { raceStories, runRace } from '../tools/cluster-race/run-cluster-race.js';
import { median } from './support/stats.js';

const RUNS = Number(process.env['BENCH_RUNS'] ?? 10);
const STORIES = 2000;

const redis = await startEmbeddedRedis();
const batches = await raceStories(STORIES, Date.now());
const reference = await runRace({
  redisUrl: redis.url,
  prefix: 'race-ref',
  batches,
  processes: 1,
  copies: 1,
});
const key = (partition: string[][]) => JSON.stringify(partition);
const raceMs: number[] = [];
let mismatches = 0;
let lost = 0;
for (let run = 0; run < RUNS; run += 1) {
  const race = await runRace({
    redisUrl: redis.url,
    prefix: `race-${run}`,
    batches,
    processes: 4,
    copies: 2,
  });
  raceMs.push(race.ms);
  lost += STORIES - race.stored;
  const same = key(race.partition) === key(reference.partition);
  if (!same) mismatches += 1;
  console.log(
    `run ${run + 1}: ${race.stored} stored, ${race.partition.length} clusters, ${same ? 'same' : 'DIFFERENT'} clusters, ${Math.round(race.ms)} ms`,
  );
}
await redis.stop();

const summary = {
  stories: STORIES,
  runs: RUNS,
  referenceClusters: reference.partition.length,
  referenceMultiMemberClusters: reference.partition.filter((members) => members.length > 1).length,
  referenceMs: Math.round(reference.ms),
  raceMedianMs: Math.round(median(raceMs)),
  mismatches,
  lost,
};
console.log(
  `1 process: ${summary.referenceClusters} clusters (${summary.referenceMultiMemberClusters} with several stories) in ${summary.referenceMs} ms`,
);
console.log(`4 processes x ${RUNS}: ${mismatches} runs with different clusters, ${lost} stories lost`);
console.log(JSON.stringify(summary));
if (mismatches > 0 || lost > 0) process.exitCode = 1;
