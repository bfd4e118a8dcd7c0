import { createReadStream, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type WeeklyRow, checkDataQuality, readWeeklyCsv, streamWeeklyCsv } from '../../src/data';

const DEMO = join(__dirname, '..', '..', 'data', 'demo_weekly.csv');

/** The demo file read the plainest way (it has no quotes, separators or currency signs). */
function demoColumns(): Record<string, string[]> {
  const [header, ...lines] = readFileSync(DEMO, 'utf8').trim().split('\n');
  const names = header.split(',');
  const cells = lines.map((line) => line.split(','));
  return Object.fromEntries(names.map((name, i) => [name, cells.map((row) => row[i])]));
}

describe('data/demo_weekly.csv round trip', () => {
  const file = demoColumns();

  it('reads 156 weeks, 5 channels and 2 controls with the values in the file', async () => {
    const { data, rowsRead, warnings, mapping } = await readWeeklyCsv(DEMO);
    expect(rowsRead).toBe(156);
    expect(warnings).toEqual([]);
    expect(mapping.unmapped).toEqual([]);
    expect(data.dates).toEqual(file.date);
    expect(data.kpiName).toBe('kpi');
    expect(data.kpi).toEqual(file.kpi.map(Number));
    expect(data.channels).toEqual(['tv', 'search', 'social', 'display', 'radio']);
    for (const channel of data.channels) expect(data.spend[channel]).toEqual(file[`${channel}_spend`].map(Number));
    expect(data.controls).toEqual(['holiday', 'promo']);
    for (const control of data.controls) expect(data.controlValues[control]).toEqual(file[control].map(Number));
  });

  it('streams the same rows in batches, numbered as a spreadsheet shows them', async () => {
    const batches: WeeklyRow[][] = [];
    const report = await streamWeeklyCsv(createReadStream(DEMO), undefined, async (rows) => void batches.push(rows), 50);
    expect(batches.map((b) => b.length)).toEqual([50, 50, 50, 6]);
    const rows = batches.flat();
    expect(rows.map((r) => r.row)).toEqual(Array.from({ length: 156 }, (_, i) => i + 2));
    expect(rows.map((r) => r.spend.tv)).toEqual(file.tv_spend.map(Number));
    expect(report).toMatchObject({ rowsRead: 156, problems: [], problemsNotListed: 0, firstDate: file.date[0], lastDate: file.date[155] });
  });

  it('finds no gaps, duplicates or stopped channels in the demo data', async () => {
    const { data } = await readWeeklyCsv(DEMO);
    const kinds = new Set(checkDataQuality(data).findings.map((f) => f.kind));
    for (const kind of ['missingWeek', 'duplicateWeek', 'unorderedWeek', 'negativeSpend', 'nonNumericValue', 'neverSpent', 'stoppedSpending'] as const) {
      expect(kinds.has(kind)).toBe(false);
    }
  });
});
