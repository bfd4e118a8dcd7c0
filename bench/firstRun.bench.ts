/**
 * The README's first run on a fresh clone: `npm ci` (install and build) then `npm start` to a
 * healthy /healthz (embedded PostgreSQL initialised, migrated, demo seeded, model trained).
 * Target: within 60 s on 2 cores. The clone is of HEAD, in a private (mode 700) directory as
 * `mktemp -d` makes it, which is where a root user's embedded PostgreSQL needs its shared copy.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { availableParallelism, tmpdir } from 'node:os';
import { removeRelocatedCluster } from '../src/db/postgresProcess';
import { recordBenchResults } from './record';
import { PROJECT_DIR, timeServerStart } from './startup.bench';

export async function run(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'mixwise-bench-first-'));
  chmodSync(dir, 0o700);
  const clone = join(dir, 'mixwise');
  try {
    execFileSync('git', ['clone', '-q', PROJECT_DIR, clone]);
    const started = performance.now();
    const install = spawnSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: clone, encoding: 'utf8' });
    if (install.status !== 0) throw new Error(`npm ci failed: ${install.stderr}`);
    const npmCiMs = Math.round(performance.now() - started);
    const first = await timeServerStart(clone, { DATABASE_URL: '', MIXWISE_DATA_DIR: '' });
    await first.stop();
    const later = await timeServerStart(clone, { DATABASE_URL: '', MIXWISE_DATA_DIR: '' });
    await later.stop();
    recordBenchResults('firstRun', { npmCiMs, firstStartMs: first.readyMs, totalMs: npmCiMs + first.readyMs, secondStartMs: later.readyMs, targetTotalMs: 60_000, cores: availableParallelism() });
  } finally {
    removeRelocatedCluster(join(clone, '.data'));
    rmSync(dir, { recursive: true, force: true });
  }
}
