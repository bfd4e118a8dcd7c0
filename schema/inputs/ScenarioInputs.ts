import 'reflect-metadata';
import { Field, Float, ID, InputType, Int, registerEnumType } from 'type-graphql';
import { DEFAULT_HORIZON_WEEKS, DEFAULT_CONFIDENCE } from '../../src/scenarios/spec';

export enum Per {
  WEEK = 'week',
  HORIZON = 'horizon',
}
registerEnumType(Per, { name: 'Per', description: 'Whether an amount is per week or a total over the scenario horizon.' });

/** The spec's PlanAim, as GraphQL spells enum values. */
export enum PlanAimKind {
  EXPECTED = 'expected',
  POINT_ESTIMATE = 'pointEstimate',
  SAFEST = 'safest',
  CONFIDENT = 'confident',
}
registerEnumType(PlanAimKind, {
  name: 'PlanAim',
  description: 'What an optimized plan is best at, given that the model is unsure of its curves.',
  valuesConfig: {
    EXPECTED: { description: 'The most KPI on average over the model’s posterior draws (its mean curves).' },
    POINT_ESTIMATE: { description: 'The most KPI on the model’s single best-fitting curves.' },
    SAFEST: { description: 'The best mean gain over today’s plan in the worst 10% of the draws (CVaR).' },
    CONFIDENT: {
      description:
        'The best mean gain over today’s plan in the worst (1 − confidence) of the draws: a stand-in for “beats today’s plan with that probability” (if that mean gain is positive, at least that share of the draws gain).',
    },
  },
});

export enum PlanChangeKind {
  SHIFT = 'shift',
  SCALE = 'scale',
  SET = 'set',
  SCALE_TOTAL = 'scaleTotal',
  SET_TOTAL = 'setTotal',
}
registerEnumType(PlanChangeKind, {
  name: 'PlanChangeKind',
  description: 'How a change edits the current plan.',
  valuesConfig: {
    SHIFT: { description: 'Move `amount` of spend out of `from` into the `to` channels.' },
    SCALE: { description: 'Add `amount` to `channel` (negative amounts take away; -100 percent turns it off).' },
    SET: { description: 'Set `channel` to `weeklySpend`, for the first `weeks` weeks when given.' },
    SCALE_TOTAL: { description: 'Change the total budget by `amount`, keeping the current mix.' },
    SET_TOTAL: { description: 'Set the total budget to `amount` (money), keeping the current mix.' },
  },
});

export enum ConstraintKind {
  BOUNDS = 'bounds',
  MAX_CHANGE = 'maxChange',
  SHARE = 'share',
  RATIO = 'ratio',
}
registerEnumType(ConstraintKind, {
  name: 'ConstraintKind',
  description: 'A rule the optimized plan must follow.',
  valuesConfig: {
    BOUNDS: { description: 'Weekly spend of `channel` between `min` and `max` (money per week).' },
    MAX_CHANGE: { description: 'Weekly spend changes at most by `fraction` (0.2 = ±20%) of today’s; of `channel`, or of every channel when unset.' },
    SHARE: { description: 'Share of the total weekly budget for `channels` or a channel `group`, between `min` and `max` (fractions).' },
    RATIO: { description: 'Spend of `numerator` between `min` and `max` times the spend of `denominator`.' },
  },
});

export enum ObjectiveKind {
  MAX_KPI = 'maxKpi',
  MIN_COST_FOR_TARGET = 'minCostForTarget',
  MARGINAL = 'marginal',
}
registerEnumType(ObjectiveKind, {
  name: 'ObjectiveKind',
  description: 'What the optimizer aims for.',
  valuesConfig: {
    MAX_KPI: { description: 'The most KPI for `budget` (default: today’s total budget).' },
    MIN_COST_FOR_TARGET: { description: 'Reach `targetKpi` at the least cost.' },
    MARGINAL: { description: 'Where `increment` of extra spend does the most, on top of today’s plan.' },
  },
});

@InputType('AmountInput', { description: 'An amount of spend: give exactly one of `percent` or `money`.' })
export class AmountInput {
  @Field(() => Float, { nullable: true, description: 'Percent of the current spend (20 = 20%).' })
  percent?: number | null;

  @Field(() => Float, { nullable: true, description: 'Money, in the dataset currency.' })
  money?: number | null;

  @Field(() => Per, { defaultValue: Per.WEEK, description: 'Whether `money` is per week or a total over the horizon.' })
  per!: Per;
}

@InputType('ChannelShareInput', { description: 'A receiving channel of a shift and its share of the amount moved.' })
export class ChannelShareInput {
  @Field(() => String, { description: 'Channel key.' })
  channel!: string;

  @Field(() => Float, { nullable: true, description: 'Share of the moved amount (fraction); unset = an equal split of what the others leave.' })
  share?: number | null;
}

@InputType('PlanChangeInput', { description: 'One edit of the current plan; which fields apply depends on `kind`.' })
export class PlanChangeInput {
  @Field(() => PlanChangeKind, { description: 'What the change does.' })
  kind!: PlanChangeKind;

  @Field(() => String, { nullable: true, description: 'SCALE, SET: the channel key.' })
  channel?: string | null;

  @Field(() => String, { nullable: true, description: 'SHIFT: the channel spend moves out of.' })
  from?: string | null;

  @Field(() => [ChannelShareInput], { nullable: true, description: 'SHIFT: the channels spend moves into.' })
  to?: ChannelShareInput[] | null;

