// `npm run build`: compiles bin/, src/, jobs/, tools/ and bench/ to JavaScript with tsc and copies the files tsc does not
// (the Fluent translations). Production runs the result (dist/bin/newsdigest.js); tsx is only for development.
// Usage: node scripts/build.mjs [outDir]   (default dist; the production-path test builds into a temp folder)
import { execFileSync } from 'node:child_process';
import { cpSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';

// `--when-dev` (npm start, bot, worker): build when the dev tools are installed, so `npm ci && npm start` runs the
// current sources; with production dependencies only (no typescript) the shipped dist/ is used as it is.
const whenDev = process.argv.includes('--when-dev');
const outDir = resolve(process.argv.slice(2).find((arg) => !arg.startsWith('--')) ?? 'dist');
let tsc;
try {
  tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
} catch (error) {
  if (!whenDev) throw error;
  process.exit(0);
}
rmSync(outDir, { recursive: true, force: true });
execFileSync(process.execPath, [tsc, '-p', 'tsconfig.build.json', '--outDir', outDir], { stdio: 'inherit' });
cpSync('src/bot/i18n', join(outDir, 'src/bot/i18n'), {
  recursive: true,
  filter: (path) => !path.endsWith('.ts'),
});
