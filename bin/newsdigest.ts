#!/usr/bin/env node
// The `newsdigest` command. Production runs the compiled copy (dist/bin/newsdigest.js, built by `npm run build`);
// development and tests run this file through tsx (`node --import tsx bin/newsdigest.ts`).
// This entry point is where the composition roots meet: src/ never imports jobs/ or tools/, so the worker root
// and the demo (a dev tool the production image leaves out) are handed to the CLI from here, next to the bot root.
import { existsSync } from 'node:fs';
import { QUEUE_NAMES } from '../jobs/queues.js';
import { runCli, type CliRoots } from '../src/cli.js';

// Next to the sources under tsx, next to the compiled files in dist/: the demo is looked up in the same tree.
const extension = import.meta.url.endsWith('.ts') ? 'ts' : 'js';
const demoEntry = new URL(`../tools/demo/run-demo.${extension}`, import.meta.url);

process.exitCode = await runCli(process.argv.slice(2), {
  // Loaded on demand: a worker process never loads the bot's features and translations, and `feeds check` neither.
  startWorker: async (...args) => (await import('../jobs/worker-root.js')).startWorkerRoot(...args),
  startBot: async (...args) => (await import('../src/bot/bot-root.js')).startBotRoot(...args),
  queueNames: Object.values(QUEUE_NAMES),
  runDemo: existsSync(demoEntry)
    ? async (roots, io) => {
        const demo = (await import(demoEntry.href)) as { runDemo: NonNullable<CliRoots['runDemo']> };
        return demo.runDemo(roots, io);
      }
    : undefined,
});
