/**
 * The baseline chosen by rolling-origin CV (src/mmm/baselineChoice.ts), on simulated data whose
 * baseline is known: the simulator's own (two harmonics, straight trend), and the same data with
 * a harmonic or a trend bend added that the incumbent baseline cannot follow.
 */
import { describe, expect, it } from 'vitest';
import type { WeeklyData } from '../../src/data/weeklyData';
import { baselineCandidates, chooseBaseline, INCUMBENT, pilotTransforms, trendChangepoints, CHANGEPOINT_RANGE, CHANGEPOINT_SPACING_WEEKS } from '../../src/mmm/baselineChoice';
import { DEFAULT_MAX_LAG, yearsSince } from '../../src/mmm/design';
import { FitEngine, PLAIN_BASELINE, wholeSampleScheme, type BaselineForm } from '../../src/mmm/engine';
import { fitMetrics } from '../../src/mmm/fit';
import { TRANSFORM_RIDGE } from '../../src/mmm/search';
import { simulateDataSet, trueHyperparameters } from '../../testkit/simulate';

const HOLDOUT = 13;
const families = { adstock: 'geometric', saturation: 'hill', maxLag: DEFAULT_MAX_LAG } as const;

function choose(data: WeeklyData) {
  return chooseBaseline(data, HOLDOUT, pilotTransforms(data, data.dates.length - HOLDOUT, families, TRANSFORM_RIDGE), TRANSFORM_RIDGE);
}

/** The data set with `extra(years)` added to every week's KPI. */
function withAdded(data: WeeklyData, extra: (years: number) => number): WeeklyData {
  return { ...data, kpi: data.kpi.map((y, t) => y + extra(yearsSince(data.dates[0], data.dates[t]))) };
}

const meanKpi = (data: WeeklyData) => data.kpi.reduce((s, y) => s + y, 0) / data.kpi.length;

/** Holdout MAPE of a least-squares fit with the true transforms and the given baseline. */
function holdoutMapeWith(data: WeeklyData, hyper: ReturnType<typeof trueHyperparameters>, fourierOrder: number, form: BaselineForm): number {
  const engine = new FitEngine(data, HOLDOUT, fourierOrder, form);
  engine.setTransforms(hyper);
  const beta = engine.coefficients(wholeSampleScheme(engine.trainingWeeks), 0);
  return fitMetrics(data.kpi, engine.predict(beta), engine.trainingWeeks).holdoutMape!;
}

describe('trend changepoints', () => {
  it('lie every 26 weeks inside the first 80% of the training weeks', () => {
    const { data } = simulateDataSet(1, { weeks: 156, channelCount: 3 });
    const training = 156 - HOLDOUT;
    const points = trendChangepoints(data.dates, training);
    const expectedWeeks: number[] = [];
    for (let t = CHANGEPOINT_SPACING_WEEKS; t <= CHANGEPOINT_RANGE * (training - 1); t += CHANGEPOINT_SPACING_WEEKS) expectedWeeks.push(t);
    expect(expectedWeeks).toEqual([26, 52, 78, 104]);
    points.forEach((p, k) => expect(p).toBeCloseTo((expectedWeeks[k] * 7) / 365.25, 10));
  });

  it('leave a short data set with a straight trend only', () => {
    const { data } = simulateDataSet(2, { weeks: 40, channelCount: 2 });
    expect(trendChangepoints(data.dates, 40 - HOLDOUT)).toEqual([]);
    expect(baselineCandidates([2], false, true).every((c) => c.trendPenalty === null)).toBe(true);
  });
});

describe('choosing the baseline', () => {
  it('keeps the incumbent on data sets whose true baseline is the incumbent (two harmonics, straight trend)', () => {
    for (const seed of [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]) {
      const chosen = choose(simulateDataSet(seed).data);
      expect({ seed, fourierOrder: chosen.fourierOrder, trendPenalty: chosen.trendPenalty, controlsPenalty: chosen.controlsPenalty }).toEqual({ seed, ...INCUMBENT });
    }
  });

  it('never looks at the holdout: changing its KPI changes nothing', () => {
    const { data } = simulateDataSet(3);
    const scrambled = { ...data, kpi: data.kpi.map((y, t) => (t >= data.kpi.length - HOLDOUT ? y * (t % 2 ? 3 : 0.1) : y)) };
    expect(choose(scrambled)).toEqual(choose(data));
  });

  it('adds harmonics when the season has a sharper feature than two harmonics can draw', () => {
    const simulated = simulateDataSet(5, { weeks: 156 });
    const amplitude = 0.08 * meanKpi(simulated.data);
    const data = withAdded(simulated.data, (y) => amplitude * Math.sin(2 * Math.PI * 5 * y));
    const chosen = choose(data);
    expect(chosen.fourierOrder).toBeGreaterThanOrEqual(5);
    const hyper = trueHyperparameters(simulated.channels);
    expect(holdoutMapeWith(data, hyper, chosen.fourierOrder, chosen.form)).toBeLessThan(holdoutMapeWith(data, hyper, INCUMBENT.fourierOrder, PLAIN_BASELINE));
  });

  it('bends the trend when the data bend, and then predicts the holdout better than a straight trend', () => {
    const simulated = simulateDataSet(4, { weeks: 156 });
    const bend = yearsSince(simulated.data.dates[0], simulated.data.dates[60]);
    const slopeChange = -0.3 * meanKpi(simulated.data);
    const data = withAdded(simulated.data, (y) => slopeChange * Math.max(0, y - bend));
    const chosen = choose(data);
    expect(chosen.trendPenalty).not.toBeNull();
    expect(chosen.form.trendChangepoints.length).toBeGreaterThan(0);
    const hyper = trueHyperparameters(simulated.channels);
    const straight = { ...chosen.form, trendChangepoints: [], trendPenalty: 0 };
    expect(holdoutMapeWith(data, hyper, chosen.fourierOrder, chosen.form)).toBeLessThan(holdoutMapeWith(data, hyper, chosen.fourierOrder, straight));
  });
});
