#!/usr/bin/env node
// Runs the TypeScript sources through tsx so `npx newsdigest` works right after `npm ci`, with no build step.
// This entry point is where the two composition roots meet: src/ never imports jobs/, so the worker root is
// handed to the CLI from here, next to the bot root.
import { register } from 'tsx/esm/api';

register();
const { runCli } = await import('../src/cli.ts');
const { startWorkerRoot } = await import('../jobs/worker-root.ts');
const { startBotRoot } = await import('../src/bot/bot-root.ts');
const { QUEUE_NAMES } = await import('../jobs/queues.ts');
process.exitCode = await runCli(process.argv.slice(2), {
  startWorker: startWorkerRoot,
  startBot: startBotRoot,
  queueNames: Object.values(QUEUE_NAMES),
});
