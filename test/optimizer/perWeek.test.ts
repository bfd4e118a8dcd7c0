import { describe, expect, it } from 'vitest';
import { horizonContribution } from '../../src/optimizer/carryOver';
import { hillCurve } from '../../testkit/hill';
import { improveLocally, KKT_GAIN, KKT_RADIUS } from '../../src/optimizer/localAscent';
import { planWeekByWeek, type PerWeekBudget, type PerWeekProblem } from '../../src/optimizer/perWeek';
import { requirementsOf, type Requirement } from '../../src/optimizer/requirements';
import { requirementInWords } from '../../src/scenarios/planningWords';
import { everyConstraintKind, geometricLagWeights, mixedChannel, seeded } from '../../testkit/optimizer/problems';

/** Channels with S-shaped and concave curves, carry-over, today's spend as history, and every constraint kind. */
function mixedProblem(channelCount: number, weeks: number, seed: number, per: PerWeekBudget['per'], constraints = true): PerWeekProblem {
  const random = seeded(seed);
  const channels = Array.from({ length: channelCount }, (_, i) => {
    const channel = mixedChannel(i, random);
    const carryOver = { lagWeights: geometricLagWeights(0.2 + 0.5 * random(), 6), history: new Array<number>(6).fill(channel.currentWeeklySpend) };
    return { ...channel, carryOver };
  });
  const weekly = channels.reduce((s, c) => s + c.currentWeeklySpend, 0);
  const kinds = everyConstraintKind(channels);
  const requirements = (constraints ? kinds : kinds.slice(0, 1)).flatMap((c) => requirementsOf(channels, c));
  // Today's plan meets max-change and, for these draws, the rest; a start is all the method needs.
  return {
    channels,
    weeks,
    requirements,
    budget: per === 'week' ? { per, amount: weekly } : { per, amount: weeks * weekly },
    flatWeeklySpend: channels.map((c) => c.currentWeeklySpend),
  };
}

function holds(r: Requirement, spend: number[], tolerance: number): boolean {
  const lhs = r.coefficients.reduce((s, a, i) => s + a * spend[i], 0);
  if (r.sense === '<=') return lhs <= r.rhs + tolerance;
  if (r.sense === '>=') return lhs >= r.rhs - tolerance;
  return Math.abs(lhs - r.rhs) <= tolerance;
}

const objectiveOf = (problem: PerWeekProblem) =>
  horizonContribution(
    problem.channels.map((c) => ({ curve: c.response, ...c.carryOver })),
    problem.weeks,
  );

describe('planWeekByWeek against brute force (2 channels, 3 weeks, a horizon budget)', () => {
  // Concave curves, so the local method's stationary plan is the global optimum the grid approaches.
  const tv = hillCurve(900, 400, 0.9);
  const search = hillCurve(500, 150, 1);
  const problem: PerWeekProblem = {
    channels: [
      { name: 'tv', response: tv, currentWeeklySpend: 300, carryOver: { lagWeights: [0.5, 0.3, 0.2], history: [0, 0] } },
      { name: 'search', response: search, currentWeeklySpend: 300, carryOver: { lagWeights: [1], history: [] } },
    ],
    weeks: 3,
    requirements: [],
    budget: { per: 'horizon', amount: 1800 },
    flatWeeklySpend: [300, 300],
  };

  /** Best plan over every split of the budget into `steps` units over the 6 (week, channel) cells. */
  function bestSplit(steps: number): { value: number; plan: number[] } {
    const objective = objectiveOf(problem);
    const unit = problem.budget.amount / steps;
    let best = { value: -Infinity, plan: [] as number[] };
    const units = new Array<number>(6).fill(0);
    const visit = (cell: number, left: number) => {
      if (cell === 5) {
        units[5] = left;
        const plan = units.map((u) => u * unit);
        const value = objective.value(plan);
        if (value > best.value) best = { value, plan };
        return;
      }
      for (let k = 0; k <= left; k++) {
        units[cell] = k;
        visit(cell + 1, left - k);
      }
    };
    visit(0, steps);
    return best;
  }

  /** For a concave objective, the best feasible move of its linearization bounds how far below the optimum a plan can be (the Frank–Wolfe gap). */
  function optimumAtMost(plan: number[]): number {
    const objective = objectiveOf(problem);
    const g = objective.gradient(plan);
    return objective.value(plan) + problem.budget.amount * Math.max(...g) - g.reduce((s, gi, i) => s + gi * plan[i], 0);
  }

  it('beats every plan on the grid, is within its own certified gap of the optimum, and front-loads as the grid does', () => {
    const plan = planWeekByWeek(problem);
    const grid = bestSplit(36);
    expect(plan.converged).toBe(true);
    expect(plan.contribution).toBeGreaterThanOrEqual(grid.value);
    // Concave curves through linear carry-over: the gap at the grid's best bounds the optimum,
    // and the gap at the plan is what the stop certifies. The certificate is for moves of
    // KKT_RADIUS of the scale (the largest spend at the start); the gap's move can shift the whole
    // budget, and a linear program's gain grows at most in proportion to its box.
    expect(plan.contribution).toBeLessThanOrEqual(optimumAtMost(grid.plan));
    const certified = KKT_GAIN * plan.contribution * (problem.budget.amount / (KKT_RADIUS * Math.max(...problem.flatWeeklySpend)));
    expect(optimumAtMost(plan.weeklySpend.flat()) - plan.contribution).toBeLessThanOrEqual(certified);
    // With nothing carried in, TV's first week echoes through the whole horizon: both put more there than in the last.
    expect(grid.plan[0]).toBeGreaterThan(grid.plan[4]);
    expect(plan.weeklySpend[0][0]).toBeGreaterThan(plan.weeklySpend[2][0]);
  });
});

