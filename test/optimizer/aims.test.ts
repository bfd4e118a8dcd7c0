import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { allocateBudget, EXPECTED_GAP, RISK_GAP, type PlanningAim } from '../../src/optimizer/allocate';
import { maximizeOverDraws, worstShareMean } from '../../src/optimizer/branchAndBound';
import { concaveEnvelope, piecesValue, tangentPieces } from '../../src/optimizer/envelope';
import { hillCurve } from '../../testkit/hill';
import type { ResponseCurve } from '../../src/optimizer/envelope';
import type { PlanningChannel } from '../../src/optimizer/requirements';
import { InfeasibleConstraintsError } from '../../src/scenarios/errors';
import { allocateBudgetInWords } from '../../src/scenarios/planningWords';

/** Every plan on a grid spending exactly the budget (2 or 3 channels), scored by `score`. */
function bestOnBudgetGrid(n: number, budget: number, steps: number, score: (plan: number[]) => number): { value: number; plan: number[] } {
  const h = budget / steps;
  let best = { value: -Infinity, plan: [] as number[] };
  const visit = (plan: number[], left: number) => {
    if (plan.length === n - 1) {
      const full = [...plan, left * h];
      const value = score(full);
      if (value > best.value) best = { value, plan: full };
      return;
    }
    for (let k = 0; k <= left; k++) visit([...plan, k * h], left - k);
  };
  visit([], steps);
  return best;
}

const hill = fc.record({
  max: fc.double({ min: 20, max: 200, noNaN: true }),
  half: fc.double({ min: 10, max: 100, noNaN: true }),
  shape: fc.double({ min: 0.7, max: 5, noNaN: true }),
});

/** Channels whose draws are independent Hill curves: the draws disagree as much as the arbitrary allows. */
const drawChannels = (draws: number) => fc.array(fc.array(hill, { minLength: draws, maxLength: draws }), { minLength: 2, maxLength: 3 });

function planningChannels(params: Array<Array<{ max: number; half: number; shape: number }>>, current: number): PlanningChannel[] {
  return params.map((draws, i) => {
    const curves = draws.map((p) => hillCurve(p.max, p.half, p.shape));
    return { name: `c${i}`, response: curves[0], draws: curves, currentWeeklySpend: current };
  });
}

const total = (curves: ResponseCurve[], plan: number[]) => curves.reduce((s, c, i) => s + c.contribution(plan[i]), 0);
const drawTotals = (channels: PlanningChannel[], plan: number[]) => channels[0].draws!.map((_, d) => total(channels.map((c) => c.draws![d]), plan));
const meanTotal = (channels: PlanningChannel[], plan: number[]) => drawTotals(channels, plan).reduce((s, v) => s + v, 0) / channels[0].draws!.length;

