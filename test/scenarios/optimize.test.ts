import { beforeAll, describe, expect, it } from 'vitest';
import { channelResponse, currentWeeklySpend, observedSpendRange, type MmmModel } from '../../src/mmm';
import { worstShareMean } from '../../src/optimizer/branchAndBound';
import { DEFAULT_AIM, DRAWS_COMPARED, evaluateWhatIf, InfeasibleConstraintsError, runOptimization, ScenarioError } from '../../src/scenarios';
import { bestOnGrid } from '../optimizer/grid';
import { fittedCurve, noCarryOverModel } from './model';

let model: MmmModel;
let current: Record<string, number>;
let currentTotal: number;
const channels = ['tv', 'search', 'social'] as const;
beforeAll(() => {
  model = noCarryOverModel(20);
  current = currentWeeklySpend(model);
  currentTotal = channels.reduce((s, c) => s + current[c], 0);
});

const totalOf = (plan: Record<string, number>) => channels.reduce((s, c) => s + plan[c], 0);

describe('runOptimization', () => {
  it('re-allocates today\'s budget no worse than the best plan on a fine grid, with equal marginal returns', () => {
    const result = runOptimization(model, { objective: { kind: 'maxKpi' }, constraints: [], weeks: 13, aim: 'pointEstimate' });
    expect(totalOf(result.after.plan)).toBeCloseTo(currentTotal, 4);
    const grid = bestOnGrid(
      channels.map((c) => fittedCurve(model, c)),
      currentTotal,
      400,
    )!;
    // No carry-over: the horizon's media KPI is 13 weeks of the steady-state plan.
    const media = channels.reduce((s, c) => s + result.contributions[c].after, 0);
    expect(media / 13).toBeGreaterThanOrEqual(grid.value * (1 - 1e-9));
    expect(result.delta.value).toBeGreaterThan(0);
    const funded = channels.filter((c) => result.after.plan[c] > 1);
    for (const c of funded) expect(result.optimization!.marginalRoas[c]).toBeCloseTo(result.optimization!.marginalRoas[funded[0]], 6);
    expect(result.optimization!.optimalityGap).toBeLessThanOrEqual(1e-6);
    expect(result.intent.kind).toBe('optimize');
  });

  it('respects a budget given over the horizon and a group share', () => {
    const result = runOptimization(
      model,
      { objective: { kind: 'maxKpi', budget: { amount: 13 * 80_000, per: 'horizon' } }, constraints: [{ kind: 'share', set: { group: 'digital' }, min: 0.6 }], weeks: 13 },
      { digital: ['search', 'social'], traditional: ['tv'] },
    );
    expect(totalOf(result.after.plan)).toBeCloseTo(80_000, 4);
    expect(result.after.plan.search + result.after.plan.social).toBeGreaterThanOrEqual(0.6 * 80_000 - 1e-4);
  });

  it('puts an increment on top of today\'s plan', () => {
    const result = runOptimization(model, { objective: { kind: 'marginal', increment: { amount: 10_000, per: 'week' } }, constraints: [], weeks: 13 });
    for (const c of channels) expect(result.after.plan[c]).toBeGreaterThanOrEqual(current[c] - 1e-6);
    expect(totalOf(result.after.plan)).toBeCloseTo(currentTotal + 10_000, 4);
  });

  it('reaches today\'s KPI at no more than today\'s cost', () => {
    const today = evaluateWhatIf(model, { weeks: 13, changes: [] }).before.kpi;
    // The answer's KPI is the point estimate's forecast, so the target is met on the point estimate's curves.
    const result = runOptimization(model, { objective: { kind: 'minCostForTarget', target: { kpi: today, per: 'horizon' } }, constraints: [], weeks: 13, aim: 'pointEstimate' });
    expect(result.after.kpi).toBeGreaterThanOrEqual(today * (1 - 1e-6));
    expect(totalOf(result.after.plan)).toBeLessThan(currentTotal);
  });

  it('explains constraints that cannot hold together', () => {
    let caught: unknown;
    try {
      runOptimization(model, { objective: { kind: 'maxKpi', budget: { amount: 80_000, per: 'week' } }, constraints: [{ kind: 'bounds', channel: 'tv', min: 100_000 }], weeks: 13 });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(InfeasibleConstraintsError);
    expect((caught as Error).message).toBe('tv at least 100,000 a week and a total of 80,000 a week cannot both hold.');
  });

  it('refuses what it cannot do, with a reason', () => {
    expect(() => runOptimization(model, { objective: { kind: 'minCostForTarget', target: { kpi: 1e6, per: 'horizon' } }, constraints: [], weeks: 13, perWeek: true })).toThrow(ScenarioError);
    expect(() => runOptimization(model, { objective: { kind: 'maxKpi', budget: { amount: -1, per: 'week' } }, constraints: [], weeks: 13 })).toThrow(/budget must be a non-negative number, got -1/);
    expect(() => runOptimization(model, { objective: { kind: 'maxKpi' }, constraints: [], weeks: 13 }, { digital: ['search', 'radio'] })).toThrow(/group "digital" lists unknown channels radio/);
  });
});

describe('runOptimization aims', () => {
  const meanCurve = (c: (typeof channels)[number]) => {
    const draws = model.draws.map((_, d) => channelResponse(model, c, d));
    return { contribution: (x: number) => draws.reduce((s, r) => s + r.contribution(x), 0) / draws.length, marginal: (x: number) => draws.reduce((s, r) => s + r.marginal(x), 0) / draws.length };
  };

  it('plans on the draws\' mean curves by default, no worse than the best plan on a grid of them', () => {
    expect(DEFAULT_AIM).toBe('expected');
    const result = runOptimization(model, { objective: { kind: 'maxKpi' }, constraints: [], weeks: 13 });
    expect(result.optimization!.aim).toMatchObject({ aim: 'expected', draws: model.draws.length });
    const curves = channels.map(meanCurve);
    const grid = bestOnGrid(curves, currentTotal, 300)!;
    const planned = channels.reduce((s, c, i) => s + curves[i].contribution(result.after.plan[c]), 0);
    expect(planned).toBeGreaterThanOrEqual(grid.value * (1 - 1e-9));
    expect(result.optimization!.aim.weeklyValue).toBeCloseTo(planned, 6);
  });

  it('the safest plan has the best worst-10% mean gain over today among the plans tried, and says what it planned for', () => {
    const safest = runOptimization(model, { objective: { kind: 'maxKpi' }, constraints: [{ kind: 'maxChange', fraction: 0.5 }], weeks: 13, aim: 'safest' });
    const expected = runOptimization(model, { objective: { kind: 'maxKpi' }, constraints: [{ kind: 'maxChange', fraction: 0.5 }], weeks: 13, aim: 'expected' });
    expect(safest.optimization!.aim).toMatchObject({ aim: 'safest', worstShare: 0.1 });
    const draws = model.draws.map((_, d) => channels.map((c) => channelResponse(model, c, d)));
    const worstGain = (plan: Record<string, number>) =>
      worstShareMean(
        draws.map((curves) => channels.reduce((s, c, i) => s + curves[i].contribution(plan[c]) - curves[i].contribution(current[c]), 0)),
        0.1,
      );
    const tolerance = safest.optimization!.optimalityGap * channels.reduce((s, c) => s + meanCurve(c).contribution(safest.after.plan[c]), 0);
    expect(worstGain(safest.after.plan)).toBeGreaterThanOrEqual(worstGain(expected.after.plan) - tolerance);
    expect(worstGain(safest.after.plan)).toBeGreaterThanOrEqual(worstGain(current) - tolerance);
    expect(safest.optimization!.aim.weeklyValue).toBeCloseTo(worstGain(safest.after.plan), 6);
  });

  it('the confident aim plans for the worst (1 - confidence) of the draws, and refuses a confidence out of range', () => {
    const result = runOptimization(model, { objective: { kind: 'maxKpi' }, constraints: [], weeks: 13, aim: 'confident', confidence: 0.8 });
    expect(result.optimization!.aim).toMatchObject({ aim: 'confident', confidence: 0.8 });
    expect(result.optimization!.aim.worstShare).toBeCloseTo(0.2, 12);
    expect(() => runOptimization(model, { objective: { kind: 'maxKpi' }, constraints: [], weeks: 13, aim: 'confident', confidence: 1.5 })).toThrow(/confidence must be a probability from 0.5 to 0.99.*1.5/);
    expect(() => runOptimization(model, { objective: { kind: 'maxKpi' }, constraints: [], weeks: 13, aim: 'safest', confidence: 0.9 })).toThrow(/only meaningful with the aim "confident"/);
    expect(() => runOptimization(model, { objective: { kind: 'maxKpi' }, constraints: [], weeks: 13, aim: 'bold' as never })).toThrow(/Unknown aim "bold".*expected, pointEstimate, safest, confident/);
  });

  it('per-week plans stay on the point estimate and refuse other aims', () => {
    expect(() => runOptimization(model, { objective: { kind: 'maxKpi' }, constraints: [], weeks: 13, perWeek: true, aim: 'safest' })).toThrow(/Per-week plans.*"safest"/);
    expect(runOptimization(model, { objective: { kind: 'maxKpi' }, constraints: [], weeks: 13, perWeek: true }).optimization!.aim.aim).toBe('pointEstimate');
  });

  it('counts the draws whose own best plan moves a channel the other way', () => {
    const result = runOptimization(model, { objective: { kind: 'maxKpi' }, constraints: [], weeks: 13 });
    const agreement = result.optimization!.agreement!;
    expect(agreement.drawsCompared).toBe(Math.min(DRAWS_COMPARED, model.draws.length));
    // The plan moves channels, so there is something to count.
    expect(Object.keys(agreement.channels).length).toBeGreaterThan(0);
    // Each compared draw's own optimum for the same money, solved once for every channel below.
    const ownPlans = Array.from({ length: agreement.drawsCompared }, (_, k) => {
      const d = Math.floor((k * model.draws.length) / agreement.drawsCompared);
      return runOptimization({ ...model, coefficients: model.draws[d].coefficients, hyperparameters: model.draws[d].hyperparameters, draws: [] }, { objective: { kind: 'maxKpi', budget: { amount: totalOf(result.after.plan), per: 'week' } }, constraints: [], weeks: 13, aim: 'pointEstimate' }).after.plan;
    });
    for (const [c, figures] of Object.entries(agreement.channels)) {
      expect(figures.planned).toBe(result.after.plan[c] > current[c] ? 'more' : 'less');
      // Recount by hand.
      let opposite = 0;
      for (const own of ownPlans) {
        const change = own[c] - current[c];
        if (Math.sign(change) !== Math.sign(result.after.plan[c] - current[c]) && Math.abs(change) > 0.02 * Math.max(current[c], totalOf(result.after.plan) / 3)) opposite++;
      }
      expect(figures.opposite).toBeCloseTo(opposite / agreement.drawsCompared, 9);
    }
  });

  it('flags optimized spend beyond what a channel has seen, per channel', () => {
    const result = runOptimization(model, { objective: { kind: 'maxKpi', budget: { amount: 10 * currentTotal, per: 'week' } }, constraints: [], weeks: 13 });
    const seen = observedSpendRange(model);
    const beyond = channels.filter((c) => result.after.plan[c] > seen[c].max);
    expect(beyond.length).toBeGreaterThan(0);
    for (const c of beyond) expect(result.warnings.some((w) => w.startsWith(`${c}: planned`) && w.includes('extrapolating'))).toBe(true);
  });
});
