/**
 * The model document and everything read off it, on a model built from the demo file's TRUE
 * transforms (no search): expected numbers come from the truth file and closed forms.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import {
  channelResponse,
  channelSummaries,
  currentWeeklySpend,
  decomposition,
  fitWithHyperparameters,
  forecast,
  mediaEffect,
  MmmModel,
  observedSpendRange,
  parseModel,
  responseCurve,
  serializeModel,
} from '../../src/mmm';
import { loadDemoTruth, loadDemoWeekly, truthHyperparameters } from '../../testkit/mmm/demoData';

const data = loadDemoWeekly();
const truth = loadDemoTruth();
let model: MmmModel;
let withHoldout: MmmModel;

beforeAll(() => {
  model = fitWithHyperparameters(data, truthHyperparameters(truth.channels), { bootstrapDraws: 50 });
  withHoldout = fitWithHyperparameters(data, truthHyperparameters(truth.channels), { holdoutWeeks: 13, bootstrapDraws: 50 });
});

describe('fit with given hyperparameters', () => {
  it('reproduces the least-squares ROAS of the truth file (its noise floor) on all weeks and on the first 143', () => {
    const all = channelSummaries(model);
    const first143 = channelSummaries(withHoldout);
    for (const channel of data.channels) {
      expect(all[channel].roas).toBeCloseTo(truth.noiseFloor.allWeeks.roas[channel], 3);
      expect(first143[channel].roas).toBeCloseTo(truth.noiseFloor.first143Weeks.roas[channel], 3);
    }
  });

  it('reports metrics as fractions, holdout ones only with a holdout', () => {
    expect(model.metrics.holdoutMape).toBeNull();
    expect(model.metrics.holdoutR2).toBeNull();
    // The demo noise is 1.5% of the KPI: the true model's MAPE is about 0.8 × 1.5%.
    expect(model.metrics.mape).toBeGreaterThan(0.005);
    expect(model.metrics.mape).toBeLessThan(truth.noise);
    expect(withHoldout.metrics.holdoutMape).toBeLessThan(2 * truth.noise);
    expect(model.metrics.r2).toBeGreaterThan(0.9);
  });

  it('gives every channel a ROAS interval that contains its ROAS', () => {
    for (const s of Object.values(channelSummaries(model))) {
      expect(s.roasLow).toBeLessThanOrEqual(s.roas);
      expect(s.roasHigh).toBeGreaterThanOrEqual(s.roas);
      expect(s.roasHigh).toBeGreaterThan(s.roasLow);
    }
  });

  it('reports decay, half-saturation and the 90% saturation point of the Hill curve', () => {
    const tv = channelSummaries(model).tv;
    expect(tv.decay).toBe(truth.channels.tv.decay);
    expect(tv.halfSaturation).toBe(truth.channels.tv.halfSaturation);
    // Hill reaches 90% at K·9^(1/s).
    expect(tv.saturationPoint).toBeCloseTo(truth.channels.tv.halfSaturation * 9 ** (1 / truth.channels.tv.shape), 3);
  });
});

describe('outputs', () => {
  it('decomposes every week into parts that add up to the fitted KPI', () => {
    for (const week of decomposition(model)) {
      const parts = week.baseline + week.trend + week.seasonality + week.controls + Object.values(week.channels).reduce((s, x) => s + x, 0);
      expect(parts).toBeCloseTo(week.fitted, 6);
    }
  });

  it('makes channel contributions over the file equal ROAS × spend', () => {
    const weeks = decomposition(model);
    const summaries = channelSummaries(model);
    for (const channel of data.channels) {
      const contribution = weeks.reduce((s, w) => s + w.channels[channel], 0);
      const spend = data.spend[channel].reduce((s, x) => s + x, 0);
      expect(contribution / spend).toBeCloseTo(summaries[channel].roas, 10);
    }
  });

  it('current plan is the mean of the last 13 weeks; spend range is the observed min and max', () => {
    const current = currentWeeklySpend(model);
    const tail = data.spend.search.slice(-13);
    expect(current.search).toBeCloseTo(tail.reduce((s, x) => s + x, 0) / 13, 8);
    expect(currentWeeklySpend(model, 1).tv).toBe(data.spend.tv[data.spend.tv.length - 1]);
    expect(observedSpendRange(model).radio).toEqual({ min: Math.min(...data.spend.radio), max: Math.max(...data.spend.radio) });
  });

  it('steady-state response is β·Hill(spend) and its marginal is the derivative', () => {
    const response = channelResponse(model, 'social');
    const beta = model.coefficients.channels.social;
    const { halfSaturation: K, shape } = truth.channels.social;
    expect(response.contribution(30000)).toBeCloseTo((beta * 30000 ** shape) / (30000 ** shape + K ** shape), 6);
    const h = 1;
    expect(response.marginal(30000)).toBeCloseTo((response.contribution(30000 + h) - response.contribution(30000 - h)) / (2 * h), 5);
    expect(channelSummaries(model).social.mroas).toBeCloseTo(response.marginal(currentWeeklySpend(model).social), 10);
  });

  it('response curves rise with spend and carry a band around the point estimate', () => {
    const curve = responseCurve(model, 'tv', 21);
    expect(curve).toHaveLength(21);
    expect(curve[0].kpi).toBe(0);
    expect(curve[20].weeklySpend).toBeCloseTo(1.5 * Math.max(...data.spend.tv), 6);
    for (let i = 1; i < curve.length; i++) expect(curve[i].kpi).toBeGreaterThanOrEqual(curve[i - 1].kpi);
    expect(curve.slice(1).every((p) => p.low <= p.kpi && p.kpi <= p.high)).toBe(true);
  });

  it('forecasts carry-over from the observed weeks into a dark horizon, fading geometrically', () => {
    const horizon = 6;
    const dark = Object.fromEntries(data.channels.map((c) => [c, new Array<number>(horizon).fill(0)]));
    const result = forecast(model, { weeklySpend: dark });
    expect(result.weeks[0]).toBe('2024-12-30');
    expect(result.drawKpiTotals).toHaveLength(model.draws.length);
    // With no new spend, the first dark week's TV adstock is Σ_{l≥1} w_l·spend[T-l+1], computed by hand here.
    const { decay } = truth.channels.tv;
    const weights = Array.from({ length: 9 }, (_, l) => decay ** l);
    const norm = weights.reduce((s, w) => s + w, 0);
    const spend = data.spend.tv;
    let carried = 0;
    for (let l = 1; l <= 8; l++) carried += (weights[l] / norm) * spend[spend.length - l];
    expect(result.contributions.tv[0]).toBeCloseTo(channelResponse(model, 'tv').contribution(carried), 6);
    for (let h = 1; h < horizon; h++) expect(result.contributions.tv[h]).toBeLessThan(result.contributions.tv[h - 1]);
  });

  it('forecasts steady spend to the steady-state response once carry-over has built up', () => {
    const weeks = 20;
    const plan = Object.fromEntries(data.channels.map((c) => [c, new Array<number>(weeks).fill(25000)]));
    const result = forecast(model, { weeklySpend: plan, controls: { promo: new Array<number>(weeks).fill(1) } });
    expect(result.contributions.search[weeks - 1]).toBeCloseTo(channelResponse(model, 'search').contribution(25000), 6);
    const noPromo = forecast(model, { weeklySpend: plan });
    expect(result.kpi[0] - noPromo.kpi[0]).toBeCloseTo(model.coefficients.controls.promo, 6);
  });

  it('forecasts each channel as the fit would see the observed weeks followed by the plan, for the point and every draw', () => {
    const weeks = 10;
    const plan = Object.fromEntries(data.channels.map((c, i) => [c, Array.from({ length: weeks }, (_, h) => 5000 * (i + 1) + (h % 3) * 2000)]));
    const dark = Object.fromEntries(data.channels.map((c) => [c, new Array<number>(weeks).fill(0)]));
    const T = data.dates.length;
    // The fit's own transform over the observed weeks with the plan appended, read over the plan's weeks.
    const mediaOver = (estimate: Pick<MmmModel, 'hyperparameters' | 'coefficients'>, channel: string, series: number[]) =>
      Array.from(mediaEffect(estimate.hyperparameters.channels[channel], [...data.spend[channel], ...series]).subarray(T), (x) => x * estimate.coefficients.channels[channel]);
    const totalMedia = (estimate: Pick<MmmModel, 'hyperparameters' | 'coefficients'>, weeklySpend: Record<string, number[]>) =>
      data.channels.reduce((s, c) => s + mediaOver(estimate, c, weeklySpend[c]).reduce((a, x) => a + x, 0), 0);

    const result = forecast(model, { weeklySpend: plan });
    for (const channel of data.channels) {
      mediaOver(model, channel, plan[channel]).forEach((x, h) => expect(result.contributions[channel][h]).toBeCloseTo(x, 6));
    }
    // Both plans share the baseline, so a draw's difference between them is its media difference.
    const darkResult = forecast(model, { weeklySpend: dark });
    model.draws.forEach((draw, d) => {
      expect(result.drawKpiTotals[d] - darkResult.drawKpiTotals[d]).toBeCloseTo(totalMedia(draw, plan) - totalMedia(draw, dark), 4);
    });
  });

  it('gives the same forecast when it reuses the unchanged channels of a reference forecast', () => {
    const weeks = 13;
    const today = Object.fromEntries(data.channels.map((c) => [c, new Array<number>(weeks).fill(20000)]));
    const reference = forecast(model, { weeklySpend: today });
    const scenario = { ...today, tv: today.tv.map((x, h) => (h < 4 ? 0 : x)), search: today.search.map((x) => x * 1.5) };
    const fresh = forecast(model, { weeklySpend: scenario });
    const reused = forecast(model, { weeklySpend: scenario }, reference);
    expect(reused.kpi).toEqual(fresh.kpi);
    expect(reused.contributions).toEqual(fresh.contributions);
    expect(reused.drawKpiTotals).toEqual(fresh.drawKpiTotals);
    // The reference keeps its own copy of the plan: changing the caller's arrays afterwards does not mislead it.
    today.radio.fill(90000);
    expect(forecast(model, { weeklySpend: today }, reference).drawKpiTotals).toEqual(forecast(model, { weeklySpend: today }).drawKpiTotals);
    // A forecast of another model is no reference: here one whose media coefficients are doubled.
    const doubled = (c: MmmModel['coefficients']) => ({ ...c, channels: Object.fromEntries(Object.entries(c.channels).map(([k, beta]) => [k, 2 * beta])) });
    const other: MmmModel = { ...model, coefficients: doubled(model.coefficients), draws: model.draws.map((d) => ({ ...d, coefficients: doubled(d.coefficients) })) };
    const otherFresh = forecast(other, { weeklySpend: scenario });
    expect(otherFresh.drawKpiTotals).not.toEqual(fresh.drawKpiTotals);
    expect(forecast(other, { weeklySpend: scenario }, reference).drawKpiTotals).toEqual(otherFresh.drawKpiTotals);
  });

  it('rejects a plan with a missing channel or ragged weeks, saying which', () => {
    expect(() => forecast(model, { weeklySpend: { tv: [1] } })).toThrow(/no weekly spend for channel "search"/);
    const ragged = Object.fromEntries(data.channels.map((c, i) => [c, new Array<number>(i === 0 ? 3 : 4).fill(1)]));
    expect(() => forecast(model, { weeklySpend: ragged })).toThrow(/same number of weeks/);
  });
});

describe('model document', () => {
  it('round-trips exactly through JSON', () => {
    const copy = parseModel(serializeModel(withHoldout));
    expect(copy).toEqual(withHoldout);
    expect(serializeModel(copy)).toBe(serializeModel(withHoldout));
  });

  it('rejects bad documents with the bad field named', () => {
    expect(() => parseModel('{not json')).toThrow(/not JSON/);
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the test edits arbitrary fields of a raw document
    const doc = JSON.parse(serializeModel(model)) as Record<string, any>;
    expect(() => parseModel(JSON.stringify({ ...doc, schemaVersion: 2 }))).toThrow(/schemaVersion is 2; this build reads version 1/);
    const noCoef = structuredClone(doc);
    delete noCoef.coefficients.channels.radio;
    expect(() => parseModel(JSON.stringify(noCoef))).toThrow(/coefficients\.channels\.radio must be a finite number/);
    const badDraw = structuredClone(doc);
    badDraw.draws[3].hyperparameters.channels.tv.saturation.type = 'cubic';
    expect(() => parseModel(JSON.stringify(badDraw))).toThrow(/draws\[3\]\.hyperparameters\.channels\.tv: unknown saturation type "cubic"/);
    const shortSpend = structuredClone(doc);
    shortSpend.data.spend.tv.pop();
    expect(() => parseModel(JSON.stringify(shortSpend))).toThrow(/data\.spend\.tv must be an array of 156 numbers/);
  });
});
