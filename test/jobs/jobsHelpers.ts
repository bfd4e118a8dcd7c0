import type { DataSource } from 'typeorm';
import { loadConfig } from '../../src/config';
import type { WeeklyData } from '../../src/data/weeklyData';
import { createLogger } from '../../src/logger';
import { serializeModel, type MmmModel } from '../../src/mmm';
import type { AppContext } from '../../src/services/appContext';
import { upsertWeeklyData } from '../../src/services/datasets';
import type { FakeSlack } from '../../testkit/helpers/fakeSlack';
import { slackJobNotifier } from '../../bot/jobNotifier';

/** An app context over a test database whose Slack client talks to the fake. */
export function testApp(ds: DataSource, slack: FakeSlack): AppContext {
  const config = loadConfig({});
  config.slack = { ...config.slack, botToken: 'xoxb-test', apiUrl: slack.apiUrl };
  return { ds, log: createLogger({ level: process.env.TEST_LOG_LEVEL ?? 'silent' }), config, jobNotifier: slackJobNotifier(config) };
}

/**
 * Weeks from 2029-01-01 with steady spend on three channels, except that radio stops for
 * the last `radioStoppedWeeks` weeks: the data-quality check must say so, nothing else.
 */
export function steadyWeeks(weeks: number, radioStoppedWeeks = 0): WeeklyData {
  const dates = Array.from({ length: weeks }, (_, i) => new Date(Date.UTC(2029, 0, 1) + i * 7 * 86_400_000).toISOString().slice(0, 10));
  const wave = (i: number, base: number) => base * (1 + 0.1 * Math.sin(i / 3));
  return {
    dates,
    kpiName: 'revenue',
    kpi: dates.map((_, i) => 100_000 + 2 * wave(i, 10_000)),
    channels: ['tv', 'search', 'radio'],
    spend: {
      tv: dates.map((_, i) => wave(i, 10_000)),
      search: dates.map((_, i) => wave(i + 1, 5_000)),
      radio: dates.map((_, i) => (i >= weeks - radioStoppedWeeks ? 0 : wave(i + 2, 2_000))),
    },
    controls: [],
    controlValues: {},
  };
}

export async function insertDataset(ds: DataSource, name: string, data: WeeklyData): Promise<string> {
  const { dataset } = await ds.transaction((tx) => upsertWeeklyData(tx, name, data));
  return dataset.id;
}

/** A UTC instant: utc('2030-01-07 09:00'). */
export const utc = (text: string) => new Date(`${text.replace(' ', 'T')}:00Z`);

export { firstWeeks } from '../../src/data/weeklyData';

/** Stores a fitted model as the dataset's production model, as training and promotion would. */
export async function insertProductionModel(ds: DataSource, datasetId: string, model: MmmModel, trainedAt = new Date()): Promise<string> {
  const rows: Array<{ id: string }> = await ds.query(
    `INSERT INTO model_versions (dataset_id, status, document, hyperparameters, metrics, holdout_weeks, weeks_used, trained_through, trained_at, promoted_at, created_by)
     VALUES ($1, 'production', $2, $3, $4, $5, $6, $7, $8, $8, 'test') RETURNING id`,
    [datasetId, serializeModel(model), JSON.stringify(model.hyperparameters), JSON.stringify(model.metrics), model.holdoutWeeks, model.data.dates.length, model.data.dates.at(-1), trainedAt],
  );
  return rows[0].id;
}

/**
 * Puts a run inserted by hand on the job queue as a killed instance leaves it: its queue job
 * locked by a worker that no longer exists, with the attempts it used.
 */
export async function heldByDeadWorker(ds: DataSource, runId: string, attempts: number, workerId = 'worker-dead'): Promise<void> {
  await ds.query(`UPDATE job_runs SET worker_id = $2 WHERE id = $1`, [runId, workerId]);
  await ds.query(`SELECT graphile_worker.add_job('mixwise_run', json_build_object('runId', $1::uuid), max_attempts => 2, job_key => 'mixwise_run:' || $1)`, [runId]);
  await ds.query(`UPDATE graphile_worker._private_jobs SET locked_at = now() - interval '1 hour', locked_by = $2, attempts = $3 WHERE key = 'mixwise_run:' || $1`, [runId, workerId, attempts]);
}

/** Resolves once no run is queued or running (wherever they run). */
export async function runsSettled(ds: DataSource, timeoutMs = 30_000): Promise<void> {
  const started = Date.now();
  for (;;) {
    const [{ pending }]: Array<{ pending: number }> = await ds.query(`SELECT count(*)::int AS pending FROM job_runs WHERE status IN ('queued', 'running')`);
    if (pending === 0) return;
    if (Date.now() - started > timeoutMs) throw new Error(`${pending} job runs still queued or running after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
