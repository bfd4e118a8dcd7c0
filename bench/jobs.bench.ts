/**
 * The scheduler's exactly-once claim under contention: two "processes" (two connection
 * pools on one embedded PostgreSQL) race to claim the same fire times.
 * - claim latency: one claim (INSERT into job_runs, won, or lost with 23505), each instance
 *   claiming one fire time at a time;
 * - claim throughput: fire times decided per second with both racing;
 * - tick: two Scheduler instances ticking 200 schedules at the same instants (jobs that do
 *   nothing, so the figure is the scheduler's own cost: fire-time search, claim, bookkeeping).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDataSource } from '../ormconfig';
import { Scheduler } from '../jobs';
import { claimRun } from '../src/jobs/runs';
import { loadConfig } from '../src/config';
import { migrate } from '../src/db/database';
import { startEmbeddedPostgres } from '../src/db/embeddedPostgres';
import { createLogger } from '../src/logger';
import { recordBenchResults, timingSummary } from './record';

const SCHEDULES = 200;
const FIRE_TIMES = 10;
const TICK_ROUNDS = 10;

export async function run(): Promise<void> {
  const log = createLogger({ level: 'warn', destination: 'stderr' });
  const dir = mkdtempSync(join(tmpdir(), 'mixwise-bench-jobs-'));
  const server = await startEmbeddedPostgres(dir, log);
  const pools = [createDataSource(server.url, { poolSize: 10 }), createDataSource(server.url, { poolSize: 10 })];
  try {
    await Promise.all(pools.map((p) => p.initialize()));
    await migrate(pools[0], log);
    const [{ id: datasetId }]: Array<{ id: string }> = await pools[0].query(`INSERT INTO datasets (name, kpi_name) VALUES ('bench', 'kpi') RETURNING id`);
    const schedules: Array<{ id: string }> = await pools[0].query(
      `INSERT INTO job_schedules (kind, cron, dataset_id, updated_at) SELECT 'dataQuality', '* * * * *', $1, '2030-01-01' FROM generate_series(1, $2) RETURNING id`,
      [datasetId, SCHEDULES],
    );

    // Raw claims: both pools race for every (schedule, fire time).
    const latencies: number[] = [];
    let won = 0;
    const started = performance.now();
    for (let f = 0; f < FIRE_TIMES; f++) {
      const fireTime = new Date(Date.UTC(2030, 0, 1, 0, f));
      // Each instance claims one fire time at a time, as a scheduler does; both go through the same list at once.
      await Promise.all(
        pools.map(async (ds, i) => {
          for (const s of schedules) {
            const t0 = performance.now();
            const claimed = await claimRun(ds, { scheduleId: s.id, kind: 'dataQuality', datasetId, fireTime, trigger: 'schedule', options: {}, slackChannel: null }, `bench-${i}`);
            latencies.push(performance.now() - t0);
            if (claimed) won += 1;
          }
        }),
      );
    }
    const claimSeconds = (performance.now() - started) / 1000;
    if (won !== SCHEDULES * FIRE_TIMES) throw new Error(`expected ${SCHEDULES * FIRE_TIMES} won claims, got ${won}`);
    await pools[0].query('DELETE FROM job_runs');

    // Whole scheduler ticks, two instances at the same instants, jobs that return at once.
    const noop = { parseOptions: () => ({}), run: () => Promise.resolve({ status: 'succeeded' as const, output: {} }) };
    const config = loadConfig({});
    const clock = { now: new Date(Date.UTC(2030, 0, 2, 0, 0)) };
    const schedulers = pools.map((ds, i) => new Scheduler({ ds, log, config }, { now: () => clock.now, useCron: false, pollIntervalMs: 0, slack: null, owner: `tick-${i}`, kinds: { dataQuality: noop } }));
    await Promise.all(schedulers.map((s) => s.refresh()));
    const tickMs: number[] = [];
    for (let r = 0; r < TICK_ROUNDS; r++) {
      clock.now = new Date(Date.UTC(2030, 0, 2, 0, r + 1));
      const t0 = performance.now();
      await Promise.all(schedulers.map((s) => s.tick()));
      tickMs.push(performance.now() - t0);
    }
    await Promise.all(schedulers.map((s) => s.stop()));
    const [{ runs }]: Array<{ runs: string }> = await pools[0].query(`SELECT count(*) AS runs FROM job_runs`);
    if (Number(runs) !== SCHEDULES * TICK_ROUNDS) throw new Error(`expected ${SCHEDULES * TICK_ROUNDS} runs, got ${runs}`);

    recordBenchResults('jobs', {
      schedules: SCHEDULES,
      instances: 2,
      claim: { ...timingSummary(latencies), fireTimesPerSecond: Math.round((SCHEDULES * FIRE_TIMES) / claimSeconds), attempts: latencies.length },
      tick: { ...timingSummary(tickMs), fireTimesPerSecond: Math.round((SCHEDULES * TICK_ROUNDS * 1000) / tickMs.reduce((s, x) => s + x, 0)) },
    });
  } finally {
    await Promise.all(pools.map((p) => (p.isInitialized ? p.destroy() : undefined)));
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
