import { describe, expect, it } from 'vitest';
import { fitWithHyperparameters, ModelInputError } from '../../src/mmm';
import type { WeeklyData } from '../../src/data/weeklyData';
import { loadDemoWeekly, loadDemoTruth, truthHyperparameters } from '../../testkit/mmm/demoData';

const demo = loadDemoWeekly();
const hyper = truthHyperparameters(loadDemoTruth().channels);

function problemsOf(data: WeeklyData, holdoutWeeks = 0) {
  try {
    fitWithHyperparameters(data, hyper, { holdoutWeeks, bootstrapDraws: 0 });
  } catch (error) {
    expect(error).toBeInstanceOf(ModelInputError);
    return (error as ModelInputError).problems;
  }
  throw new Error('expected a ModelInputError');
}

const edited = (edit: (d: WeeklyData) => void): WeeklyData => {
  const copy = structuredClone(demo);
  edit(copy);
  return copy;
};

describe('model input validation', () => {
  it('rejects a holdout that leaves too few training weeks', () => {
    expect(problemsOf(demo, 120)).toEqual([expect.objectContaining({ message: expect.stringMatching(/156 weeks with a 120-week holdout leaves 36/) })]);
  });

  it('names a channel that never spends', () => {
    const problems = problemsOf(edited((d) => (d.spend.radio = d.spend.radio.map(() => 0))));
    expect(problems).toEqual([expect.objectContaining({ column: 'radio', message: expect.stringMatching(/never spends/) })]);
  });

  it('names column and spreadsheet row of non-finite and negative values', () => {
    const problems = problemsOf(
      edited((d) => {
        d.kpi[3] = NaN;
        d.spend.tv[10] = -5;
        d.controlValues.promo[0] = Infinity;
      }),
    );
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ column: 'kpi', row: 5 }),
        expect.objectContaining({ column: 'tv', row: 12, message: expect.stringMatching(/negative/) }),
        expect.objectContaining({ column: 'promo', row: 2 }),
      ]),
    );
  });

  it('names duplicated and descending dates', () => {
    const problems = problemsOf(
      edited((d) => {
        d.dates[5] = d.dates[4];
        d.dates[20] = '2021-01-01';
      }),
    );
    expect(problems).toEqual([
      expect.objectContaining({ row: 7, column: 'date', message: expect.stringMatching(/repeats row 6/) }),
      expect.objectContaining({ row: 22, column: 'date', message: expect.stringMatching(/must ascend/) }),
    ]);
  });

  it('says which hyperparameter is bad', () => {
    const bad = structuredClone(hyper);
    bad.channels.tv.adstock.decay = 2;
    expect(() => fitWithHyperparameters(demo, bad)).toThrow(/hyperparameters\.channels\.tv.*adstock\.decay/);
  });
});
