import { fileURLToPath } from 'node:url';

/**
 * How to start a benchmark's child module: under tsx from the sources, plain node from the compiled tree (dist/),
 * so a benchmark measures the same kind of process as production runs. `name` is relative to bench/support.
 */
export function childEntry(name: string): { path: string; execArgv: string[] } {
  const fromSources = import.meta.url.endsWith('.ts');
  return {
    path: fileURLToPath(new URL(`./${name}.${fromSources ? 'ts' : 'js'}`, import.meta.url)),
    execArgv: fromSources ? ['--import', 'tsx'] : [],
  };
}
