import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { CsvRejected, readWeeklyCsv } from '../../src/data';
import { runMmm } from '../../testkit/helpers/processes';

/** CSV headers no weekly export has: refused at the header, with a short message, before anything else. */
const dir = mkdtempSync(join(tmpdir(), 'mixwise-csv-hostile-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function rejection(csv: string): Promise<CsvRejected> {
  const err = await readWeeklyCsv(Readable.from([csv])).then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(CsvRejected);
  return err as CsvRejected;
}

describe('CSV header limits', () => {
  it('more than 1,000 columns', async () => {
    const header = ['date', 'kpi', ...Array.from({ length: 1_200 }, (_, i) => `c${i}_spend`)].join(',');
    const err = await rejection(`${header}\n2024-01-01,1${',1'.repeat(1_200)}\n`);
    expect(err.problems).toEqual([{ row: 1, column: null, message: 'The header has 1,202 columns; a weekly export has at most 1,000 (date, KPI, spend per channel, controls)' }]);
  });

  it('a column name of 5,000 characters', async () => {
    const err = await rejection(`date,kpi,${'x'.repeat(5_000)}\n2024-01-01,1,2\n`);
    expect(err.problems[0].message).toBe('Column 3 of the header is named with 5,000 characters; names are at most 200');
  });

  it('a row past 1 MB is refused while it is read', async () => {
    const err = await rejection(`date,kpi,tv_spend\n2024-01-01,1,${'9'.repeat(1_100_000)}\n`);
    expect(err.problems[0].message).toMatch(/This row is longer than 1,000,000 characters/);
  });

  it('`mmm fit` on a 1,000,000-column header exits non-zero with one short JSON error', async () => {
    const file = join(dir, 'wide.csv');
    writeFileSync(file, `date,kpi,${Array.from({ length: 1_000_000 }, (_, i) => `c${i}`).join(',')}\n`);
    const run = await runMmm(['fit', '--csv', file, '--date', 'date', '--kpi', 'kpi', '--channels', 'c0,c1', '--json']);
    expect(run.code).not.toBe(0);
    expect(run.stdout.length).toBeLessThan(2_000);
    const out = JSON.parse(run.stdout) as { error: { message: string; problems: Array<{ row: number; message: string }> } };
    expect(JSON.stringify(out.error)).toMatch(/longer than 1,000,000 characters|at most 1,000/);
  });
});
