/**
 * How fast Mixwise starts, as a user starts it.
 * - `mmm`: wall time of `node bin/mmm.js …` (the bin `npm run mmm` and `npx mmm` run, its
 *   build-staleness check included) for --help, fit up to reading its CSV, whatif and optimize on
 *   a model file, ask --model (a what-if and a model question), and optimize refused before
 *   solving (its start alone). Target < 0.3 s.
 * - `npm start` (scripts/start.js): to a healthy /healthz on a fresh data directory (initdb,
 *   migrations, demo seed and its model fit) and then on the same data. Target: later starts < 5 s.
 * The first run including `npm ci` is the `firstRun` area.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { removeRelocatedCluster } from '../src/db/postgresProcess';
import { freePort } from '../testkit/helpers/processes';
import { recordBenchResults, timingSummary } from './record';

export const PROJECT_DIR = join(__dirname, '..', '..');
const MMM = join(PROJECT_DIR, 'bin', 'mmm.js');
const CSV = join(PROJECT_DIR, 'data', 'demo_weekly.csv');
const RUNS = 10;

function mmm(args: string[]): void {
  const run = spawnSync(process.execPath, [MMM, ...args], { cwd: PROJECT_DIR, encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`mmm ${args.join(' ')} failed: ${run.stderr}`);
}

function mmmTimings(args: string[], expectFailure = false): ReturnType<typeof timingSummary> {
  const samples: number[] = [];
  for (let i = 0; i < RUNS + 1; i++) {
    const started = performance.now();
    const run = spawnSync(process.execPath, [MMM, ...args], { cwd: PROJECT_DIR, encoding: 'utf8' });
    const ms = performance.now() - started;
    if ((run.status === 0) === expectFailure) throw new Error(`mmm ${args.join(' ')} exited ${run.status}: ${run.stderr}`);
    if (i > 0) samples.push(ms); // the first warms the file cache
  }
  return timingSummary(samples.map((ms) => Math.round(ms)));
}

/** Starts `npm start`'s script in `cwd` and returns the time to a healthy /healthz and a stop function. */
export async function timeServerStart(cwd: string, env: NodeJS.ProcessEnv): Promise<{ readyMs: number; stop: () => Promise<void> }> {
  const port = await freePort();
  const started = performance.now();
  const child = spawn(process.execPath, [join(cwd, 'scripts', 'start.js')], { cwd, env: { ...process.env, PORT: String(port), LOG_FORMAT: 'json', MIXWISE_SCHEDULER: 'off', ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the server exited before it was ready: ${stderr}`);
    const ok = await fetch(`http://127.0.0.1:${port}/healthz`).then((r) => r.ok, () => false);
    if (ok) break;
    if (performance.now() - started > 180_000) throw new Error('the server did not get ready in 180 s');
    await new Promise((r) => setTimeout(r, 50));
  }
  const readyMs = Math.round(performance.now() - started);
  return {
    readyMs,
    stop: async () => {
      child.kill('SIGINT');
      await exited;
    },
  };
}

export async function run(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'mixwise-bench-start-'));
  try {
    const model = join(dir, 'model.json');
    mmm(['fit', '--csv', CSV, '--date', 'date', '--kpi', 'kpi', '--channels', 'tv,search,social,display,radio', '--controls', 'holiday,promo', '--names', join(PROJECT_DIR, 'data', 'demo_channels.json'), '--save', model, '--json']);
    const stalenessMs = (() => {
      const started = performance.now();
      spawnSync(process.execPath, ['-e', `require(${JSON.stringify(join(PROJECT_DIR, 'scripts', 'build.js'))}).staleness()`]);
      const withCheck = performance.now() - started;
      const bare = performance.now();
      spawnSync(process.execPath, ['-e', '0']);
      return Math.round(withCheck - (performance.now() - bare));
    })();
    const cli = {
      help: mmmTimings(['--help']),
      fitUntilCsv: mmmTimings(['fit', '--csv', join(dir, 'absent.csv'), '--date', 'date', '--kpi', 'kpi', '--channels', 'tv', '--json'], true),
      whatif: mmmTimings(['whatif', '--model', model, 'what if we move 20% from TV to search?', '--json']),
      optimizeRefused: mmmTimings(['optimize', '--model', model, '--budget', '0', '--json'], true),
      optimize: mmmTimings(['optimize', '--model', model, '--budget', '150000', '--json']),
      askModelFile: mmmTimings(['ask', '--model', model, 'what if we move 20% from TV to search?', '--json']),
      askModelFileQuestion: mmmTimings(['ask', '--model', model, 'which channel is most saturated?', '--json']),
      bareNode: (() => {
        const samples: number[] = [];
        for (let i = 0; i < RUNS; i++) {
          const started = performance.now();
          spawnSync(process.execPath, ['-e', '0']);
          samples.push(Math.round(performance.now() - started));
        }
        return timingSummary(samples);
      })(),
    };
    const npmRun = (() => {
      const samples: number[] = [];
      for (let i = 0; i < 3; i++) {
        const started = performance.now();
        spawnSync('npm', ['run', '--silent', 'mmm', '--', '--help'], { cwd: PROJECT_DIR });
        samples.push(Math.round(performance.now() - started));
      }
      return timingSummary(samples);
    })();

    const dataDir = join(dir, '.data');
    const first = await timeServerStart(PROJECT_DIR, { MIXWISE_DATA_DIR: dataDir, DATABASE_URL: '' });
    await first.stop();
    const later: number[] = [];
    for (let i = 0; i < 3; i++) {
      const next = await timeServerStart(PROJECT_DIR, { MIXWISE_DATA_DIR: dataDir, DATABASE_URL: '' });
      later.push(next.readyMs);
      await next.stop();
    }
    recordBenchResults('startup', {
      cliMs: cli,
      npmRunMmmHelpMs: npmRun,
      buildStalenessCheckMs: stalenessMs,
      cliTargetMs: 300,
      server: { firstStartMs: first.readyMs, laterStartsMs: later, laterTargetMs: 5000 },
    });
  } finally {
    // The data directory is inside a mode-700 temporary one: as root its cluster was placed in the shared directory.
    removeRelocatedCluster(join(dir, '.data'));
    rmSync(dir, { recursive: true, force: true });
  }
}
