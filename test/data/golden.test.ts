import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type CsvProblem, CsvRejected, type MappingInput, type WeeklyRow, readWeeklyCsv, streamWeeklyCsv } from '../../src/data';

/**
 * One small CSV per class of bad input, next to the problems it must produce
 * (`name.csv` + `name.expected.json`). The expectations were written from how each file was
 * broken, so a change in wording or row numbering shows up here.
 */
const GOLDEN = join(__dirname, 'golden');

interface Expected {
  explicit?: Partial<MappingInput>;
  problems: CsvProblem[];
  notListed?: number;
}

const cases = readdirSync(GOLDEN)
  .filter((f) => f.endsWith('.csv'))
  .map((f) => f.replace(/\.csv$/, ''));

async function rejection(promise: Promise<unknown>): Promise<CsvRejected> {
  try {
    await promise;
  } catch (err) {
    if (err instanceof CsvRejected) return err;
    throw err;
  }
  throw new Error('the file was accepted');
}

describe('golden files', () => {
  it('cover every error class', () => {
    expect(cases.length).toBeGreaterThanOrEqual(20);
  });

  it.each(cases)('%s', async (name) => {
    const expected = JSON.parse(readFileSync(join(GOLDEN, `${name}.expected.json`), 'utf8')) as Expected;
    const file = join(GOLDEN, `${name}.csv`);
    if (expected.problems.length === 0) {
      await expect(readWeeklyCsv(file, expected.explicit)).resolves.toBeDefined();
      return;
    }
    const err = await rejection(readWeeklyCsv(file, expected.explicit));
    expect(err.problems).toEqual(expected.problems);
    expect(err.notListed).toBe(expected.notListed ?? 0);
    expect(err.message).toContain(`row ${expected.problems[0].row}`);
  });

  it.each(cases)('%s: streaming never hands over a row with a problem', async (name) => {
    const expected = JSON.parse(readFileSync(join(GOLDEN, `${name}.expected.json`), 'utf8')) as Expected;
    const handedOver: WeeklyRow[] = [];
    const report = await streamWeeklyCsv(join(GOLDEN, `${name}.csv`), expected.explicit, async (rows) => void handedOver.push(...rows), 2).catch(
      (err: unknown) => {
        // Header problems are thrown before any batch.
        expect(err).toBeInstanceOf(CsvRejected);
        return null;
      },
    );
    if (report === null) {
      expect(handedOver).toEqual([]);
      return;
    }
    expect(report.problems).toEqual(expected.problems);
    const badRows = new Set(expected.problems.map((p) => p.row));
    expect(handedOver.filter((r) => badRows.has(r.row))).toEqual([]);
  });
});
