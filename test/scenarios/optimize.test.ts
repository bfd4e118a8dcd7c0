import { beforeAll, describe, expect, it } from 'vitest';
import { currentWeeklySpend, type MmmModel } from '../../src/mmm';
import { evaluateWhatIf, InfeasibleConstraintsError, runOptimization, ScenarioError } from '../../src/scenarios';
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
    const result = runOptimization(model, { objective: { kind: 'maxKpi' }, constraints: [], weeks: 13 });
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
    const result = runOptimization(model, { objective: { kind: 'minCostForTarget', target: { kpi: today, per: 'horizon' } }, constraints: [], weeks: 13 });
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
