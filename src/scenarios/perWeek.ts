/**
 * Per-week optimization (`OptimizeSpec.perWeek`): the flat global optimum, refined week by week
 * on the model's own horizon forecast (carry-over from the observed weeks included). See
 * src/optimizer/perWeek.ts for what is and is not guaranteed.
 *
 * Budgets: `per: 'week'` is spent in full every week; `per: 'horizon'` is a total over the
 * horizon that the plan may spread unevenly (e.g. front-loading so that carry-over lands inside
 * the horizon). Without a budget, today's weekly total is spent every week. A marginal
 * increment follows the same rule, on top of today's plan in every week.
 */
import type { MmmModel } from '../mmm';
import { adstockComponent } from '../mmm/transforms/registry';
import type { PerWeekBudget } from '../optimizer/perWeek';
import { keepingCurrentSpend, requirementsOfAll, type PlanningChannel, type Requirement } from '../optimizer/requirements';
import { ScenarioError } from './errors';
import { inMarketerWords, planWeekByWeekInWords, type SaidAllocation, type SaidPerWeekPlan } from './planningWords';
import type { WeeklyPlan } from './plan';
import type { OptimizeSpec } from './spec';

/** The budget of a per-week plan; refuses the objectives per-week plans do not answer. */
export function perWeekBudget(spec: OptimizeSpec, channels: PlanningChannel[]): PerWeekBudget {
  const today = channels.reduce((s, c) => s + c.currentWeeklySpend, 0);
  const { objective, weeks } = spec;
  switch (objective.kind) {
    case 'maxKpi':
      return objective.budget ? { per: objective.budget.per, amount: objective.budget.amount } : { per: 'week', amount: today };
    case 'marginal':
      return objective.increment.per === 'week'
        ? { per: 'week', amount: today + objective.increment.amount }
        : { per: 'horizon', amount: weeks * today + objective.increment.amount };
    case 'minCostForTarget':
      throw new ScenarioError('Per-week plans answer "most KPI for a budget" and "where should the next amount go"; for a KPI target at least cost, ask again without perWeek.');
  }
}

/** A marginal increment comes on top of today's plan: no channel goes below today's spend in any week. */
function keepToday(spec: OptimizeSpec, channels: PlanningChannel[]): Requirement[] {
  if (spec.objective.kind !== 'marginal') return [];
  return keepingCurrentSpend(channels);
}

/** Carry-over of one channel as the point-estimate model has it: lag weights and the observed weeks that still echo. */
function carryOverOf(model: MmmModel, channel: string) {
  const { adstock } = model.hyperparameters.channels[channel];
  const lagWeights = adstockComponent(adstock.type).weights(adstock);
  const history = adstock.maxLag > 0 ? model.data.spend[channel].slice(-adstock.maxLag) : [];
  return { lagWeights, history };
}

export function planEachWeek(
  model: MmmModel,
  spec: OptimizeSpec,
  channels: PlanningChannel[],
  budget: PerWeekBudget,
  flat: SaidAllocation,
): { plan: WeeklyPlan; perWeek: SaidPerWeekPlan } {
  const perWeek = planWeekByWeekInWords({
    channels: channels.map((c) => ({ ...c, carryOver: carryOverOf(model, c.name) })),
    weeks: spec.weeks,
    requirements: [...inMarketerWords(() => requirementsOfAll(channels, spec.constraints)), ...keepToday(spec, channels)],
    budget,
    flatWeeklySpend: channels.map((c) => flat.weeklySpend[c.name]),
  });
  const plan = Object.fromEntries(channels.map((c, i) => [c.name, perWeek.weeklySpend.map((week) => week[i])]));
  return { plan, perWeek };
}
