import { beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { currentWeeklySpend, observedSpendRange, type MmmModel } from '../../src/mmm';
import { compareScenarios, evaluateWhatIf, ScenarioError, type WhatIfSpec } from '../../src/scenarios';
import { quantileOfSorted } from '../../src/scenarios/evaluate';
import { INTERVAL, quantile } from '../../src/mmm/outputs';
import { fittedCurve, noCarryOverModel } from './model';

let model: MmmModel;
let current: Record<string, number>;
beforeAll(() => {
  model = noCarryOverModel();
  current = currentWeeklySpend(model);
});

const channels = ['tv', 'search', 'social'] as const;

/** With no carry-over each week earns beta·Hill(spend) per channel: the change is a plain sum. */
function handComputedDelta(before: Record<string, number>, after: Record<string, number>, weeks: number): number {
  return channels.reduce((s, c) => s + weeks * (fittedCurve(model, c).contribution(after[c]) - fittedCurve(model, c).contribution(before[c])), 0);
}

describe('evaluateWhatIf against closed forms', () => {
  it('moves 20% of tv to search and predicts the hand-computed change', () => {
    const spec: WhatIfSpec = { weeks: 13, changes: [{ kind: 'shift', from: 'tv', to: [{ channel: 'search', share: 1 }], amount: { unit: 'percent', value: 20 } }] };
    const result = evaluateWhatIf(model, spec);
    const moved = 0.2 * current.tv;
    expect(result.after.plan.tv).toBeCloseTo(current.tv - moved, 6);
    expect(result.after.plan.search).toBeCloseTo(current.search + moved, 6);
    expect(result.after.plan.social).toBeCloseTo(current.social, 9);
    expect(result.before.plan).toEqual(current);
    expect(result.delta.value).toBeCloseTo(handComputedDelta(current, result.after.plan, 13), 4);
    expect(result.delta.pct).toBeCloseTo((100 * result.delta.value) / result.before.kpi, 9);
    expect(result.contributions.tv.change).toBeCloseTo(13 * (fittedCurve(model, 'tv').contribution(current.tv - moved) - fittedCurve(model, 'tv').contribution(current.tv)), 4);
    expect(result.intent).toEqual({ kind: 'whatIf', spec });
    expect(result.weeks).toBe(13);
  });

  it('splits a money shift by share, spread over the horizon when given as a total', () => {
    const result = evaluateWhatIf(model, {
      weeks: 10,
      changes: [{ kind: 'shift', from: 'tv', to: [{ channel: 'search', share: 0.25 }, { channel: 'social', share: 0.75 }], amount: { unit: 'money', value: 100_000, per: 'horizon' } }],
    });
    expect(result.after.plan.tv).toBeCloseTo(current.tv - 10_000, 6);
    expect(result.after.plan.search).toBeCloseTo(current.search + 2_500, 6);
    expect(result.after.plan.social).toBeCloseTo(current.social + 7_500, 6);
    expect(result.delta.value).toBeCloseTo(handComputedDelta(current, result.after.plan, 10), 4);
  });

  it('changes only the first weeks of a limited set, and reports the plan week by week', () => {
    const result = evaluateWhatIf(model, { weeks: 13, changes: [{ kind: 'set', channel: 'tv', weeklySpend: 0, weeks: 4 }] });
    expect(result.afterByWeek?.tv).toEqual([0, 0, 0, 0, ...new Array(9).fill(current.tv)]);
    expect(result.after.plan.tv).toBeCloseTo((9 * current.tv) / 13, 6);
    expect(result.delta.value).toBeCloseTo(-4 * fittedCurve(model, 'tv').contribution(current.tv), 4);
  });

  it('scales and sets the total keeping the mix', () => {
    const total = channels.reduce((s, c) => s + current[c], 0);
    const scaled = evaluateWhatIf(model, { weeks: 13, changes: [{ kind: 'scaleTotal', by: { unit: 'percent', value: -10 } }] });
    const set = evaluateWhatIf(model, { weeks: 13, changes: [{ kind: 'setTotal', amount: 2 * total, per: 'week' }] });
    for (const c of channels) {
      expect(scaled.after.plan[c]).toBeCloseTo(0.9 * current[c], 6);
      expect(set.after.plan[c]).toBeCloseTo(2 * current[c], 6);
    }
  });

  it('gives an interval around the change and a probability of beating today from the draws', () => {
    // Cutting spend in half can only lose KPI in every draw (coefficients are non-negative).
    const cut = evaluateWhatIf(model, { weeks: 13, changes: [{ kind: 'scaleTotal', by: { unit: 'percent', value: -50 } }] });
    expect(cut.delta.value).toBeLessThan(0);
    expect(cut.delta.low).toBeLessThanOrEqual(cut.delta.high);
    expect(cut.delta.probabilityBetter).toBe(0);
    const nothing = evaluateWhatIf(model, { weeks: 13, changes: [] });
    expect(nothing.delta).toEqual({ value: 0, pct: 0, low: 0, high: 0, probabilityBetter: 0.5 });
  });

  it('warns for every channel planned outside the range it has seen, saying by how much', () => {
    const range = observedSpendRange(model);
    const result = evaluateWhatIf(model, {
      weeks: 13,
      changes: [
        { kind: 'set', channel: 'tv', weeklySpend: range.tv.max * 2 },
        { kind: 'set', channel: 'social', weeklySpend: 0 },
      ],
    });
    expect(result.warnings).toHaveLength(2);
    expect(result.warnings[0]).toMatch(/^tv: planned .* more than the most it has spent in a week, .* \(100% above\)/);
    expect(result.warnings[1]).toMatch(/^social: planned 0 a week is less than the least it has spent in a week/);
  });

  it('uses controls given for the horizon', () => {
    const withPromo = evaluateWhatIf(model, { weeks: 13, changes: [], controls: { promo: 1 } });
    const without = evaluateWhatIf(model, { weeks: 13, changes: [] });
    expect((withPromo.before.kpi - without.before.kpi) / (13 * model.coefficients.controls.promo)).toBeCloseTo(1, 9);
  });
});

describe('properties', () => {
  it('a shift of 0% changes nothing', () => {
    const result = evaluateWhatIf(model, { weeks: 13, changes: [{ kind: 'shift', from: 'tv', to: [{ channel: 'social', share: 1 }], amount: { unit: 'percent', value: 0 } }] });
    expect(result.after.plan).toEqual(result.before.plan);
    expect(result.delta.value).toBe(0);
  });

  it('moving spend and moving it back round-trips', () => {
    fc.assert(
      fc.property(fc.constantFrom(...channels), fc.constantFrom(...channels), fc.double({ min: 0, max: 100, noNaN: true }), (from, to, percent) => {
        fc.pre(from !== to);
        const moved = (current[from] * percent) / 100;
        const result = evaluateWhatIf(model, {
          weeks: 13,
          changes: [
            { kind: 'shift', from, to: [{ channel: to, share: 1 }], amount: { unit: 'percent', value: percent } },
            { kind: 'shift', from: to, to: [{ channel: from, share: 1 }], amount: { unit: 'money', value: moved, per: 'week' } },
          ],
        });
        for (const c of channels) expect(result.after.plan[c]).toBeCloseTo(current[c], 6);
        expect(Math.abs(result.delta.value)).toBeLessThan(1e-6 * result.before.kpi);
      }),
      { numRuns: 25 },
    );
  });

  it('a shift keeps the total spend', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 100, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), (percent, share) => {
        const result = evaluateWhatIf(model, {
          weeks: 13,
          changes: [{ kind: 'shift', from: 'search', to: [{ channel: 'tv', share }, { channel: 'social', share: 1 - share }], amount: { unit: 'percent', value: percent } }],
        });
        const total = (plan: Record<string, number>) => channels.reduce((s, c) => s + plan[c], 0);
        expect(total(result.after.plan)).toBeCloseTo(total(result.before.plan), 6);
      }),
      { numRuns: 25 },
    );
  });
});

