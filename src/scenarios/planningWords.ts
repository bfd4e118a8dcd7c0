/**
 * The optimizer's answers and refusals in the marketer's words. The optimizer (src/optimizer)
 * says what a requirement stands for and why it will not plan as data; every sentence about a
 * constraint, a conflict or a binding requirement is worded here, so each reads the same in
 * every answer.
 */
import { formatAmountExact as amount, formatShareExact } from '../format';
import { allocateBudget, type Allocation, type AllocationGoal, type PlanningAim } from '../optimizer/allocate';
import type { PlanConstraint, RequirementMeaning } from '../optimizer/constraints';
import { ConflictingRequirements, PlanningRefused, type PlanningRefusal } from '../optimizer/errors';
import { planWeekByWeek, type PerWeekBinding, type PerWeekPlan, type PerWeekProblem } from '../optimizer/perWeek';
import type { PlanningChannel } from '../optimizer/requirements';
import { InfeasibleConstraintsError, ScenarioError } from './errors';

export function requirementInWords(means: RequirementMeaning): string {
  const least = (side: 'min' | 'max') => (side === 'min' ? 'at least' : 'at most');
  switch (means.kind) {
    case 'total':
      if (means.weeks !== undefined) return `a total of ${amount(means.amount)} over ${means.weeks} weeks`;
      return { '=': `a total of ${amount(means.amount)} a week`, '<=': `a total of at most ${amount(means.amount)} a week`, '>=': `a total of at least ${amount(means.amount)} a week` }[means.sense];
    case 'spend':
      return `${means.channel} ${least(means.side)} ${amount(means.amount)} a week`;
    case 'change': {
      const change = formatShareExact(means.fraction);
      const limit = means.side === 'min' ? `-${change} from` : `+${change} on`;
      return `${means.channel} ${least(means.side)} ${amount(means.amount)} a week (at most ${limit} its current ${amount(means.current)})`;
    }
    case 'keepsCurrent':
      return `${means.channel} keeps at least its current ${amount(means.amount)} a week`;
    case 'share':
      return `${means.name} ${least(means.side)} ${formatShareExact(means.share)} of the total`;
    case 'ratio':
      return `${means.numerator} ${least(means.side)} ${+means.ratio.toFixed(4)}× ${means.denominator}`;
  }
}

const CONSTRAINT_NAMES: Record<PlanConstraint['kind'], string> = { bounds: 'a bounds constraint', maxChange: 'a max-change constraint', share: 'a share constraint', ratio: 'a ratio constraint' };

const AMOUNT_NAMES = { weeklyBudget: 'The weekly budget', weeklyIncrement: 'The weekly increment', weeklyContributionTarget: 'The weekly contribution target', budget: 'The budget' };

/** The figure of a constraint a refusal is about: "The minimum weekly spend for tv", "A maximum share". */
function boundName(constraint: PlanConstraint, bound: 'min' | 'max' | 'fraction'): string {
  const most = bound === 'min' ? 'minimum' : 'maximum';
  switch (constraint.kind) {
    case 'bounds':
      return `The ${most} weekly spend for ${constraint.channel}`;
    case 'maxChange':
      return 'The maximum change fraction';
    case 'share':
      return `A ${most} share`;
    case 'ratio':
      return `The ${most} ratio of ${constraint.numerator} to ${constraint.denominator}`;
  }
}

/** What a constraint whose minimum is above its maximum is called: "Bounds for tv". */
function rangeName(constraint: PlanConstraint): string {
  switch (constraint.kind) {
    case 'bounds':
      return `Bounds for ${constraint.channel}`;
    case 'share':
      return 'A share constraint';
    case 'ratio':
      return `The ratio of ${constraint.numerator} to ${constraint.denominator}`;
    case 'maxChange':
      return 'A max-change constraint';
  }
}

