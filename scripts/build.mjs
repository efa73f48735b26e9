// `npm run build`: compiles bin/, src/, jobs/, tools/ and bench/ to JavaScript with tsc and copies the files tsc does not
// (the Fluent translations). Production runs the result (dist/bin/newsdigest.js); tsx is only for development.
// Usage: node scripts/build.mjs [outDir]   (default dist; the production-path test builds into a temp folder)
import { execFileSync } from 'node:child_process';
import { cpSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';

const outDir = resolve(process.argv[2] ?? 'dist');
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
rmSync(outDir, { recursive: true, force: true });
execFileSync(process.execPath, [tsc, '-p', 'tsconfig.build.json', '--outDir', outDir], { stdio: 'inherit' });
cpSync('src/bot/i18n', join(outDir, 'src/bot/i18n'), {
  recursive: true,
  filter: (path) => !path.endsWith('.ts'),
});
