/**
 * Budget allocation in the marketer's terms: the three goals (most KPI for a budget, a KPI
 * target at least cost, where the next increment should go) over channels' steady-state
 * weekly response curves, under the spec's constraints. Everything here is weekly spend and
 * weekly media contribution; src/scenarios converts horizons and total KPI, and words what it
 * is told (src/scenarios/planningWords.ts).
 */
import { maximizeOverDraws, type DrawAim } from './branchAndBound';
import type { PlanConstraint, RequirementMeaning } from './constraints';
import type { ResponseCurve } from './envelope';
import { PlanningRefused } from './errors';
import { isActive } from './polish';
import { assertCanAllHold, keepingCurrentSpend, requirementsOfAll, totalRequirement, type PlanningChannel, type Requirement } from './requirements';
import { solveLinearProgram, type LinearRow } from './simplex';

export type AllocationGoal =
  /** Spend exactly this weekly budget for the most media contribution. */
  | { kind: 'maxContribution'; weeklyBudget: number }
  /** Reach this weekly media contribution at the least weekly spend. */
  | { kind: 'minCostForContribution'; weeklyContribution: number }
  /** Add this much weekly spend on top of the current plan, taking nothing away. */
  | { kind: 'marginal'; weeklyIncrement: number };

/**
 * Which curves a plan is best on. `point`: the point estimate's. `expected`: the mean over the
 * channels' draws (`PlanningChannel.draws`), i.e. the expected KPI. `worstShare`: the mean of
 * the worst `share` of draws of the plan's gain over today's plan (CVaR), computed on at most
 * RISK_DRAWS of the draws (an even, deterministic subsample: the bound is an LP with a row per draw).
 */
export type PlanningAim = { kind: 'point' } | { kind: 'expected' } | { kind: 'worstShare'; share: number };

/** Draws the worst-share aim plans on, at most: each bound of its search is a play over the draws' weights. */
export const RISK_DRAWS = 100;
/**
 * Proven gap of worst-share plans, as a share of the plan's contribution: its bounds close more
 * slowly than the mean's (a play between plan and weights on every box), and 0.1% of the
 * contribution is well inside what the draws themselves can tell apart.
 */
export const RISK_GAP = 1e-3;
/**
 * Proven gap of expected-KPI plans, as a share of the plan's contribution. Each box bounds 200
 * draws' envelopes, so the last digits cost most: on a fitted 9-channel model a gap of 1e-6 took
 * 155 boxes and 2.2 s, 1e-5 53 boxes and 0.6 s, for the same plan to 1e-15 after polishing.
 */
export const EXPECTED_GAP = 1e-5;

export interface Allocation {
  weeklySpend: Record<string, number>;
  /** Media contribution of the plan per week (steady state), on the aim's curves: the point estimate's for `point`, the draws' mean otherwise. */
  weeklyContribution: number;
  /**
   * What the aim maximized, per week: the contribution for `point` and `expected`; for
   * `worstShare`, the mean over the worst share of draws of the gain over today's plan (of the
   * contribution itself for a KPI target, where there is nothing to gain over).
   */
  aimValue: number;
  /** KPI from one more unit of weekly spend, per channel, at the plan (on the aim's curves). */
  marginalRoas: Record<string, number>;
  /** The requirements that are tight at the plan. */
  binding: RequirementMeaning[];
  /** How far the plan can be from the best possible, as a fraction of its contribution (proven). */
  optimalityGap: number;
  /** Branch-and-bound boxes explored (summed over budgets for a target). */
  nodes: number;
  solveMs: number;
}

interface Solved {
  x: number[];
  /** The aim's value. */
  value: number;
  /** The draws' mean total (the value itself for `point` and `expected`). */
  meanValue: number;
  upperBound: number;
  nodes: number;
}

/** Every `step`-th draw, so that at most `most` are kept, the same ones on every run. */
function evenSubsample<T>(items: T[], most: number): T[] {
  if (items.length <= most) return items;
  const step = items.length / most;
  return Array.from({ length: most }, (_, k) => items[Math.floor(k * step)]);
}

/** The channels' curves under each draw the aim plans on (one "draw" for the point estimate). */
function curvesForAim(channels: PlanningChannel[], aim: PlanningAim): ResponseCurve[][] {
  if (aim.kind === 'point') return channels.map((c) => [c.response]);
  const count = channels[0].draws?.length ?? 0;
  if (count === 0 || channels.some((c) => c.draws?.length !== count)) {
    throw new PlanningRefused({ kind: 'noDraws', uneven: count !== 0 });
  }
  return channels.map((c) => (aim.kind === 'worstShare' ? evenSubsample(c.draws as ResponseCurve[], RISK_DRAWS) : (c.draws as ResponseCurve[])));
}

/** The branch-and-bound aim, given what the plan's gain is measured against (per draw). */
function drawAim(aim: PlanningAim, curves: ResponseCurve[][], against: number[] | 'nothing'): DrawAim {
  if (aim.kind !== 'worstShare') return { kind: 'mean' };
  const drawCount = curves[0].length;
  const base = Array.from({ length: drawCount }, (_, d) => (against === 'nothing' ? 0 : curves.reduce((s, draws, i) => s + draws[d].contribution(against[i]), 0)));
  return { kind: 'cvar', share: aim.share, base };
}

