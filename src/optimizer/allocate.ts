/**
 * Budget allocation in the marketer's terms: the three goals (most KPI for a budget, a KPI
 * target at least cost, where the next increment should go) over channels' steady-state
 * weekly response curves, under the spec's constraints. Everything here is weekly spend and
 * weekly media contribution; src/scenarios converts horizons and total KPI.
 */
import type { Constraint } from '../scenarios/spec';
import { ScenarioError } from '../scenarios/errors';
import { maximizeSeparable } from './branchAndBound';
import { isActive } from './polish';
import { assertCanAllHold, channelBound, formatMoney, requirementsOf, totalRequirement, type PlanningChannel, type Requirement } from './requirements';
import { solveLinearProgram, type LinearRow } from './simplex';

export type AllocationGoal =
  /** Spend exactly this weekly budget for the most media contribution. */
  | { kind: 'maxContribution'; weeklyBudget: number }
  /** Reach this weekly media contribution at the least weekly spend. */
  | { kind: 'minCostForContribution'; weeklyContribution: number }
  /** Add this much weekly spend on top of the current plan, taking nothing away. */
  | { kind: 'marginal'; weeklyIncrement: number };

export interface Allocation {
  weeklySpend: Record<string, number>;
  /** Media contribution of the plan per week (steady state). */
  weeklyContribution: number;
  /** KPI from one more unit of weekly spend, per channel, at the plan. */
  marginalRoas: Record<string, number>;
  /** The constraints that are tight at the plan, in words. */
  binding: string[];
  /** How far the plan can be from the best possible, as a fraction of its contribution (proven). */
  optimalityGap: number;
  /** Branch-and-bound boxes explored (summed over budgets for a target). */
  nodes: number;
  solveMs: number;
}

interface Solved {
  x: number[];
  value: number;
  upperBound: number;
  nodes: number;
}

function checkChannels(channels: PlanningChannel[]): void {
  if (channels.length === 0) throw new ScenarioError('There are no channels to allocate a budget to.');
  const seen = new Set<string>();
  for (const c of channels) {
    if (seen.has(c.name)) throw new ScenarioError(`Channel "${c.name}" is listed twice.`);
    seen.add(c.name);
    if (!Number.isFinite(c.currentWeeklySpend) || c.currentWeeklySpend < 0) {
      throw new ScenarioError(`The current weekly spend of ${c.name} must be a non-negative number, got ${c.currentWeeklySpend}.`);
    }
  }
}

function checkAmount(value: number, what: string): void {
  if (!Number.isFinite(value) || value < 0) throw new ScenarioError(`${what} must be a non-negative number, got ${value}.`);
}

/** The lowest and highest weekly spend each channel can take while every requirement holds. */
function spendRanges(n: number, rows: LinearRow[], lower: number[], upper: number[]): { lower: number[]; upper: number[] } {
  const extreme = (i: number, sign: 1 | -1) => {
    const cost = new Array<number>(n).fill(0);
    cost[i] = sign;
    const result = solveLinearProgram({ cost, rows, lower, upper });
    return result.status === 'optimal' ? result.x[i] : sign > 0 ? lower[i] : Infinity;
  };
  return {
    lower: lower.map((_, i) => Math.max(lower[i], extreme(i, 1))),
    upper: upper.map((_, i) => Math.min(upper[i], extreme(i, -1))),
  };
}

/** The best plan meeting all requirements; they must be able to hold together, and bound total spend. */
function solveWithin(channels: PlanningChannel[], requirements: Requirement[]): Solved {
  const n = channels.length;
  assertCanAllHold(n, requirements);
  const lower = new Array<number>(n).fill(0);
  const upper = new Array<number>(n).fill(Infinity);
  const rows: LinearRow[] = [];
  for (const r of requirements) {
    if (r.channel !== undefined && r.sense === '>=') lower[r.channel] = Math.max(lower[r.channel], r.rhs);
    else if (r.channel !== undefined && r.sense === '<=') upper[r.channel] = Math.min(upper[r.channel], r.rhs);
    else rows.push(r);
  }
  const ranges = spendRanges(n, rows, lower, upper);
  const unbounded = channels.filter((_, i) => !Number.isFinite(ranges.upper[i]));
  if (unbounded.length > 0) throw new Error(`no budget limits the spend of ${unbounded.map((c) => c.name).join(', ')}`);
  // Rounding in the range LPs must not turn a fixed channel into an empty interval.
  ranges.upper = ranges.upper.map((u, i) => Math.max(u, ranges.lower[i]));
  const found = maximizeSeparable({ curves: channels.map((c) => c.response), lower: ranges.lower, upper: ranges.upper, rows });
  if (!found) throw new Error('the optimizer found no plan although the constraints can all hold');
  return found;
}