describe('plans over the model draws', () => {
  it('the mean curve of two draws turning at different spends bends twice, and the plan still finds its global optimum', () => {
    // One draw turns near 10, the other near 100: the mean has two convex stretches, where one
    // envelope of the mean curve (one sign change assumed) would not be a bound.
    const early = hillCurve(100, 10, 6);
    const late = hillCurve(100, 100, 6);
    const mean = (x: number) => 0.5 * (early.contribution(x) + late.contribution(x));
    const slope = (x: number) => 0.5 * (early.marginal(x) + late.marginal(x));
    const bending = (x: number) => Math.sign(slope(x + 1e-4) - slope(x - 1e-4));
    const signChanges = Array.from({ length: 149 }, (_, k) => 1 + k).filter((x) => bending(x) !== bending(x + 1)).length;
    expect(signChanges).toBe(3);
    const flat = hillCurve(40, 60, 1);
    const found = maximizeOverDraws({ draws: [[early, late], [flat, flat]], aim: { kind: 'mean' }, lower: [0, 0], upper: [150, 150], rows: [{ coefficients: [1, 1], sense: '=', rhs: 150 }] })!;
    const grid = bestOnBudgetGrid(2, 150, 15_000, (p) => mean(p[0]) + flat.contribution(p[1]));
    expect(found.value).toBeGreaterThanOrEqual(grid.value - 1e-6 * grid.value);
    expect(found.upperBound).toBeGreaterThanOrEqual(grid.value - 1e-9 * grid.value);
  });

  it('the one-curve envelope and its tangents are no bound on such a mean curve: they pass under it', () => {
    const early = hillCurve(100, 10, 6);
    const late = hillCurve(100, 100, 6);
    const mean: ResponseCurve = {
      contribution: (x) => 0.5 * (early.contribution(x) + late.contribution(x)),
      marginal: (x) => 0.5 * (early.marginal(x) + late.marginal(x)),
    };
    const env = concaveEnvelope(mean, 0, 150);
    const over = tangentPieces(mean, env, [30, 60, 90, 120, 150]);
    const shortfall = Math.max(...Array.from({ length: 151 }, (_, x) => mean.contribution(x) - piecesValue(over, env, x)));
    expect(shortfall).toBeGreaterThan(10);
  });

  it('the expected aim is never beaten by any plan on an exhaustive grid (2-3 channels, 4 draws each)', () => {
    fc.assert(
      fc.property(drawChannels(4), fc.double({ min: 10, max: 300, noNaN: true }), (params, budget) => {
        const channels = planningChannels(params, budget / params.length);
        const allocation = allocateBudget(channels, { kind: 'maxContribution', weeklyBudget: budget }, [], { kind: 'expected' });
        const plan = channels.map((c) => allocation.weeklySpend[c.name]);
        const grid = bestOnBudgetGrid(channels.length, budget, channels.length === 2 ? 2000 : 150, (p) => meanTotal(channels, p));
        expect(plan.reduce((s, x) => s + x, 0)).toBeCloseTo(budget, 6);
        expect(allocation.weeklyContribution).toBeCloseTo(meanTotal(channels, plan), 9);
        expect(allocation.optimalityGap).toBeLessThanOrEqual(EXPECTED_GAP);
        // What the search proves: within its gap of the best plan, so of the grid's best too.
        expect(allocation.weeklyContribution).toBeGreaterThanOrEqual(grid.value - allocation.optimalityGap * allocation.weeklyContribution - 1e-9 * grid.value);
      }),
      { numRuns: 40 },
    );
  });

  it('the safest aim is never beaten on the grid by more than its proven gap, measured as the worst-share mean gain over today (2-3 channels, 10 draws)', () => {
    fc.assert(
      fc.property(drawChannels(10), fc.double({ min: 10, max: 300, noNaN: true }), fc.double({ min: 0.1, max: 0.5, noNaN: true }), (params, budget, share) => {
        const channels = planningChannels(params, budget / params.length);
        const aim: PlanningAim = { kind: 'worstShare', share };
        const allocation = allocateBudget(channels, { kind: 'maxContribution', weeklyBudget: budget }, [], aim);
        const today = drawTotals(channels, channels.map((c) => c.currentWeeklySpend));
        const gain = (p: number[]) => worstShareMean(drawTotals(channels, p).map((v, d) => v - today[d]), share);
        const plan = channels.map((c) => allocation.weeklySpend[c.name]);
        const grid = bestOnBudgetGrid(channels.length, budget, channels.length === 2 ? 1000 : 80, gain);
        expect(allocation.aimValue).toBeCloseTo(gain(plan), 9);
        expect(allocation.optimalityGap).toBeLessThanOrEqual(RISK_GAP + 1e-12);
        expect(allocation.aimValue).toBeGreaterThanOrEqual(grid.value - allocation.optimalityGap * allocation.weeklyContribution - 1e-9 * Math.abs(grid.value));
        // Today's plan spends the budget too: the safest plan never does worse than it in its worst cases.
        expect(allocation.aimValue).toBeGreaterThanOrEqual(-allocation.optimalityGap * allocation.weeklyContribution - 1e-9);
      }),
      { numRuns: 25 },
    );
  });

  it('a KPI target under the safest aim is met in the worst 10% of draws on average, at a budget just below which it is not', () => {
    const channels = planningChannels(
      [
        [{ max: 100, half: 50, shape: 2 }, { max: 80, half: 40, shape: 3 }, { max: 120, half: 70, shape: 1.5 }, { max: 90, half: 30, shape: 2.5 }],
        [{ max: 60, half: 20, shape: 1 }, { max: 70, half: 35, shape: 2 }, { max: 50, half: 15, shape: 0.8 }, { max: 65, half: 25, shape: 1.2 }],
      ],
      40,
    );
    const aim: PlanningAim = { kind: 'worstShare', share: 0.25 };
    const reached = allocateBudget(channels, { kind: 'minCostForContribution', weeklyContribution: 70 }, [], aim);
    const spend = Object.values(reached.weeklySpend).reduce((a, b) => a + b, 0);
    const plan = channels.map((c) => reached.weeklySpend[c.name]);
    expect(worstShareMean(drawTotals(channels, plan), 0.25)).toBeGreaterThanOrEqual(70 * (1 - 1e-9));
    expect(reached.aimValue).toBeCloseTo(worstShareMean(drawTotals(channels, plan), 0.25), 9);
    const less = allocateBudget(channels, { kind: 'maxContribution', weeklyBudget: 0.99 * spend }, [], aim);
    expect(less.aimValue).toBeLessThan(70);
  });

  it('an increment under the expected aim keeps every channel at least at today\'s spend and is the grid\'s best such plan', () => {
    const channels = planningChannels(
      [
        [{ max: 100, half: 50, shape: 2 }, { max: 80, half: 40, shape: 3 }],
        [{ max: 60, half: 20, shape: 1 }, { max: 70, half: 35, shape: 2 }],
      ],
      30,
    );
    const allocation = allocateBudget(channels, { kind: 'marginal', weeklyIncrement: 40 }, [], { kind: 'expected' });
    const plan = channels.map((c) => allocation.weeklySpend[c.name]);
    plan.forEach((x) => expect(x).toBeGreaterThanOrEqual(30 - 1e-9));
    const grid = bestOnBudgetGrid(2, 100, 4000, (p) => (p.every((x) => x >= 30) ? meanTotal(channels, p) : -Infinity));
    expect(allocation.weeklyContribution).toBeGreaterThanOrEqual(grid.value - allocation.optimalityGap * allocation.weeklyContribution - 1e-9 * grid.value);
  });

  it('the worst-share mean is the mean of the worst share, fractional at the edge', () => {
    expect(worstShareMean([5, 1, 3, 2, 4], 0.4)).toBeCloseTo(1.5, 12);
    expect(worstShareMean([5, 1, 3, 2, 4], 0.5)).toBeCloseTo((1 + 2 + 0.5 * 3) / 2.5, 12);
    expect(worstShareMean([5, 1, 3, 2, 4], 1)).toBeCloseTo(3, 12);
  });

  it('explains conflicting constraints the same way whatever the aim', () => {
    const channels = planningChannels([[{ max: 100, half: 50, shape: 2 }, { max: 90, half: 40, shape: 2 }], [{ max: 100, half: 50, shape: 2 }, { max: 80, half: 60, shape: 3 }]], 50);
    for (const aim of [{ kind: 'point' }, { kind: 'expected' }, { kind: 'worstShare', share: 0.5 }] as PlanningAim[]) {
      expect(() => allocateBudgetInWords(channels, { kind: 'maxContribution', weeklyBudget: 100 }, [{ kind: 'bounds', channel: 'c0', min: 80 }, { kind: 'bounds', channel: 'c1', min: 30 }], aim)).toThrow(InfeasibleConstraintsError);
      try {
        allocateBudgetInWords(channels, { kind: 'maxContribution', weeklyBudget: 100 }, [{ kind: 'bounds', channel: 'c0', min: 80 }, { kind: 'bounds', channel: 'c1', min: 30 }], aim);
      } catch (error) {
        expect((error as InfeasibleConstraintsError).conflicts).toEqual(['c0 at least 80 a week', 'c1 at least 30 a week', 'a total of 100 a week']);
      }
    }
  });

  it('refuses to plan on draws a model does not have, saying so', () => {
    const channels: PlanningChannel[] = [0, 1].map((i) => ({ name: `c${i}`, response: hillCurve(100, 50, 2), currentWeeklySpend: 10 }));
    expect(() => allocateBudgetInWords(channels, { kind: 'maxContribution', weeklyBudget: 20 }, [], { kind: 'expected' })).toThrow(/needs its draws.*has none/);
  });
});