  @Field(() => AmountInput, { nullable: true, description: 'SHIFT, SCALE, SCALE_TOTAL, SET_TOTAL: how much.' })
  amount?: AmountInput | null;

  @Field(() => Float, { nullable: true, description: 'SET: the new weekly spend.' })
  weeklySpend?: number | null;

  @Field(() => Int, { nullable: true, description: 'SET: only for the first N weeks of the horizon (e.g. a pause).' })
  weeks?: number | null;
}

@InputType('ControlValueInput', { description: 'A control column held at a value over the horizon (e.g. promo = 1).' })
export class ControlValueInput {
  @Field(() => String, { description: 'Control name.' })
  name!: string;

  @Field(() => Float, { description: 'Its value in every week of the horizon.' })
  value!: number;
}

@InputType('WhatIfInput', { description: 'A what-if scenario: changes to today’s plan, run forward over a horizon.' })
export class WhatIfInput {
  @Field(() => ID, { nullable: true, description: 'Dataset id or name; unset = the default dataset.' })
  datasetId?: string | null;

  @Field(() => [PlanChangeInput], { description: 'The changes, applied in order.' })
  changes!: PlanChangeInput[];

  @Field(() => Int, { defaultValue: DEFAULT_HORIZON_WEEKS, description: 'Horizon in weeks (1 to 104).' })
  weeks!: number;

  @Field(() => [ControlValueInput], { nullable: true, description: 'Control values over the horizon; unset controls are 0.' })
  controls?: ControlValueInput[] | null;

  @Field(() => ID, { nullable: true, description: 'Append the scenario to this notebook, so that `ask` follow-ups build on it.' })
  notebookId?: string | null;
}

@InputType('ConstraintInput', { description: 'A rule for the optimized plan; which fields apply depends on `kind`.' })
export class ConstraintInput {
  @Field(() => ConstraintKind, { description: 'What the rule limits.' })
  kind!: ConstraintKind;

  @Field(() => String, { nullable: true, description: 'BOUNDS: the channel (required); MAX_CHANGE: the channel (unset = every channel).' })
  channel?: string | null;

  @Field(() => Float, { nullable: true, description: 'BOUNDS: least weekly spend; SHARE: least share (fraction); RATIO: least ratio.' })
  min?: number | null;

  @Field(() => Float, { nullable: true, description: 'BOUNDS: most weekly spend; SHARE: most share (fraction); RATIO: most ratio.' })
  max?: number | null;

  @Field(() => Float, { nullable: true, description: 'MAX_CHANGE: largest change as a fraction of today’s weekly spend (0.2 = ±20%).' })
  fraction?: number | null;

  @Field(() => [String], { nullable: true, description: 'SHARE: the channels counted together (or give `group`).' })
  channels?: string[] | null;

  @Field(() => String, { nullable: true, description: 'SHARE: a channel group such as "digital" (or give `channels`).' })
  group?: string | null;

  @Field(() => String, { nullable: true, description: 'RATIO: the channel on top of the ratio.' })
  numerator?: string | null;

  @Field(() => String, { nullable: true, description: 'RATIO: the channel below.' })
  denominator?: string | null;
}

@InputType('ObjectiveInput', { description: 'What to optimize for; which amount applies depends on `kind`.' })
export class ObjectiveInput {
  @Field(() => ObjectiveKind, { defaultValue: ObjectiveKind.MAX_KPI, description: 'The aim.' })
  kind!: ObjectiveKind;

  @Field(() => Float, { nullable: true, description: 'MAX_KPI: the budget to spend (unset = today’s total).' })
  budget?: number | null;

  @Field(() => Float, { nullable: true, description: 'MIN_COST_FOR_TARGET: the KPI to reach.' })
  targetKpi?: number | null;

  @Field(() => Float, { nullable: true, description: 'MARGINAL: the extra spend to place.' })
  increment?: number | null;

  @Field(() => Per, { defaultValue: Per.WEEK, description: 'Whether the amount is per week or a total over the horizon.' })
  per!: Per;
}

@InputType('OptimizeInput', { description: 'A budget optimization: the best plan under constraints, over a horizon.' })
export class OptimizeInput {
  @Field(() => ID, { nullable: true, description: 'Dataset id or name; unset = the default dataset.' })
  datasetId?: string | null;

  @Field(() => ObjectiveInput, { nullable: true, description: 'The aim; unset = the most KPI for today’s budget.' })
  objective?: ObjectiveInput | null;

  @Field(() => [ConstraintInput], { defaultValue: [], description: 'Rules the plan must follow.' })
  constraints!: ConstraintInput[];

  @Field(() => Int, { defaultValue: DEFAULT_HORIZON_WEEKS, description: 'Horizon in weeks (1 to 104).' })
  weeks!: number;

  @Field(() => Boolean, { defaultValue: false, description: 'Plan each week separately instead of one flat weekly plan (on the point estimate only).' })
  perWeek!: boolean;

  @Field(() => PlanAimKind, { nullable: true, description: 'What the plan is best at; unset = EXPECTED (POINT_ESTIMATE for per-week plans).' })
  aim?: PlanAimKind | null;

  @Field(() => Float, { nullable: true, description: `CONFIDENT only: the probability of beating today’s plan to plan for, 0.5 to 0.99 (default ${DEFAULT_CONFIDENCE}).` })
  confidence?: number | null;

  @Field(() => ID, { nullable: true, description: 'Append the scenario to this notebook, so that `ask` follow-ups build on it.' })
  notebookId?: string | null;
}
