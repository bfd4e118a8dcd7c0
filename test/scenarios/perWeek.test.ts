import { beforeAll, describe, expect, it } from 'vitest';
import { currentWeeklySpend, forecast, type MmmModel } from '../../src/mmm';
import { runOptimization, ScenarioError, type Constraint, type OptimizeSpec, type WeeklyPlan } from '../../src/scenarios';
import { carryOverModel, fittedCurve, noCarryOverModel } from './model';

const channels = ['tv', 'search', 'social'] as const;
const groups = { digital: ['search', 'social'], traditional: ['tv'] };
const WEEKS = 13;

let withCarryOver: MmmModel;
let withoutCarryOver: MmmModel;
beforeAll(() => {
  withCarryOver = carryOverModel(0.6, 6, 20);
  withoutCarryOver = noCarryOverModel(20);
});

/** The model's own horizon KPI for a plan (point estimate): the truth per-week plans are scored by. */
const horizonKpi = (model: MmmModel, plan: WeeklyPlan) => forecast({ ...model, draws: [] }, { weeklySpend: plan }).kpi.reduce((s, k) => s + k, 0);
const weekTotal = (plan: WeeklyPlan, w: number) => channels.reduce((s, c) => s + plan[c][w], 0);
const weeksOf = (plan: WeeklyPlan) => Array.from({ length: plan.tv.length }, (_, w) => w);

const everyConstraint: Constraint[] = [
  { kind: 'bounds', channel: 'tv', min: 30_000, max: 90_000 },
  { kind: 'maxChange', channel: 'search', fraction: 0.5 },
  { kind: 'share', set: { group: 'digital' }, min: 0.3 },
  { kind: 'share', set: { channels: ['social'] }, max: 0.2 },
  { kind: 'ratio', numerator: 'social', denominator: 'search', min: 0.25 },
];

const budgets = [
  { per: 'week', amount: 100_000 },
  { per: 'horizon', amount: WEEKS * 100_000 },
] as const;