function checkAim(aim: PlanningAim): void {
  if (aim.kind === 'worstShare' && !(aim.share > 0 && aim.share <= 1)) throw new PlanningRefused({ kind: 'worstShareOutOfRange', share: aim.share });
}

function checkChannels(channels: PlanningChannel[]): void {
  if (channels.length === 0) throw new PlanningRefused({ kind: 'noChannels' });
  const seen = new Set<string>();
  for (const c of channels) {
    if (seen.has(c.name)) throw new PlanningRefused({ kind: 'channelTwice', channel: c.name });
    seen.add(c.name);
    if (!Number.isFinite(c.currentWeeklySpend) || c.currentWeeklySpend < 0) {
      throw new PlanningRefused({ kind: 'negativeCurrentSpend', channel: c.name, value: c.currentWeeklySpend });
    }
  }
}

function checkAmount(value: number, amount: 'weeklyBudget' | 'weeklyIncrement' | 'weeklyContributionTarget'): void {
  if (!Number.isFinite(value) || value < 0) throw new PlanningRefused({ kind: 'negativeAmount', amount, value });
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
function solveWithin(channels: PlanningChannel[], requirements: Requirement[], aim: PlanningAim, against: number[] | 'nothing'): Solved {
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
  const curves = curvesForAim(channels, aim);
  const found = maximizeOverDraws({
    draws: curves,
    aim: drawAim(aim, curves, against),
    lower: ranges.lower,
    upper: ranges.upper,
    rows,
    ...(aim.kind === 'worstShare' ? { relativeGap: RISK_GAP } : aim.kind === 'expected' ? { relativeGap: EXPECTED_GAP } : {}),
  });
  if (!found) throw new Error('the optimizer found no plan although the constraints can all hold');
  return found;
}

function marginalRequirements(channels: PlanningChannel[], weeklyIncrement: number): Requirement[] {
  const current = channels.reduce((s, c) => s + c.currentWeeklySpend, 0);
  return [...keepingCurrentSpend(channels), totalRequirement(channels, '=', current + weeklyIncrement)];
}

/** Most contribution for a total of at most `weeklyBudget`. */
function solveUpTo(channels: PlanningChannel[], requirements: Requirement[], weeklyBudget: number, aim: PlanningAim): Solved {
  return solveWithin(channels, [...requirements, totalRequirement(channels, '<=', weeklyBudget)], aim, 'nothing');
}

/**
 * The best contribution for a budget never falls as the budget grows (spending is "at most"),
 * so the least budget reaching the target is found by bisection on the budget, each step a
 * global solve.
 */
function solveForTarget(channels: PlanningChannel[], requirements: Requirement[], target: number, aim: PlanningAim): Solved {
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
    const solved = solveUpTo(channels, requirements, budget, aim);
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
      throw new PlanningRefused({ kind: 'targetOutOfReach', weeklyTarget: target, weeklyMost: highSolved.value });
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

export function allocateBudget(channels: PlanningChannel[], goal: AllocationGoal, constraints: PlanConstraint[], aim: PlanningAim = { kind: 'point' }): Allocation {
  const started = performance.now();
  checkChannels(channels);
  checkAim(aim);
  const today = channels.map((c) => c.currentWeeklySpend);
  const requirements = requirementsOfAll(channels, constraints);
  let solved: Solved;
  let all: Requirement[];
  switch (goal.kind) {
    case 'maxContribution':
      checkAmount(goal.weeklyBudget, 'weeklyBudget');
      all = [...requirements, totalRequirement(channels, '=', goal.weeklyBudget)];
      solved = solveWithin(channels, all, aim, today);
      break;
    case 'marginal':
      checkAmount(goal.weeklyIncrement, 'weeklyIncrement');
      all = [...requirements, ...marginalRequirements(channels, goal.weeklyIncrement)];
      solved = solveWithin(channels, all, aim, today);
      break;
    case 'minCostForContribution':
      checkAmount(goal.weeklyContribution, 'weeklyContributionTarget');
      all = requirements;
      solved = solveForTarget(channels, requirements, goal.weeklyContribution, aim);
      break;
  }
  const weeklySpend: Record<string, number> = {};
  const marginalRoas: Record<string, number> = {};
  const mean = (draws: ResponseCurve[], x: number) => draws.reduce((s, r) => s + r.marginal(x), 0) / draws.length;
  channels.forEach((c, i) => {
    weeklySpend[c.name] = solved.x[i];
    marginalRoas[c.name] = aim.kind === 'point' ? c.response.marginal(solved.x[i]) : mean(c.draws as ResponseCurve[], solved.x[i]);
  });
  const scale = Math.max(1, ...solved.x);
  return {
    weeklySpend,
    weeklyContribution: solved.meanValue,
    aimValue: solved.value,
    marginalRoas,
    binding: all.filter((r) => isActive(r, solved.x, 1e-7 * scale)).map((r) => r.means),
    // Relative to the plan's contribution, as for every aim: a worst-case gain can be near zero.
    optimalityGap: solved.meanValue > 0 ? Math.max(0, solved.upperBound - solved.value) / solved.meanValue : 0,
    nodes: solved.nodes,
    solveMs: performance.now() - started,
  };
}
