import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CsvRejected, readWeeklyCsv } from '../../src/data';
import { Dataset } from '../../src/entities';
import { createLogger } from '../../src/logger';
import type { AppContext } from '../../src/services/appContext';
import { loadWeeklyData } from '../../src/services/datasets';
import { ingestCsv } from '../../src/services/ingest';
import { loadConfig } from '../../src/config';
import { createTestDatabase, type TestDatabase } from '../helpers/database';
import { runMmm } from '../../testkit/helpers/processes';

const DEMO = join(__dirname, '..', '..', 'data', 'demo_weekly.csv');
const demoLines = readFileSync(DEMO, 'utf8').trim().split('\n');

let db: TestDatabase;
let app: AppContext;
beforeAll(async () => {
  db = await createTestDatabase();
  app = { ds: db.ds, log: createLogger({ level: 'silent' }), config: loadConfig({}) };
});
afterAll(async () => db.drop());

/** Everything a failed ingest must leave untouched, as one comparable value. */
async function snapshot(): Promise<string> {
  const rows = await db.ds.query(
    `SELECT (SELECT json_agg(d ORDER BY d.name) FROM (SELECT name, kpi_name, control_names, new_weeks_since_training, stale_since FROM datasets) d) AS datasets,
            (SELECT json_agg(c ORDER BY c.key, c.dataset_id) FROM (SELECT dataset_id, key FROM channels) c) AS channels,
            (SELECT json_agg(o ORDER BY o.dataset_id, o.week) FROM (SELECT dataset_id, week, kpi, spend, controls FROM observations) o) AS observations`,
  );
  return JSON.stringify(rows[0]);
}

