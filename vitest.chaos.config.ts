import { defineConfig } from 'vitest/config';

// npm run test:chaos: real worker and bot processes, a redis-server that gets killed, the local Bot API server with
// faults. Separate from `npm test` (minutes, not seconds); scenarios run one at a time so their figures are clean.
export default defineConfig({
  test: {
    include: ['tests/chaos/**/*.test.ts'],
    pool: 'forks',
    fileParallelism: false,
    testTimeout: 300_000,
    hookTimeout: 60_000,
  },
});
