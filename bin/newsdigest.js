#!/usr/bin/env node
// Runs the TypeScript sources through tsx so `npx newsdigest` works right after `npm ci`, with no build step.
// This entry point is where the composition roots meet: src/ never imports jobs/ or tools/, so the worker root
// and the demo (a dev tool the production image leaves out) are handed to the CLI from here, next to the bot root.
import { existsSync } from 'node:fs';
import { register } from 'tsx/esm/api';

register();
const { runCli } = await import('../src/cli.ts');
const { QUEUE_NAMES } = await import('../jobs/queues.ts');
const demoEntry = new URL('../tools/demo/run-demo.ts', import.meta.url);
// The roots load on first use: `feeds check` and `preview` start without grammY and the worker's modules.
process.exitCode = await runCli(process.argv.slice(2), {
  startWorker: async (...args) => (await import('../jobs/worker-root.ts')).startWorkerRoot(...args),
  startBot: async (...args) => (await import('../src/bot/bot-root.ts')).startBotRoot(...args),
  queueNames: Object.values(QUEUE_NAMES),
  runDemo: existsSync(demoEntry)
    ? async (roots, io) => (await import(demoEntry.href)).runDemo(roots, io)
    : undefined,
});