describe('ingestCsv', () => {
  it('round-trips the demo file: what is stored is what the file says', async () => {
    const result = await ingestCsv(app, { csv: DEMO, dataset: 'roundtrip' });
    expect(result).toMatchObject({ dataset: 'roundtrip', rowsRead: 156, weeksUpserted: 156, newWeeks: 156 });
    const stored = await loadWeeklyData(db.ds, result.datasetId);
    const { data } = await readWeeklyCsv(DEMO);
    expect(stored).toEqual(data);
  });

  it('keys and names the channels of a file as `mmm fit` does for the same file: one naming at every door', { timeout: 120_000 }, async () => {
    const result = await ingestCsv(app, { csv: DEMO, dataset: 'named-like-the-cli' });
    const stored = (await db.ds.query('SELECT key, display_name, aliases, channel_group AS "group" FROM channels WHERE dataset_id = $1 ORDER BY position', [result.datasetId])) as Array<{
      key: string;
      display_name: string;
      aliases: string[];
      group: string | null;
    }>;
    const fit = await runMmm(['fit', '--csv', DEMO, '--date', 'date', '--kpi', 'kpi', '--channels', 'tv_spend,search_spend,social_spend,display_spend,radio_spend', '--effort', 'quick', '--json']);
    expect(fit.code, fit.stderr).toBe(0);
    const cli = (JSON.parse(fit.stdout) as { channelNames: Record<string, { displayName: string; aliases: string[]; group: string | null }> }).channelNames;
    expect(stored.map((c) => c.key)).toEqual(Object.keys(cli));
    for (const c of stored) expect({ displayName: c.display_name, aliases: c.aliases, group: c.group }).toEqual(cli[c.key]);
    expect(cli.search).toEqual({ displayName: 'Search', aliases: [], group: 'digital' });
  });

  it('upserts by week: sending the same weeks again adds nothing, changed weeks update', async () => {
    const again = await ingestCsv(app, { csv: DEMO, dataset: 'roundtrip' });
    expect(again.newWeeks).toBe(0);
    const changed = [demoLines[0], demoLines[1].replace(/^(2022-01-03),[0-9.]+/, '$1,123456')].join('\n');
    await ingestCsv(app, { csv: { text: changed }, dataset: 'roundtrip' });
    const stored = await loadWeeklyData(db.ds, again.datasetId);
    expect(stored.dates).toHaveLength(156);
    expect(stored.kpi[0]).toBe(123456);
  });

  it('new weeks mark the production model stale and count towards retraining', async () => {
    const first = await ingestCsv(app, { csv: { text: demoLines.slice(0, 101).join('\n') }, dataset: 'stale' });
    await db.ds.query(`INSERT INTO model_versions (dataset_id, status, document) VALUES ($1, 'production', '{}')`, [first.datasetId]);
    const before = await db.ds.getRepository(Dataset).findOneByOrFail({ id: first.datasetId });
    expect(before.staleSince).toBeNull();
    const next = await ingestCsv(app, { csv: { text: [demoLines[0], ...demoLines.slice(101, 105)].join('\n') }, dataset: 'stale' });
    expect(next.newWeeks).toBe(4);
    const after = await db.ds.getRepository(Dataset).findOneByOrFail({ id: first.datasetId });
    expect(after.staleSince).not.toBeNull();
    expect(after.newWeeksSinceTraining).toBe(100 + 4);
  });

  it('any row-wise corruption rejects the file, names the row, and changes nothing', async () => {
    const header = demoLines[0].split(',');
    const badValues = ['-5', 'abc', '', '12/45/2022', 'n/a'];
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 40 }), fc.integer({ min: 0, max: header.length - 3 }), fc.constantFrom(...badValues), async (line, column, bad) => {
        const columnName = header[column];
        // A bad date is only bad in the date column; a text is bad anywhere numeric.
        if (bad === '12/45/2022' && column !== 0) return;
        if (bad === '-5' && !columnName.endsWith('_spend')) return;
        const rows = demoLines.slice(0, 41).map((l) => l.split(','));
        rows[line][column] = bad;
        const before = await snapshot();
        const error = await ingestCsv(app, { csv: { text: rows.map((r) => r.join(',')).join('\n') }, dataset: 'roundtrip' }).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(CsvRejected);
        const problems = (error as CsvRejected).problems;
        expect(problems.some((p) => p.row === line + 1)).toBe(true);
        expect(await snapshot()).toBe(before);
      }),
      { numRuns: 25, seed: 7 },
    );
  });

  it('a new dataset from a rejected file is not created', async () => {
    const rows = demoLines.slice(0, 30).map((l) => l.split(','));
    rows[20][2] = '-1'; // tv_spend
    await expect(ingestCsv(app, { csv: { text: rows.map((r) => r.join(',')).join('\n') }, dataset: 'never' })).rejects.toBeInstanceOf(CsvRejected);
    expect(await db.ds.getRepository(Dataset).countBy({ name: 'never' })).toBe(0);
  });
});

describe('mmm ingest', () => {
  it('prints the ingest result as one JSON document', async () => {
    const run = await runMmm(['ingest', '--csv', DEMO, '--dataset', 'from-cli', '--json'], { DATABASE_URL: db.url });
    expect(run.code, run.stderr).toBe(0);
    const out = JSON.parse(run.stdout) as { dataset: string; rowsRead: number; weeksUpserted: number; quality: { findings: unknown[] } };
    expect(out).toMatchObject({ dataset: 'from-cli', rowsRead: 156, weeksUpserted: 156 });
    expect(Array.isArray(out.quality.findings)).toBe(true);
  });

  it('a rejected file exits non-zero with the problems by spreadsheet row and changes nothing', async () => {
    const { writeFileSync, mkdtempSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const file = join(mkdtempSync(join(tmpdir(), 'mixwise-csv-')), 'bad.csv');
    const rows = demoLines.slice(0, 20).map((l) => l.split(','));
    rows[5][2] = '-100'; // tv_spend on spreadsheet row 6
    writeFileSync(file, rows.map((r) => r.join(',')).join('\n'));
    const before = await snapshot();
    const run = await runMmm(['ingest', '--csv', file, '--dataset', 'from-cli', '--json'], { DATABASE_URL: db.url });
    expect(run.code).not.toBe(0);
    const out = JSON.parse(run.stdout) as { error: { message: string; problems: Array<{ row: number; column: string; message: string }> } };
    expect(out.error.problems).toContainEqual(expect.objectContaining({ row: 6, column: 'tv_spend' }));
    expect(await snapshot()).toBe(before);
  });
});
