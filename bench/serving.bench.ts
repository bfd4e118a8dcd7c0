/**
 * Serving while a model trains in the same instance: `{ datasets { name } }` and a `runWhatIf`
 * (the full selection a tool asks for) each sent every ~100 ms over real HTTP on loopback, first
 * with nothing else running, then while three fits of the demo data run one after another through
 * `trainModel` (the service GraphQL trainModel, Slack "retrain the model", the retrain job and
 * first start all call). Embedded PostgreSQL. Target: during the fits, each query's p99 at most
 * twice its idle p99 and never above 100 ms. (Before the CPU pool, issue 18 measured p50
 * 431–698 ms and p99 1.9–3.0 s during a fit.)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../src/config';
import { createLogger } from '../src/logger';
import { startServer } from '../src/server';
import { createApiKey } from '../src/services/apiKeys';
import { getDataset } from '../src/services/datasets';
import { trainModel } from '../src/services/models';
import { FORTY_WHAT_IFS, FULL_WHAT_IF } from './graphql.bench';
import { recordBenchResults, timingSummary } from './record';

const INTERVAL_MS = 100;
// Long enough for a p99 of a few hundred samples each (with 3 fits, about 80 samples: the p99 was their maximum).
const IDLE_SECONDS = Number(process.env.BENCH_IDLE_SECONDS ?? 25);
const FITS = Number(process.env.BENCH_FITS ?? 8);

export async function run(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'mixwise-bench-serving-'));
  const log = createLogger({ level: 'warn', destination: 'stderr' });
  const config = loadConfig({ MIXWISE_DATA_DIR: dir, PORT: '0', LOG_LEVEL: 'warn', MIXWISE_SCHEDULER: 'off', MIXWISE_GRAPHQL_RATE_LIMIT: 'off' });
  const server = await startServer(config, log);
  try {
    const { key } = await createApiKey(server.app.ds, 'analyst', 'bench');
    const headers = { 'content-type': 'application/json', authorization: `Bearer ${key}` };
    let asked = 0;
    const queries = {
      datasets: () => JSON.stringify({ query: '{ datasets { name } }' }),
      runWhatIf: () => JSON.stringify({ query: FULL_WHAT_IF, variables: { input: FORTY_WHAT_IFS[asked++ % FORTY_WHAT_IFS.length] } }),
    };
    type Name = keyof typeof queries;
    const timeOne = async (name: Name): Promise<number> => {
      const started = performance.now();
      const response = await fetch(`${server.url}/graphql`, { method: 'POST', headers, body: queries[name]() });
      const answer = (await response.json()) as { errors?: unknown[] };
      if (response.status !== 200 || answer.errors) throw new Error(`bench serving: ${name} failed: ${response.status} ${JSON.stringify(answer)}`);
      return performance.now() - started;
    };
    /** Sends both queries every INTERVAL_MS (without waiting for answers) until `done()`; latencies by query. */
    const sample = async (done: () => boolean): Promise<Record<Name, number[]>> => {
      const samples: Record<Name, number[]> = { datasets: [], runWhatIf: [] };
      const inFlight: Array<Promise<void>> = [];
      while (!done()) {
        for (const name of Object.keys(queries) as Name[]) inFlight.push(timeOne(name).then((ms) => void samples[name].push(ms)));
        await new Promise((resolve) => setTimeout(resolve, INTERVAL_MS));
      }
      await Promise.all(inFlight);
      return samples;
    };
    for (let i = 0; i < 20; i++) for (const name of Object.keys(queries) as Name[]) await timeOne(name);

    const idleUntil = Date.now() + IDLE_SECONDS * 1000;
    const idle = await sample(() => Date.now() > idleUntil);

    const demo = await getDataset(server.app.ds, 'demo');
    const fitMs: number[] = [];
    let fitting = true;
    const fits = (async () => {
      for (let i = 0; i < FITS; i++) {
        const started = performance.now();
        await trainModel(server.app.ds, demo.id, { seed: 100 + i, holdoutWeeks: 13, createdBy: 'bench' }, log);
        fitMs.push(performance.now() - started);
      }
    })().finally(() => (fitting = false));
    const during = await sample(() => !fitting);
    await fits;

    const summary = (name: Name) => {
      const quiet = timingSummary(idle[name]);
      const busy = timingSummary(during[name]);
      return { idle: quiet, duringFit: busy, maxDuringFitMs: Math.max(...during[name]), meetsTarget: busy.p99Ms <= 2 * quiet.p99Ms && busy.p99Ms <= 100 };
    };
    const figures = {
      intervalMs: INTERVAL_MS,
      idleSeconds: IDLE_SECONDS,
      fits: FITS,
      fitMs: fitMs.map(Math.round),
      poolThreads: server.app.cpuPool?.threads ?? null,
      datasets: summary('datasets'),
      runWhatIf: summary('runWhatIf'),
      loadAverage1m: loadavg()[0],
      target: 'during a fit, p99 <= 2x idle p99 and <= 100 ms',
    };
    recordBenchResults('serving', figures);
    process.stderr.write(`serving: ${JSON.stringify(figures, null, 2)}\n`);
  } finally {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