describe('planWeekByWeek at its answer', () => {
  for (const per of ['week', 'horizon'] as const) {
    it(`returns equal marginal returns wherever bounds are slack (budget per ${per}, bounds only)`, () => {
      const problem = mixedProblem(6, 8, 11, per, false);
      const plan = planWeekByWeek(problem);
      expect(plan.converged).toBe(true);
      const gradient = objectiveOf(problem).gradient(plan.weeklySpend.flat());
      const n = problem.channels.length;
      const [maxChange] = problem.requirements.length ? [problem.requirements] : [[]];
      const lowOf = (c: number) => maxChange.find((r) => r.channel === c && r.sense === '>=')!.rhs;
      const highOf = (c: number) => maxChange.find((r) => r.channel === c && r.sense === '<=')!.rhs;
      // One price of a unit of budget per week (weekly budget) or for the horizon: every slack
      // spend earns it at the margin, spends at their floor earn less, at their ceiling more.
      const groups = per === 'week' ? plan.weeklySpend.map((_, w) => [w]) : [plan.weeklySpend.map((_, w) => w)];
      let slackCells = 0;
      for (const weeks of groups) {
        const cells = weeks.flatMap((w) => problem.channels.map((_, c) => ({ spend: plan.weeklySpend[w][c], marginal: gradient[w * n + c], low: lowOf(c), high: highOf(c) })));
        const slack = cells.filter((cell) => cell.spend > cell.low + 1e-6 * cell.high && cell.spend < cell.high * (1 - 1e-6));
        expect(slack.length).toBeGreaterThan(0);
        slackCells += slack.length;
        const price = slack[0].marginal;
        for (const cell of slack) expect(cell.marginal).toBeCloseTo(price, 4);
        for (const cell of cells.filter((c) => c.spend <= c.low + 1e-6 * c.high)) expect(cell.marginal).toBeLessThanOrEqual(price * (1 + 1e-5));
        for (const cell of cells.filter((c) => c.spend >= c.high * (1 - 1e-6))) expect(cell.marginal).toBeGreaterThanOrEqual(price * (1 - 1e-5));
      }
      expect(slackCells).toBeGreaterThan(groups.length);
    });
  }

  it('converges, keeps every requirement in every week and the budget, and never loses to the flat plan (10 channels, 13 weeks, every constraint kind)', () => {
    for (const per of ['week', 'horizon'] as const) {
      for (let seed = 1; seed <= 6; seed++) {
        const problem = mixedProblem(10, 13, seed, per);
        const plan = planWeekByWeek(problem);
        const context = `budget per ${per}, seed ${seed}`;
        expect(plan.converged, context).toBe(true);
        expect(plan.contribution, context).toBeGreaterThanOrEqual(plan.flatContribution);
        const scale = problem.budget.amount;
        for (const spend of plan.weeklySpend) {
          for (const r of problem.requirements) expect(holds(r, spend, 1e-9 * scale), `${requirementInWords(r.means)}, ${context}`).toBe(true);
          for (const s of spend) expect(s).toBeGreaterThanOrEqual(0);
        }
        const weekTotals = plan.weeklySpend.map((spend) => spend.reduce((a, b) => a + b, 0));
        if (per === 'week') weekTotals.forEach((total) => expect(total).toBeCloseTo(problem.budget.amount, 6));
        else expect(weekTotals.reduce((a, b) => a + b, 0)).toBeCloseTo(problem.budget.amount, 5);
      }
    }
  });
});

describe('improveLocally', () => {
  it('lands on an interior optimum in a few steps, where corner-to-corner LP steps zigzag', () => {
    // max Σ −(x_i − t_i)² with Σ x_i = Σ t_i + 10 and 0 ≤ x ≤ 100: the optimum is t_i + 10/n, interior.
    const n = 40;
    const target = Array.from({ length: n }, (_, i) => 20 + (37 * i) % 50);
    const sum = target.reduce((a, b) => a + b, 0) + 10;
    const objective = {
      value: (x: number[]) => -x.reduce((s, xi, i) => s + (xi - target[i]) ** 2, 0),
      gradient: (x: number[]) => x.map((xi, i) => -2 * (xi - target[i])),
    };
    const result = improveLocally({
      objective,
      start: new Array<number>(n).fill(sum / n),
      lower: new Array<number>(n).fill(0),
      upper: new Array<number>(n).fill(100),
      rows: [{ coefficients: new Array<number>(n).fill(1), sense: '=', rhs: sum }],
    });
    expect(result.converged).toBe(true);
    result.x.forEach((xi, i) => expect(xi).toBeCloseTo(target[i] + 10 / n, 4));
    expect(result.iterations).toBeLessThanOrEqual(10);
  });

  it('holds rows that repeat each other and stops on the bound that binds', () => {
    // The same budget said twice (as weekly rows would say a horizon total), and a ceiling on b.
    const objective = { value: ([a, b]: number[]) => Math.log(1 + a) + 2 * Math.log(1 + b), gradient: ([a, b]: number[]) => [1 / (1 + a), 2 / (1 + b)] };
    const budget = { coefficients: [1, 1], sense: '=' as const, rhs: 10 };
    const result = improveLocally({ objective, start: [5, 5], lower: [0, 0], upper: [Infinity, 6], rows: [budget, { ...budget, coefficients: [2, 2], rhs: 20 }] });
    // Unbounded, b would take 2(1 + a) − 1, i.e. a = 3, b = 7; the ceiling holds b at 6.
    expect(result.converged).toBe(true);
    expect(result.x[0]).toBeCloseTo(4, 9);
    expect(result.x[1]).toBeCloseTo(6, 9);
  });
});
