/**
 * Optimization as a scenario: the optimizer plans weekly spend on the model's steady-state
 * response curves, then the plan is evaluated like any what-if (forecast over the horizon,
 * interval, probability of beating the current plan), so an optimized answer and a what-if
 * answer read the same.
 */
import { channelResponse, currentWeeklySpend, type MmmModel } from '../mmm';
import type { AllocationGoal } from '../optimizer/allocate';
import type { PlanningChannel } from '../optimizer/requirements';
import { aimUsed, drawAgreement, resolveAim, withDraws } from './aims';
import { ScenarioError } from './errors';
import { comparePlans, forecastCurrentPlan, type OptimizationDetails, type ScenarioResult } from './evaluate';
import { perWeekBudget, planEachWeek } from './perWeek';
import { allocateBudgetInWords, type SaidAllocation, type SaidPerWeekPlan } from './planningWords';
import { checkHorizon, flatPlan } from './plan';
import { DEFAULT_HORIZON_WEEKS, type OptimizeObjective, type OptimizeSpec } from './spec';

const asWeekly = (amount: { amount: number; per: 'week' | 'horizon' }, weeks: number) => (amount.per === 'week' ? amount.amount : amount.amount / weeks);

function planningChannels(model: MmmModel, groups: Record<string, string[]>): PlanningChannel[] {
  for (const [group, members] of Object.entries(groups)) {
    const unknown = members.filter((m) => !model.channels.includes(m));
    if (unknown.length > 0) throw new ScenarioError(`Channel group "${group}" lists unknown channels ${unknown.join(', ')}; the channels are ${model.channels.join(', ')}.`);
  }
  const current = currentWeeklySpend(model);
  return model.channels.map((name) => ({
    name,
    response: channelResponse(model, name),
    currentWeeklySpend: current[name],
    groups: Object.keys(groups).filter((g) => groups[g].includes(name)),
  }));
}

/**
 * The optimizer's goal in weekly media terms. A KPI target includes what the model credits to
 * baseline, trend, seasonality and carry-over; that part is today's forecast minus today's
 * steady-state media contribution, and the media must make up the rest.
 */
function goalOf(model: MmmModel, objective: OptimizeObjective, channels: PlanningChannel[], weeks: number): AllocationGoal {
  const number = (value: unknown, what: string) => {
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) throw new ScenarioError(`${what} must be a non-negative number, got ${String(value)}.`);
  };
  switch (objective.kind) {
    case 'maxKpi': {
      if (!objective.budget) return { kind: 'maxContribution', weeklyBudget: channels.reduce((s, c) => s + c.currentWeeklySpend, 0) };
      number(objective.budget.amount, 'The budget');
      return { kind: 'maxContribution', weeklyBudget: asWeekly(objective.budget, weeks) };
    }
    case 'marginal':
      number(objective.increment.amount, 'The increment');
      return { kind: 'marginal', weeklyIncrement: asWeekly(objective.increment, weeks) };
    case 'minCostForTarget': {
      number(objective.target.kpi, 'The KPI target');
      const weeklyTarget = asWeekly({ amount: objective.target.kpi, per: objective.target.per }, weeks);
      // The same forecast the answer compares against, so it is computed once (and cached).
      const today = forecastCurrentPlan(model, flatPlan(Object.fromEntries(channels.map((c) => [c.name, c.currentWeeklySpend])), weeks), undefined);
      const mediaToday = channels.reduce((s, c) => s + c.response.contribution(c.currentWeeklySpend), 0);
      const nonMedia = today.kpi.reduce((s, k) => s + k, 0) / weeks - mediaToday;
      return { kind: 'minCostForContribution', weeklyContribution: Math.max(0, weeklyTarget - nonMedia) };
    }
    default: {
      const unknown: never = objective;
      throw new ScenarioError(`Unknown optimization objective ${JSON.stringify((unknown as { kind?: unknown }).kind)}.`);
    }
  }
}

/**
 * Why the plan is what it is. For a per-week plan the binding constraints and marginal returns
 * are the per-week plan's own; the optimality gap stays the flat plan's, the only one proven.
 */
function optimizationDetails(
  channels: PlanningChannel[],
  flat: SaidAllocation,
  perWeek: SaidPerWeekPlan | undefined,
  meanPlan: Record<string, number>,
): Omit<OptimizationDetails, 'aim' | 'agreement'> {
  if (!perWeek) return { binding: flat.binding, marginalRoas: flat.marginalRoas, optimalityGap: flat.optimalityGap, weeklySpend: flat.weeklySpend };
  return {
    binding: perWeek.binding,
    marginalRoas: Object.fromEntries(channels.map((c, i) => [c.name, perWeek.marginalRoas[i]])),
    optimalityGap: flat.optimalityGap,
    weeklySpend: meanPlan,
    perWeek: { gainOverFlat: perWeek.contribution - perWeek.flatContribution, iterations: perWeek.iterations, converged: perWeek.converged },
  };
}

export function runOptimization(model: MmmModel, asked: OptimizeSpec, groups: Record<string, string[]> = {}): ScenarioResult {
  const started = performance.now();
  if (!asked || typeof asked !== 'object' || !asked.objective) throw new ScenarioError('An optimization needs a spec with an objective.');
  const spec: OptimizeSpec = { ...asked, weeks: asked.weeks ?? DEFAULT_HORIZON_WEEKS, constraints: asked.constraints ?? [] };
  checkHorizon(spec.weeks);
  const resolved = resolveAim(asked, model);
  // The spec as run names its aim, so that it restates and stores what was planned for.
  spec.aim = resolved.aim;
  if (resolved.confidence !== undefined) spec.confidence = resolved.confidence;
  const pointChannels = planningChannels(model, groups);
  const channels = resolved.planning.kind === 'point' ? pointChannels : withDraws(model, pointChannels);
  const budget = spec.perWeek ? perWeekBudget(spec, channels) : undefined;
  const goal = goalOf(model, spec.objective, channels, spec.weeks);
  const allocation = allocateBudgetInWords(channels, goal, spec.constraints, resolved.planning);
  const current = Object.fromEntries(channels.map((c) => [c.name, c.currentWeeklySpend]));
  const byWeek = budget ? planEachWeek(model, spec, channels, budget, allocation) : undefined;
  const after = byWeek?.plan ?? flatPlan(allocation.weeklySpend, spec.weeks);
  const figures = comparePlans(model, flatPlan(current, spec.weeks), after, spec.weeks);
  return {
    intent: { kind: 'optimize', spec },
    spec,
    ...figures,
    ...(byWeek ? { afterByWeek: after } : {}),
    optimization: {
      ...optimizationDetails(channels, allocation, byWeek?.perWeek, figures.after.plan),
      aim: aimUsed(resolved, model, allocation),
      ...(model.draws.length > 0 ? { agreement: drawAgreement(model, pointChannels, goal, spec.constraints, figures.after.plan) } : {}),
    },
    solveMs: performance.now() - started,
  };
}
