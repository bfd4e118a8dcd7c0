/**
 * Plans made on what the model knows: the marketer's aim (spec.ts `PlanAim`) as the optimizer's
 * (src/optimizer/allocate `PlanningAim`), and how far the model's draws agree with the plan
 * chosen. Wording is the answer's (src/services/answerText); these are the figures.
 */
import { channelResponse, type MmmModel } from '../mmm';
import { allocateBudget, RISK_DRAWS, type Allocation, type AllocationGoal, type PlanningAim } from '../optimizer/allocate';
import type { PlanningChannel } from '../optimizer/requirements';
import { ScenarioError } from './errors';
import { inMarketerWords } from './planningWords';
import { aimOf, DEFAULT_CONFIDENCE, PER_WEEK_AIM, PLAN_AIMS, SAFEST_WORST_SHARE, type Constraint, type OptimizeSpec, type PlanAim } from './spec';

/** The aim an answer was planned on, as the answer reports it. */
export interface AimUsed {
  aim: PlanAim;
  /** For `confident`: the probability planned for. */
  confidence?: number;
  /** For `safest` and `confident`: the share of worst draws whose mean gain was maximized. */
  worstShare?: number;
  /** Draws the plan was made on (1 for the point estimate). */
  draws: number;
  /**
   * What the aim maximized, per week in steady state: the media contribution for `expected`
   * and `pointEstimate`; for `safest` and `confident` the mean gain over today's plan in the
   * worst share of draws (the media contribution itself for a KPI target).
   */
  weeklyValue: number;
}

const CONFIDENCE_RANGE = { min: 0.5, max: 0.99 };

/** The spec's aim, checked, and what the optimizer is to do for it. */
export function resolveAim(spec: OptimizeSpec, model: MmmModel): { aim: PlanAim; confidence?: number; planning: PlanningAim } {
  // A model without draws can only plan on its point estimate, unless an aim was asked for.
  const aim = spec.aim === undefined && model.draws.length === 0 ? 'pointEstimate' : aimOf(spec);
  if (!PLAN_AIMS.includes(aim)) throw new ScenarioError(`Unknown aim "${String(aim)}" for an optimization; the aims are ${PLAN_AIMS.join(', ')}.`);
  if (spec.confidence !== undefined && aim !== 'confident') throw new ScenarioError(`A confidence is only meaningful with the aim "confident", not "${aim}".`);
  if (spec.perWeek && aim !== PER_WEEK_AIM) {
    throw new ScenarioError(`Per-week plans are refined on the model's point estimate, so they cannot plan for the aim "${aim}"; ask without perWeek, or with the aim "${PER_WEEK_AIM}".`);
  }
  if (aim !== 'pointEstimate' && model.draws.length === 0) {
    throw new ScenarioError(`The aim "${aim}" plans on the model's draws (its plausible versions) and this model has none; retrain it with draws or ask for the aim "pointEstimate".`);
  }
  switch (aim) {
    case 'pointEstimate':
      return { aim, planning: { kind: 'point' } };
    case 'expected':
      return { aim, planning: { kind: 'expected' } };
    case 'safest':
      return { aim, planning: { kind: 'worstShare', share: SAFEST_WORST_SHARE } };
    case 'confident': {
      const confidence = spec.confidence ?? DEFAULT_CONFIDENCE;
      if (typeof confidence !== 'number' || !(confidence >= CONFIDENCE_RANGE.min && confidence <= CONFIDENCE_RANGE.max)) {
        throw new ScenarioError(`The confidence must be a probability from ${CONFIDENCE_RANGE.min} to ${CONFIDENCE_RANGE.max} (0.9 = 90%), got ${String(confidence)}.`);
      }
      return { aim, confidence, planning: { kind: 'worstShare', share: 1 - confidence } };
    }
  }
}

export function aimUsed(resolved: ReturnType<typeof resolveAim>, model: MmmModel, allocation: Pick<Allocation, 'aimValue'>): AimUsed {
  const { planning } = resolved;
  const draws = planning.kind === 'point' ? 1 : planning.kind === 'expected' ? model.draws.length : Math.min(model.draws.length, RISK_DRAWS);
  return {
    aim: resolved.aim,
    ...(resolved.confidence !== undefined ? { confidence: resolved.confidence } : {}),
    ...(planning.kind === 'worstShare' ? { worstShare: planning.share } : {}),
    draws,
    weeklyValue: allocation.aimValue,
  };
}

/** Each channel's curve under each draw, for the optimizer. */
export function withDraws(model: MmmModel, channels: PlanningChannel[]): PlanningChannel[] {
  return channels.map((c) => ({ ...c, draws: model.draws.map((_, d) => channelResponse(model, c.name, d)) }));
}

/** How many draws' own best plans are compared with the chosen one (evenly spread over the draws). */
export const DRAWS_COMPARED = 20;
/** A change of less than this share of a channel's spend is no change: no direction to agree with. */
const NO_CHANGE = 0.02;

export interface DrawAgreement {
  /** Draws whose own best plan was computed. */
  drawsCompared: number;
  /**
   * Per channel the plan moves (by at least 2% of today's spend): the direction, and the share
   * of the compared draws whose own best plan, for the same total spend under the same
   * constraints, moves it the other way.
   */
  channels: Record<string, { planned: 'more' | 'less'; opposite: number }>;
}

/**
 * Where each draw alone would put the same money: its own global optimum for the plan's total
 * under the spec's constraints. A draw whose own plan moves a channel the other way is a draw
 * under which the data say the opposite of the plan. Draws are taken evenly (deterministic).
 */
export function drawAgreement(model: MmmModel, channels: PlanningChannel[], goal: AllocationGoal, constraints: Constraint[], plan: Record<string, number>): DrawAgreement {
  const count = Math.min(DRAWS_COMPARED, model.draws.length);
  const total = channels.reduce((s, c) => s + plan[c.name], 0);
  // The same money as the plan: a KPI target is compared as the plan's own budget.
  const sameMoney: AllocationGoal = goal.kind === 'minCostForContribution' ? { kind: 'maxContribution', weeklyBudget: total } : goal;
  const moved = channels.filter((c) => Math.abs(plan[c.name] - c.currentWeeklySpend) > NO_CHANGE * Math.max(c.currentWeeklySpend, total / channels.length));
  const opposite = Object.fromEntries(moved.map((c) => [c.name, 0]));
  for (let k = 0; k < count; k++) {
    const d = Math.floor((k * model.draws.length) / count);
    const own = inMarketerWords(() =>
      allocateBudget(
        channels.map((c) => ({ ...c, response: channelResponse(model, c.name, d), draws: undefined })),
        sameMoney,
        constraints,
      ),
    );
    for (const c of moved) {
      const planned = Math.sign(plan[c.name] - c.currentWeeklySpend);
      const change = own.weeklySpend[c.name] - c.currentWeeklySpend;
      if (Math.sign(change) === -planned && Math.abs(change) > NO_CHANGE * Math.max(c.currentWeeklySpend, total / channels.length)) opposite[c.name] += 1 / count;
    }
  }
  return {
    drawsCompared: count,
    channels: Object.fromEntries(moved.map((c) => [c.name, { planned: plan[c.name] > c.currentWeeklySpend ? 'more' : 'less', opposite: opposite[c.name] }])),
  };
}
