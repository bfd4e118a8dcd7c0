/**
 * Model documents across the baseline change: a document written before the baseline was chosen
 * (straight trend, no baseline record) still loads and gives the figures its own code computed;
 * a document with a bending trend round-trips and forecasts with the trend's last slope.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { decomposition, fitModel, forecast, MmmModel, parseModel, serializeModel } from '../../src/mmm';
import { seasonalityAt, weekAfter, yearsSince } from '../../src/mmm/design';
import { simulateDataSet } from '../../testkit/simulate';

const FIXTURES = join(__dirname, 'fixtures');

describe('a model document written before the baseline was chosen', () => {
  const text = readFileSync(join(FIXTURES, 'model-before-baseline-choice.json'), 'utf8');
  const expected = JSON.parse(readFileSync(join(FIXTURES, 'model-before-baseline-choice.expected.json'), 'utf8')) as {
    fitted: number[];
    forecast: { plan: { weeklySpend: Record<string, number[]> }; kpi: number[]; drawKpiTotals: number[] };
  };

  it('has none of the later fields, and loads with the meaning it had: a straight trend, the families of its transforms, a given baseline', () => {
    const raw = JSON.parse(text) as Record<string, Record<string, unknown>>;
    expect(raw.trendChangepoints).toBeUndefined();
    expect(raw.coefficients.trendChanges).toBeUndefined();
    expect(raw.fit.baseline).toBeUndefined();
    const model = parseModel(text);
    expect(model.trendChangepoints).toEqual([]);
    expect(model.coefficients.trendChanges).toEqual([]);
    expect(model.draws.every((d) => d.coefficients.trendChanges.length === 0)).toBe(true);
    expect(model.fit.adstock).toBe('geometric');
    expect(model.fit.saturation).toBe('hill');
    expect(model.fit.baseline).toEqual({ chosenBy: 'given', fourierOrder: model.fourierOrder, trendPenalty: null, controlsPenalty: 0, cvMse: null });
  });

  it('gives the fitted values and forecast the code that wrote it computed', () => {
    const model = parseModel(text);
    decomposition(model).map((w) => w.fitted).forEach((y, t) => expect(y).toBeCloseTo(expected.fitted[t], 6));
    const f = forecast(model, expected.forecast.plan);
    f.kpi.forEach((y, h) => expect(y).toBeCloseTo(expected.forecast.kpi[h], 6));
    f.drawKpiTotals.forEach((y, d) => expect(y).toBeCloseTo(expected.forecast.drawKpiTotals[d], 5));
  });
});

describe('a model with a bending trend', () => {
  let model: MmmModel;
  beforeAll(async () => {
    // The simulator's data with the slope falling by 30% of the mean KPI per year from week 60 on.
    const { data } = simulateDataSet(4, { weeks: 156 });
    const bend = yearsSince(data.dates[0], data.dates[60]);
    const mean = data.kpi.reduce((s, y) => s + y, 0) / data.kpi.length;
    const kinked = { ...data, kpi: data.kpi.map((y, t) => y - 0.3 * mean * Math.max(0, yearsSince(data.dates[0], data.dates[t]) - bend)) };
    model = await fitModel(kinked, { holdoutWeeks: 13, search: 'quick', bootstrapDraws: 5 });
  }, 60_000);

  it('records its changepoints, one slope change each, and how the baseline was chosen', () => {
    expect(model.trendChangepoints.length).toBeGreaterThan(0);
    expect(model.coefficients.trendChanges).toHaveLength(model.trendChangepoints.length);
    expect(model.draws.every((d) => d.coefficients.trendChanges.length === model.trendChangepoints.length)).toBe(true);
    expect(model.fit.baseline.chosenBy).toBe('cross-validation');
    expect(model.fit.baseline.trendPenalty).not.toBeNull();
    // The slope after the last changepoint is falling, as the data's.
    const lastSlope = model.coefficients.trend + model.coefficients.trendChanges.reduce((s, x) => s + x, 0);
    expect(lastSlope).toBeLessThan(model.coefficients.trend);
  });

  it('round-trips exactly through JSON', () => {
    const copy = parseModel(serializeModel(model));
    expect(copy).toEqual(model);
    expect(serializeModel(copy)).toBe(serializeModel(model));
  });

  it('decomposes into parts that add up to the fitted values', () => {
    for (const week of decomposition(model)) {
      const parts = week.baseline + week.trend + week.seasonality + week.controls + Object.values(week.channels).reduce((s, x) => s + x, 0);
      expect(parts).toBeCloseTo(week.fitted, 4);
    }
  });

  it('forecasts with the trend continuing at its last slope from the last observed week', () => {
    // No spend: once carry-over has run out (8 lags), a forecast week is intercept + trend + seasonality.
    const weeks = 20;
    const plan = { weeklySpend: Object.fromEntries(model.channels.map((c) => [c, new Array<number>(weeks).fill(0)])) };
    const f = forecast(model, plan);
    const { dates } = model.data;
    const last = decomposition(model).at(-1)!;
    const lastYears = yearsSince(dates[0], dates.at(-1)!);
    const lastSlope = model.coefficients.trend + model.coefficients.trendChanges.reduce((s, x) => s + x, 0);
    for (let h = 10; h < weeks; h++) {
      const years = yearsSince(dates[0], weekAfter(dates.at(-1)!, h + 1));
      const expected = model.coefficients.intercept + last.trend + lastSlope * (years - lastYears) + seasonalityAt(model.fourierOrder, model.coefficients.seasonality, years);
      expect(f.kpi[h]).toBeCloseTo(expected, 4);
    }
  });
});

describe('the channel names a model document carries', () => {
  const text = readFileSync(join(FIXTURES, 'model-before-baseline-choice.json'), 'utf8');

  it('are optional (older documents have none), round-trip when given, and a bad one is named by its path', () => {
    const model = parseModel(text);
    expect(model.channelNames).toBeUndefined();
    const channelNames = Object.fromEntries(model.channels.map((key) => [key, { displayName: `The ${key}`, aliases: [`${key} ads`], group: null }]));
    expect(parseModel(serializeModel({ ...model, channelNames })).channelNames).toEqual(channelNames);
    const first = model.channels[0];
    const broken = { ...channelNames, [first]: { displayName: '', aliases: [], group: null } };
    expect(() => parseModel(serializeModel({ ...model, channelNames: broken }))).toThrow(`channelNames.${first}.displayName must be a name`);
    const missing = Object.fromEntries(Object.entries(channelNames).slice(1));
    expect(() => parseModel(serializeModel({ ...model, channelNames: missing }))).toThrow(`channelNames.${first} must be`);
  });
});