function marginalRequirements(channels: PlanningChannel[], weeklyIncrement: number): Requirement[] {
  const current = channels.reduce((s, c) => s + c.currentWeeklySpend, 0);
  const keep = channels.map((c, i) => channelBound(channels, i, '>=', c.currentWeeklySpend, `${c.name} keeps at least its current ${formatMoney(c.currentWeeklySpend)} a week`));
  return [...keep, totalRequirement(channels, '=', current + weeklyIncrement)];
}

/** Most contribution for a total of at most `weeklyBudget`. */
function solveUpTo(channels: PlanningChannel[], requirements: Requirement[], weeklyBudget: number): Solved {
  return solveWithin(channels, [...requirements, totalRequirement(channels, '<=', weeklyBudget)]);
}

/**
 * The best contribution for a budget never falls as the budget grows (spending is "at most"),
 * so the least budget reaching the target is found by bisection on the budget, each step a
 * global solve.
 */
function solveForTarget(channels: PlanningChannel[], requirements: Requirement[], target: number): Solved {
  assertCanAllHold(channels.length, requirements);
  const n = channels.length;
  const cheapest = solveLinearProgram({
    cost: new Array<number>(n).fill(1),
    rows: requirements,
    lower: new Array<number>(n).fill(0),
    upper: new Array<number>(n).fill(Infinity),
  });
  let low = cheapest.status === 'optimal' ? cheapest.value : 0;
  let nodes = 0;
  const attempt = (budget: number) => {
    const solved = solveUpTo(channels, requirements, budget);
    nodes += solved.nodes;
    return solved;
  };
  let lowSolved = attempt(low);
  if (lowSolved.value >= target) return { ...lowSolved, nodes };
  let high = Math.max(2 * low, channels.reduce((s, c) => s + c.currentWeeklySpend, 0), 1);
  let highSolved = attempt(high);
  while (highSolved.value < target) {
    const previous = highSolved.value;
    high *= 2;
    highSolved = attempt(high);
    if (highSolved.value <= previous * (1 + 1e-9) || high > 1e15) {
      throw new ScenarioError(
        `A media contribution of ${formatMoney(target)} a week is out of reach: within the constraints the channels saturate at about ${formatMoney(highSolved.value)} a week.`,
      );
    }
  }
  while (high - low > 1e-7 * high) {
    const middle = 0.5 * (low + high);
    const solved = attempt(middle);
    if (solved.value >= target) [high, highSolved] = [middle, solved];
    else [low, lowSolved] = [middle, solved];
  }
  return { ...highSolved, nodes };
}

export function allocateBudget(channels: PlanningChannel[], goal: AllocationGoal, constraints: Constraint[]): Allocation {
  const started = performance.now();
  checkChannels(channels);
  const requirements = constraints.flatMap((c) => requirementsOf(channels, c));
  let solved: Solved;
  let all: Requirement[];
  switch (goal.kind) {
    case 'maxContribution':
      checkAmount(goal.weeklyBudget, 'The weekly budget');
      all = [...requirements, totalRequirement(channels, '=', goal.weeklyBudget)];
      solved = solveWithin(channels, all);
      break;
    case 'marginal':
      checkAmount(goal.weeklyIncrement, 'The weekly increment');
      all = [...requirements, ...marginalRequirements(channels, goal.weeklyIncrement)];
      solved = solveWithin(channels, all);
      break;
    case 'minCostForContribution':
      checkAmount(goal.weeklyContribution, 'The weekly contribution target');
      all = requirements;
      solved = solveForTarget(channels, requirements, goal.weeklyContribution);
      break;
  }
  const weeklySpend: Record<string, number> = {};
  const marginalRoas: Record<string, number> = {};
  channels.forEach((c, i) => {
    weeklySpend[c.name] = solved.x[i];
    marginalRoas[c.name] = c.response.marginal(solved.x[i]);
  });
  const scale = Math.max(1, ...solved.x);
  return {
    weeklySpend,
    weeklyContribution: solved.value,
    marginalRoas,
    binding: all.filter((r) => isActive(r, solved.x, 1e-7 * scale)).map((r) => r.says),
    optimalityGap: solved.value > 0 ? Math.max(0, solved.upperBound - solved.value) / solved.value : 0,
    nodes: solved.nodes,
    solveMs: performance.now() - started,
  };
}