describe('per-week plans with carry-over', () => {
  for (const budget of budgets) {
    it(`are never worse than the best flat plan and keep every constraint in every week (budget per ${budget.per})`, () => {
      // Per-week plans are refined on the point estimate: the flat plan they must beat is the point estimate's.
      const spec: OptimizeSpec = { objective: { kind: 'maxKpi', budget }, constraints: everyConstraint, weeks: WEEKS, aim: 'pointEstimate' };
      const flat = runOptimization(withCarryOver, spec, groups);
      const perWeek = runOptimization(withCarryOver, { ...spec, perWeek: true }, groups);
      const plan = perWeek.afterByWeek!;
      expect(perWeek.after.kpi).toBeGreaterThanOrEqual(flat.after.kpi);
      expect(perWeek.after.kpi).toBeCloseTo(horizonKpi(withCarryOver, plan), 4);
      expect(perWeek.optimization!.perWeek!.gainOverFlat).toBeCloseTo(perWeek.after.kpi - flat.after.kpi, 4);
      const searchToday = currentWeeklySpend(withCarryOver).search;
      const tol = 1e-6 * budget.amount;
      for (const w of weeksOf(plan)) {
        const total = weekTotal(plan, w);
        if (budget.per === 'week') expect(total).toBeCloseTo(budget.amount, 4);
        expect(plan.tv[w]).toBeGreaterThanOrEqual(30_000 - tol);
        expect(plan.tv[w]).toBeLessThanOrEqual(90_000 + tol);
        expect(plan.search[w]).toBeGreaterThanOrEqual(0.5 * searchToday - tol);
        expect(plan.search[w]).toBeLessThanOrEqual(1.5 * searchToday + tol);
        expect(plan.search[w] + plan.social[w]).toBeGreaterThanOrEqual(0.3 * total - tol);
        expect(plan.social[w]).toBeLessThanOrEqual(0.2 * total + tol);
        expect(plan.social[w]).toBeGreaterThanOrEqual(0.25 * plan.search[w] - tol);
      }
      const spent = weeksOf(plan).reduce((s, w) => s + weekTotal(plan, w), 0);
      expect(spent).toBeCloseTo(budget.per === 'week' ? WEEKS * budget.amount : budget.amount, 3);
      for (const c of channels) expect(perWeek.after.plan[c]).toBeCloseTo(plan[c].reduce((s, x) => s + x, 0) / WEEKS, 6);
    });
  }

  it('shifts spend between weeks the way an exhaustive grid does (2 channels, 3 weeks, a horizon budget)', () => {
    const total = 300_000;
    const steps = 12;
    const unit = total / steps;
    const pinSocial: Constraint[] = [{ kind: 'bounds', channel: 'social', max: 0 }];
    // Every way to split `steps` units over (tv, search) × 3 weeks, each scored by the model's forecast.
    let best: { kpi: number; plan: WeeklyPlan } | null = null;
    const units = [0, 0, 0, 0, 0, 0];
    const visit = (slot: number, left: number) => {
      if (slot === 5) {
        units[5] = left;
        const plan = { tv: [0, 2, 4].map((k) => units[k] * unit), search: [1, 3, 5].map((k) => units[k] * unit), social: [0, 0, 0] };
        const kpi = horizonKpi(withCarryOver, plan);
        if (!best || kpi > best.kpi) best = { kpi, plan };
        return;
      }
      for (let k = 0; k <= left; k++) {
        units[slot] = k;
        visit(slot + 1, left - k);
      }
    };
    visit(0, steps);
    const grid = best as unknown as { kpi: number; plan: WeeklyPlan };
    const result = runOptimization(withCarryOver, { objective: { kind: 'maxKpi', budget: { per: 'horizon', amount: total } }, constraints: pinSocial, weeks: 3, perWeek: true });
    const plan = result.afterByWeek!;
    // The continuous plan beats every plan on the coarse grid, and loads the weeks the same way round.
    expect(result.after.kpi).toBeGreaterThanOrEqual(grid.kpi);
    const loading = (p: WeeklyPlan) => weekTotal(p, 0) - weekTotal(p, 2);
    expect(Math.abs(loading(grid.plan))).toBeGreaterThan(unit);
    expect(Math.sign(loading(plan))).toBe(Math.sign(loading(grid.plan)));
    // First-order optimality on the forecast itself: one more unit earns the same wherever the
    // plan spends, and no more where it spends nothing.
    const slope = (c: 'tv' | 'search', w: number) => {
      const h = 1;
      const up = { ...plan, [c]: plan[c].map((x, k) => (k === w ? x + h : x)) };
      const down = { ...plan, [c]: plan[c].map((x, k) => (k === w ? Math.max(0, x - h) : x)) };
      return (horizonKpi(withCarryOver, up) - horizonKpi(withCarryOver, down)) / (up[c][w] - down[c][w]);
    };
    const cells = (['tv', 'search'] as const).flatMap((c) => [0, 1, 2].map((w) => ({ funded: plan[c][w] > 0.01 * unit, slope: slope(c, w) })));
    const fundedSlope = cells.find((cell) => cell.funded)!.slope;
    for (const cell of cells) {
      if (cell.funded) expect(cell.slope).toBeCloseTo(fundedSlope, 3);
      else expect(cell.slope).toBeLessThanOrEqual(fundedSlope * (1 + 1e-3));
    }
  });

  it('puts an increment on top of today\u2019s plan in every week', () => {
    const today = currentWeeklySpend(withCarryOver);
    const result = runOptimization(withCarryOver, { objective: { kind: 'marginal', increment: { amount: 10_000, per: 'week' } }, constraints: [], weeks: WEEKS, perWeek: true });
    const plan = result.afterByWeek!;
    const todayTotal = channels.reduce((s, c) => s + today[c], 0);
    for (const w of weeksOf(plan)) {
      for (const c of channels) expect(plan[c][w]).toBeGreaterThanOrEqual(today[c] - 1e-6);
      expect(weekTotal(plan, w)).toBeCloseTo(todayTotal + 10_000, 4);
    }
  });

  it('refuses a KPI target, saying what it can answer', () => {
    expect(() =>
      runOptimization(withCarryOver, { objective: { kind: 'minCostForTarget', target: { kpi: 1e6, per: 'horizon' } }, constraints: [], weeks: WEEKS, perWeek: true }),
    ).toThrow(ScenarioError);
  });
});

describe('per-week plans without carry-over', () => {
  it('repeat the flat global optimum every week when the budget is weekly', () => {
    const spec: OptimizeSpec = { objective: { kind: 'maxKpi', budget: { per: 'week', amount: 90_000 } }, constraints: [], weeks: WEEKS, aim: 'pointEstimate' };
    const flat = runOptimization(withoutCarryOver, spec);
    const perWeek = runOptimization(withoutCarryOver, { ...spec, perWeek: true });
    const plan = perWeek.afterByWeek!;
    for (const w of weeksOf(plan)) {
      for (const c of channels) expect(plan[c][w]).toBeCloseTo(flat.after.plan[c], 3);
      // Closed form of each week's optimum: equal marginal returns among funded channels.
      const funded = channels.filter((c) => plan[c][w] > 1);
      const marginal = (c: (typeof channels)[number]) => fittedCurve(withoutCarryOver, c).marginal(plan[c][w]);
      for (const c of funded) expect(marginal(c)).toBeCloseTo(marginal(funded[0]), 6);
    }
    expect(perWeek.after.kpi).toBeCloseTo(flat.after.kpi, 4);
  });
});