describe('impossible specs', () => {
  const shift = (amount: WhatIfSpec['changes'][number] & { kind: 'shift' }) => ({ weeks: 13, changes: [amount] });
  const cases: Array<[string, WhatIfSpec, RegExp]> = [
    ['150% of a channel', shift({ kind: 'shift', from: 'tv', to: [{ channel: 'search', share: 1 }], amount: { unit: 'percent', value: 150 } }), /Cannot move 150% of tv/],
    ['more money than it has', shift({ kind: 'shift', from: 'social', to: [{ channel: 'tv', share: 1 }], amount: { unit: 'money', value: 1e9, per: 'week' } }), /Cannot move 1000000000.00 a week out of social: it spends only/],
    ['an unknown channel', shift({ kind: 'shift', from: 'tv', to: [{ channel: 'radio', share: 1 }], amount: { unit: 'percent', value: 10 } }), /Unknown channel "radio" in a shift; the channels are tv, search, social/],
    ['an empty shift', shift({ kind: 'shift', from: 'tv', to: [], amount: { unit: 'percent', value: 10 } }), /names no channel to move the spend to/],
    ['shares not adding to 1', shift({ kind: 'shift', from: 'tv', to: [{ channel: 'search', share: 0.5 }], amount: { unit: 'percent', value: 10 } }), /add up to 1 \(100%\), they add up to 0.5/],
    ['a negative budget', { weeks: 13, changes: [{ kind: 'setTotal', amount: -5, per: 'week' }] }, /total budget cannot be negative, got -5/],
    ['a cut beyond everything', { weeks: 13, changes: [{ kind: 'scale', channel: 'tv', by: { unit: 'percent', value: -120 } }] }, /Cannot cut tv by 120%/],
    ['a horizon of 0 weeks', { weeks: 0, changes: [] }, /whole number of weeks from 1 to 104, got 0/],
    ['an unknown control', { weeks: 13, changes: [], controls: { weather: 1 } }, /Unknown control "weather"/],
  ];
  it.each(cases)('%s', (_name, spec, message) => {
    let caught: unknown;
    try {
      evaluateWhatIf(model, spec);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ScenarioError);
    expect((caught as Error).message).toMatch(message);
  });
});

