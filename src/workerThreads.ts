import { createHash } from 'node:crypto';
import { existsSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * The file a worker thread loads for `<dir>/<name>`: the compiled `<name>.js` of the build, or,
 * running from the TypeScript sources (vitest, tsx), a small CommonJS file that registers tsx's
 * require hook before requiring `<name>.ts` — a worker does not inherit the hook, and
 * `--import tsx` or `--require tsx/cjs` in its execArgv does not reach it on Node 20.
 */
export function workerEntry(dir: string, name: string): string {
  const compiled = join(dir, `${name}.js`);
  if (existsSync(compiled)) return compiled;
  const source = join(dir, `${name}.ts`);
  const body = `require(${JSON.stringify(require.resolve('tsx/cjs'))});\nmodule.exports = require(${JSON.stringify(source)});\n`;
  const shim = join(tmpdir(), `mixwise-${name}-${createHash('sha256').update(body).digest('hex').slice(0, 12)}.cjs`);
  if (!existsSync(shim)) writeFileSync(shim, body);
  return shim;
}