function refusalInWords(refusal: PlanningRefusal): string {
  switch (refusal.kind) {
    case 'noDraws':
      return `Planning on the model's uncertainty needs its draws, and ${refusal.uneven ? 'the channels do not all have the same number' : 'this model has none'}; plan on the point estimate instead.`;
    case 'worstShareOutOfRange':
      return `The share of worst cases to plan for must be above 0 and at most 1, got ${refusal.share}.`;
    case 'noChannels':
      return 'There are no channels to allocate a budget to.';
    case 'channelTwice':
      return `Channel "${refusal.channel}" is listed twice.`;
    case 'negativeCurrentSpend':
      return `The current weekly spend of ${refusal.channel} must be a non-negative number, got ${refusal.value}.`;
    case 'negativeAmount':
      return `${AMOUNT_NAMES[refusal.amount]} must be a non-negative number, got ${refusal.value}.`;
    case 'targetOutOfReach':
      return `A media contribution of ${amount(refusal.weeklyTarget)} a week is out of reach: within the constraints the channels saturate at about ${amount(refusal.weeklyMost)} a week.`;
    case 'unknownChannel':
      return `Unknown channel "${refusal.channel}" in ${CONSTRAINT_NAMES[refusal.constraint]}; the channels are ${refusal.channels.join(', ')}.`;
    case 'unknownGroup':
      return `Unknown channel group "${refusal.group}" in a share constraint; the groups are ${refusal.groups.length ? refusal.groups.join(', ') : '(none defined)'}.`;
    case 'shareOfNoChannels':
      return 'A share constraint names no channels.';
    case 'ratioOfItself':
      return `A ratio constraint compares ${refusal.channel} with itself.`;
    case 'outOfRange':
      return `${boundName(refusal.constraint, refusal.bound)} must be a number from 0${Number.isFinite(refusal.most) ? ` to ${refusal.most}` : ''}, got ${refusal.value}.`;
    case 'minAboveMax':
      return `${rangeName(refusal.constraint)}: the minimum ${refusal.min} is above the maximum ${refusal.max}.`;
    case 'unknownConstraintKind':
      return `Unknown constraint kind ${JSON.stringify(refusal.given)}.`;
    case 'tooManyDenseConstraints':
      return `${refusal.count} share and ratio constraints are more than the ${refusal.most} one optimization takes; combine them or drop some.`;
  }
}

/** Runs a planning step, turning the optimizer's refusals into the scenario errors every door shows. */
export function inMarketerWords<T>(plan: () => T): T {
  try {
    return plan();
  } catch (error) {
    if (error instanceof ConflictingRequirements) throw new InfeasibleConstraintsError(error.conflict.map(requirementInWords));
    if (error instanceof PlanningRefused) throw new ScenarioError(refusalInWords(error.refusal));
    throw error;
  }
}

/** "weeks 1–3, 7" */
function weekList(weeks: number[]): string {
  const parts: string[] = [];
  for (let k = 0; k < weeks.length; ) {
    let end = k;
    while (end + 1 < weeks.length && weeks[end + 1] === weeks[end] + 1) end++;
    parts.push(end > k ? `${weeks[k]}\u2013${weeks[end]}` : `${weeks[k]}`);
    k = end + 1;
  }
  return `${weeks.length > 1 ? 'weeks' : 'week'} ${parts.join(', ')}`;
}

function perWeekBindingInWords(binding: PerWeekBinding): string {
  const says = requirementInWords(binding.means);
  return binding.weeks ? `${says} (${weekList(binding.weeks)})` : says;
}

/** An allocation whose binding requirements are said, as answers show them. */
export type SaidAllocation = Omit<Allocation, 'binding'> & { binding: string[] };
export type SaidPerWeekPlan = Omit<PerWeekPlan, 'binding'> & { binding: string[] };

/** The optimizer's allocation (src/optimizer/allocate.ts), its refusals and binding requirements in words. */
export function allocateBudgetInWords(channels: PlanningChannel[], goal: AllocationGoal, constraints: PlanConstraint[], aim?: PlanningAim): SaidAllocation {
  const allocation = inMarketerWords(() => allocateBudget(channels, goal, constraints, aim));
  return { ...allocation, binding: allocation.binding.map(requirementInWords) };
}

/** The optimizer's per-week plan (src/optimizer/perWeek.ts), its refusals and binding requirements in words. */
export function planWeekByWeekInWords(problem: PerWeekProblem): SaidPerWeekPlan {
  const plan = inMarketerWords(() => planWeekByWeek(problem));
  return { ...plan, binding: plan.binding.map(perWeekBindingInWords) };
}
