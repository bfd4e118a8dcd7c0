/**
 * Per-week plans: spend per channel per week over the horizon, scored by the horizon's media
 * contribution with carry-over (./carryOver), under the same constraints as a flat plan applied
 * in every week, and a budget that is either spent each week or spread over the horizon as the
 * plan sees fit.
 *
 * What is and is not guaranteed:
 * - The flat plan it starts from is the global optimum of the steady-state problem
 *   (./allocate, branch-and-bound), and a flat plan is one of the per-week plans, so the
 *   per-week plan is never worse than the flat one (checked here, not just hoped).
 * - The refinement (./localAscent) is a LOCAL improvement from that start: `converged` means
 *   it ends at a first-order stationary plan (a KKT certificate: no feasible move of 1% of the
 *   largest spend promises more than 1e-8 of the KPI), not a proven global optimum of the
 *   per-week problem. With carry-over the weeks are coupled and the S-shaped curves make the
 *   problem non-concave; no gap is proven for it (and another start can find a better plan:
 *   1 of 150 bench-style problems ended lower than the former ascent did, 42 higher).
 * - Without carry-over and with a weekly budget the weeks are independent copies of the flat
 *   problem, so the flat global optimum is already optimal in every week and stays as it is.
 */
import { horizonContribution, type CarryOverChannel } from './carryOver';
import type { RequirementMeaning } from './constraints';
import { PlanningRefused } from './errors';
import { improveLocally } from './localAscent';
import { isActive } from './polish';
import type { PlanningChannel, Requirement } from './requirements';
import type { LinearRow } from './simplex';

/** A budget spent in full every week, or in total over the horizon with uneven weeks allowed. */
export type PerWeekBudget = { per: 'week'; amount: number } | { per: 'horizon'; amount: number };

export interface PerWeekProblem {
  channels: Array<PlanningChannel & { carryOver: Omit<CarryOverChannel, 'curve'> }>;
  weeks: number;
  /** Weekly requirements (bounds, max change, shares, ratios): each must hold in every week. */
  requirements: Requirement[];
  budget: PerWeekBudget;
  /** The flat weekly plan to start from; it must meet the requirements and the budget. */
  flatWeeklySpend: number[];
}

export interface PerWeekBinding {
  means: RequirementMeaning;
  /** The weeks it is tight in, when not all of them. */
  weeks?: number[];
}

export interface PerWeekPlan {
  /** Spend per week (outer) per channel (inner, in the problem's channel order). */
  weeklySpend: number[][];
  /** Media contribution over the horizon, carry-over included. */
  contribution: number;
  /** The same for the flat plan it started from. */
  flatContribution: number;
  /** KPI over the horizon from one more unit of spend in every week, per unit spent. */
  marginalRoas: number[];
  /** Requirements tight at the plan, with the weeks (1-based) when not every week; the budget last. */
  binding: PerWeekBinding[];
  iterations: number;
  /** False when the refinement stopped on its iteration cap (or could not move) before certifying a stationary plan. */
  converged: boolean;
}

/** Places a one-week row of coefficients at week `week` of a week-major plan. */
function inWeek(coefficients: number[], week: number, channelCount: number, weeks: number): number[] {
  const row = new Array<number>(channelCount * weeks).fill(0);
  coefficients.forEach((a, c) => (row[week * channelCount + c] = a));
  return row;
}

function budgetRows(n: number, weeks: number, budget: PerWeekBudget): LinearRow[] {
  if (budget.per === 'horizon') return [{ coefficients: new Array<number>(n * weeks).fill(1), sense: '=', rhs: budget.amount }];
  return Array.from({ length: weeks }, (_, w) => ({ coefficients: inWeek(new Array<number>(n).fill(1), w, n, weeks), sense: '=' as const, rhs: budget.amount }));
}

function budgetMeaning(budget: PerWeekBudget, weeks: number): RequirementMeaning {
  return budget.per === 'week' ? { kind: 'total', sense: '=', amount: budget.amount } : { kind: 'total', sense: '=', amount: budget.amount, weeks };
}

function bindingAt(requirements: Requirement[], plan: number[][], budget: PerWeekBudget): PerWeekBinding[] {
  const weeks = plan.length;
  const scale = Math.max(1, ...plan.flat());
  const out: PerWeekBinding[] = [];
  for (const r of requirements) {
    const tight = plan.flatMap((spend, w) => (isActive(r, spend, 1e-7 * scale) ? [w + 1] : []));
    if (tight.length === weeks) out.push({ means: r.means });
    else if (tight.length > 0) out.push({ means: r.means, weeks: tight });
  }
  out.push({ means: budgetMeaning(budget, weeks) });
  return out;
}

export function planWeekByWeek(problem: PerWeekProblem): PerWeekPlan {
  const { channels, weeks, requirements, budget } = problem;
  const n = channels.length;
  if (problem.flatWeeklySpend.length !== n) throw new Error(`the flat plan has ${problem.flatWeeklySpend.length} channels, the problem ${n}`);
  if (!Number.isFinite(budget.amount) || budget.amount < 0) throw new PlanningRefused({ kind: 'negativeAmount', amount: 'budget', value: budget.amount });
  const lower = new Array<number>(n * weeks).fill(0);
  const upper = new Array<number>(n * weeks).fill(Infinity);
  const rows: LinearRow[] = budgetRows(n, weeks, budget);
  for (const r of requirements) {
    for (let w = 0; w < weeks; w++) {
      if (r.channel !== undefined && r.sense === '>=') lower[w * n + r.channel] = Math.max(lower[w * n + r.channel], r.rhs);
      else if (r.channel !== undefined && r.sense === '<=') upper[w * n + r.channel] = Math.min(upper[w * n + r.channel], r.rhs);
      else rows.push({ coefficients: inWeek(r.coefficients, w, n, weeks), sense: r.sense, rhs: r.rhs });
    }
  }
  const objective = horizonContribution(
    channels.map((c) => ({ curve: c.response, ...c.carryOver })),
    weeks,
  );
  const start = Array.from({ length: weeks }, () => problem.flatWeeklySpend).flat();
  const ascent = improveLocally({ objective, start, lower, upper, rows });
  // The ascent only accepts improvements; this guards the promise if that ever changes.
  if (ascent.value < ascent.startValue * (1 - 1e-12) - 1e-12) {
    throw new Error(`the per-week plan (${ascent.value}) came out worse than the flat plan it started from (${ascent.startValue})`);
  }
  const weeklySpend = Array.from({ length: weeks }, (_, w) => ascent.x.slice(w * n, (w + 1) * n));
  const gradient = objective.gradient(ascent.x);
  const marginalRoas = channels.map((_, c) => weeklySpend.reduce((s, _week, w) => s + gradient[w * n + c], 0) / weeks);
  return {
    weeklySpend,
    contribution: ascent.value,
    flatContribution: ascent.startValue,
    marginalRoas,
    binding: bindingAt(requirements, weeklySpend, budget),
    iterations: ascent.iterations,
    converged: ascent.converged,
  };
}
