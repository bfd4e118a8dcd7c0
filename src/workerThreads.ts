import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker, type WorkerOptions } from 'node:worker_threads';

/**
 * A worker thread running `<dir>/<name>.js` from the build, or `<name>.ts` from the TypeScript
 * sources (vitest, tsx) once tsx's require hook is registered in it: `--import tsx` in execArgv
 * does not reach a worker's entry on Node 20.
 */
export function startWorkerThread(dir: string, name: string, options: WorkerOptions = {}): Worker {
  const compiled = join(dir, `${name}.js`);
  if (existsSync(compiled)) return new Worker(compiled, options);
  const source = join(dir, `${name}.ts`);
  return new Worker(`require(${JSON.stringify(require.resolve('tsx/cjs'))}); require(${JSON.stringify(source)});`, { ...options, eval: true });
}
