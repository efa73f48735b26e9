import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { median } from './stats.js';

const run = promisify(execFile);

/** A fixed amount of pure CPU work (no memory, no I/O); prints its own wall time in ms. */
const SPIN = `const t = performance.now(); let x = 0; for (let i = 0; i < 2e8; i += 1) x += i % 7;
process.stdout.write(String(performance.now() - t) + (x > 0 ? '' : ' '));`;

async function spin(): Promise<number> {
  const { stdout } = await run(process.execPath, ['-e', SPIN]);
  return Number(stdout);
}

export interface ParallelCapacity {
  /** Median wall time of the work alone, and of each of two copies run at once. */
  aloneMs: number;
  togetherMs: number;
  /** Work per second of two processes over one: 2.0 on two free cores, 1.0 when they share one. */
  capacity: number;
}

/**
 * How much more CPU work two processes get done than one on this machine, right now. Two vCPUs are not two
 * cores: on shared hosts two busy processes each slow down, and that bounds what a second worker can add before
 * any of newsdigest's own costs count.
 */
export async function measureParallelCapacity(runs = 5): Promise<ParallelCapacity> {
  const alone: number[] = [];
  const together: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    alone.push(await spin());
    together.push(...(await Promise.all([spin(), spin()])));
  }
  const aloneMs = median(alone);
  const togetherMs = median(together);
  return {
    aloneMs: Math.round(aloneMs),
    togetherMs: Math.round(togetherMs),
    capacity: Number(((2 * aloneMs) / togetherMs).toFixed(2)),
  };
}
