import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../helpers/database';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => db.drop());

async function insertDataset(name: string): Promise<string> {
  const rows: Array<{ id: string }> = await db.ds.query(`INSERT INTO datasets (name, kpi_name) VALUES ($1, 'kpi') RETURNING id`, [name]);
  return rows[0].id;
}

/** Postgres error code and constraint name of a failed statement. */
async function violation(sql: string, params: unknown[]): Promise<{ code: string; constraint?: string }> {
  try {
    await db.ds.query(sql, params);
  } catch (err) {
    const e = err as { code: string; constraint?: string; driverError?: { code: string; constraint?: string } };
    return { code: e.driverError?.code ?? e.code, constraint: e.driverError?.constraint ?? e.constraint };
  }
  throw new Error('statement unexpectedly succeeded');
}

describe('the migrated schema keeps data whole', () => {
  it('creates every table of the domain', async () => {
    const rows: Array<{ table_name: string }> = await db.ds.query(`SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'`);
    const tables = rows.map((r) => r.table_name);
    for (const t of ['datasets', 'channels', 'observations', 'model_versions', 'scenarios', 'notebooks', 'job_schedules', 'job_runs', 'digests', 'api_keys']) {
      expect(tables).toContain(t);
    }
  });

  it('allows one observation per dataset and week', async () => {
    const id = await insertDataset('weeks');
    await db.ds.query(`INSERT INTO observations (dataset_id, week, kpi, spend) VALUES ($1, '2024-01-01', 1, '{}')`, [id]);
    expect(await violation(`INSERT INTO observations (dataset_id, week, kpi, spend) VALUES ($1, '2024-01-01', 2, '{}')`, [id])).toEqual({
      code: '23505',
      constraint: 'observations_dataset_week_unique',
    });
  });

  it('allows one production model per dataset, and never one without a document', async () => {
    const id = await insertDataset('models');
    await db.ds.query(`INSERT INTO model_versions (dataset_id, status, document) VALUES ($1, 'production', '{}')`, [id]);
    expect(await violation(`INSERT INTO model_versions (dataset_id, status, document) VALUES ($1, 'production', '{}')`, [id])).toEqual({
      code: '23505',
      constraint: 'model_versions_one_production',
    });
    expect((await violation(`INSERT INTO model_versions (dataset_id, status) VALUES ($1, 'production')`, [id])).code).toBe('23514');
  });

  it('allows one job run per schedule and fire time', async () => {
    const id = await insertDataset('jobs');
    const [schedule]: Array<{ id: string }> = await db.ds.query(`INSERT INTO job_schedules (kind, cron, dataset_id) VALUES ('digest', '0 9 * * 1', $1) RETURNING id`, [id]);
    const insertRun = `INSERT INTO job_runs (schedule_id, kind, dataset_id, fire_time, status) VALUES ($1, 'digest', $2, '2026-01-05T09:00:00Z', 'running')`;
    await db.ds.query(insertRun, [schedule.id, id]);
    expect(await violation(insertRun, [schedule.id, id])).toEqual({ code: '23505', constraint: 'job_runs_schedule_fire_time_unique' });
  });

  it('allows one digest per dataset, Slack channel and ISO week', async () => {
    const id = await insertDataset('digests');
    const insert = `INSERT INTO digests (dataset_id, slack_channel, iso_week, content) VALUES ($1, 'C1', '2026-W02', '{}')`;
    await db.ds.query(insert, [id]);
    expect(await violation(insert, [id])).toEqual({ code: '23505', constraint: 'digests_dataset_channel_week_unique' });
  });

  it('refuses rows that point at nothing', async () => {
    expect(
      (await violation(`INSERT INTO channels (dataset_id, key, display_name) VALUES ('00000000-0000-0000-0000-000000000000', 'tv', 'TV')`, [])).code,
    ).toBe('23503');
  });
});
