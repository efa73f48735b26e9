import { randomBytes } from 'node:crypto';
import { describe, expect, inject, it } from 'vitest';
import { raceStories, runRace } from '../../../../tools/cluster-race/run-cluster-race.js';

/**
 * Issue 10: clustering takes no lock. Four worker processes ingesting the same 2,000 stories at once (every batch
 * queued twice, so the same stories are clustered by two processes at the same moment) must give the same
 * cluster assignment as one process. bench:cluster-race repeats this 10 times.
 */
describe('clustering without a lock', () => {
  it('4 processes give the same clusters as 1, twice in a row', { timeout: 240_000 }, async () => {
    const redisUrl = inject('redisUrl');
    const batches = await raceStories(2000, Date.now());
    const total = new Set(batches.flat().map((story) => story.id)).size;
    expect(total).toBe(2000);
    const prefix = () => `race${randomBytes(4).toString('hex')}`;

    const reference = await runRace({ redisUrl, prefix: prefix(), batches, processes: 1, copies: 1 });
    expect(reference.stored).toBe(total);
    // The comparison means something only if there are clusters to split: the retold stories form them.
    const multi = reference.partition.filter((members) => members.length > 1);
    expect(multi.length).toBeGreaterThanOrEqual(10);

    for (let run = 0; run < 2; run += 1) {
      const race = await runRace({ redisUrl, prefix: prefix(), batches, processes: 4, copies: 2 });
      expect(race.stored).toBe(total);
      expect(race.partition).toEqual(reference.partition);
    }
  });
});