describe('compareScenarios', () => {
  it('is the difference of two results, newer minus older', () => {
    const a = evaluateWhatIf(model, { weeks: 13, changes: [{ kind: 'scale', channel: 'tv', by: { unit: 'percent', value: 10 } }] });
    const b = evaluateWhatIf(model, { weeks: 13, changes: [{ kind: 'scale', channel: 'search', by: { unit: 'percent', value: 10 } }] });
    const comparison = compareScenarios(a, b);
    expect(comparison.kpi.difference).toBeCloseTo(b.after.kpi - a.after.kpi, 6);
    expect(comparison.delta.difference).toBeCloseTo(b.delta.value - a.delta.value, 6);
    expect(comparison.plan.tv.difference).toBeCloseTo(-0.1 * current.tv, 6);
    expect(comparison.plan.search.difference).toBeCloseTo(0.1 * current.search, 6);
    expect(comparison.caveats).toEqual([]);
    const self = compareScenarios(a, a);
    expect(self.kpi.difference).toBe(0);
    expect(Object.values(self.plan).every((p) => p.difference === 0)).toBe(true);
  });

  it('says when two scenarios are not like for like', () => {
    const a = evaluateWhatIf(model, { weeks: 13, changes: [] });
    const b = evaluateWhatIf(model, { weeks: 26, changes: [] });
    expect(compareScenarios(a, b).caveats[0]).toMatch(/different horizons \(13 and 26 weeks\)/);
  });
});

describe('intervals over the draws', () => {
  it('quantileOfSorted on values sorted once as a Float64Array gives what quantile gives, to the bit', () => {
    // Ties and both signs, as draw-by-draw differences have; no zeros, whose sign a numeric sort may order differently.
    const value = fc.oneof(fc.double({ min: -1e7, max: -1e-3, noNaN: true }), fc.double({ min: 1e-3, max: 1e7, noNaN: true }), fc.constantFrom(-5, 2.5, 1e4));
    fc.assert(
      fc.property(fc.array(value, { minLength: 1, maxLength: 300 }), fc.double({ min: 0, max: 1, noNaN: true }), (values, q) => {
        const sorted = Float64Array.from(values).sort();
        for (const at of [q, INTERVAL.low, INTERVAL.high]) expect(quantileOfSorted(sorted, at)).toBe(quantile(values, at));
      }),
    );
  });
});
