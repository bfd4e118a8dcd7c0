import { GraphQLJSON } from 'graphql-scalars';
import { Field, Float, ID, Int, ObjectType } from 'type-graphql';
import type { Scenario } from '../../src/entities';
import { spendChange, type ContributionChange, type OptimizationDetails, type ScenarioResult, type SpendChange } from '../../src/scenarios';
import { PlanAimKind } from '../inputs/ScenarioInputs';
import { Listed } from '../pagination';
import { ChannelAmountType, inChannelOrder } from './DatasetType';

@ObjectType('Plan', { description: 'A media plan: weekly spend per channel and the KPI it is predicted to bring over the horizon.' })
export class PlanType {
  @Field(() => [ChannelAmountType], { description: 'Weekly spend per channel.' })
  weeklySpend!: ChannelAmountType[];

  @Field(() => Float, { description: 'Predicted KPI over the whole horizon.' })
  kpi!: number;

  static from(plan: { plan: Record<string, number>; kpi: number }): PlanType {
    return Object.assign(new PlanType(), { weeklySpend: ChannelAmountType.list(plan.plan), kpi: plan.kpi });
  }
}

@ObjectType('ScenarioDelta', { description: 'How much the new plan changes the KPI over the horizon, with a 90% interval.' })
export class ScenarioDeltaType {
  @Field(() => Float, { description: 'KPI change over the horizon (after minus before).' })
  value!: number;

  @Field(() => Float, { description: 'KPI change in percent of the current plan’s KPI.' })
  pct!: number;

  @Field(() => Float, { description: 'Lower end of the interval of the change.' })
  low!: number;

  @Field(() => Float, { description: 'Upper end of the interval of the change.' })
  high!: number;

  @Field(() => Float, { description: 'Probability (fraction) that the new plan beats the current one.' })
  probabilityBetter!: number;
}

@ObjectType('ContributionChange', { description: 'A channel’s KPI contribution over the horizon under both plans.' })
export class ContributionChangeType {
  @Field(() => String, { description: 'Channel key.' })
  channel!: string;

  @Field(() => Float, { description: 'Contribution under the current plan.' })
  before!: number;

  @Field(() => Float, { description: 'Contribution under the scenario’s plan.' })
  after!: number;

  @Field(() => Float, { description: 'After minus before.' })
  change!: number;

  @Field(() => Float, { nullable: true, description: 'Lower end of the 90% interval of the change (null on scenarios stored before intervals per channel).' })
  changeLow!: number | null;

  @Field(() => Float, { nullable: true, description: 'Upper end of the 90% interval of the change.' })
  changeHigh!: number | null;

  static from(channel: string, c: ContributionChange): ContributionChangeType {
    return Object.assign(new ContributionChangeType(), { channel, before: c.before, after: c.after, change: c.change, changeLow: c.low ?? null, changeHigh: c.high ?? null });
  }
}

@ObjectType('KpiPerUnit', { description: 'KPI change over the horizon per unit of money added (or, spend down, given up per unit saved), with a 90% interval.' })
export class KpiPerUnitType {
  @Field(() => Float, { description: 'KPI per unit of money.' })
  value!: number;

  @Field(() => Float, { description: 'Lower end of the interval.' })
  low!: number;

  @Field(() => Float, { description: 'Upper end of the interval.' })
  high!: number;
}

@ObjectType('SpendChange', { description: 'What a scenario does to total spend, and what the KPI change returns on the money added or saved.' })
export class SpendChangeType {
  @Field(() => Float, { description: 'Total weekly spend of the current plan.' })
  weeklyBefore!: number;

  @Field(() => Float, { description: 'Total weekly spend of the scenario (mean week).' })
  weeklyAfter!: number;

  @Field(() => Float, { description: 'After minus before, per week (0 when within rounding).' })
  weeklyChange!: number;

  @Field(() => Float, { description: 'After minus before over the whole horizon.' })
  horizonChange!: number;

  @Field(() => Float, { description: 'Change in percent of the current total weekly spend.' })
  pct!: number;

  @Field(() => KpiPerUnitType, { nullable: true, description: 'KPI change per unit of the money added or saved; null when total spend does not change.' })
  kpiPerUnit!: KpiPerUnitType | null;

  static from(change: SpendChange): SpendChangeType {
    return Object.assign(new SpendChangeType(), { ...change, kpiPerUnit: change.kpiPerUnit ? Object.assign(new KpiPerUnitType(), change.kpiPerUnit) : null });
  }
}

@ObjectType('ChannelAgreement', { description: 'How far the model’s draws agree with the direction the plan moves a channel.' })
export class ChannelAgreementType {
  @Field(() => String, { description: 'Channel key.' })
  channel!: string;

  @Field(() => String, { description: '"more" or "less": which way the plan moves it.' })
  planned!: string;

  @Field(() => Float, { description: 'Share of the compared draws whose own best plan, for the same money, moves it the other way (fraction).' })
  oppositeShare!: number;
}

@ObjectType('OptimizationDetails', { description: 'Why the optimized plan is what it is.' })
export class OptimizationDetailsType {
  @Field(() => [String], { description: 'Constraints that hold the plan back, in words.' })
  binding!: string[];

  @Field(() => [ChannelAmountType], { description: 'KPI from one more unit of weekly spend per channel at the optimized plan.' })
  marginalRoas!: ChannelAmountType[];

  @Field(() => Float, { description: 'Proven largest distance to the best possible plan, as a fraction of its media contribution.' })
  optimalityGap!: number;

  @Field(() => PlanAimKind, { description: 'What the plan was made to be best at.' })
  aim!: PlanAimKind;

  @Field(() => Float, { nullable: true, description: 'CONFIDENT: the probability of beating today’s plan planned for.' })
  confidence!: number | null;

  @Field(() => Float, { nullable: true, description: 'SAFEST and CONFIDENT: the share of worst draws whose mean gain over today’s plan was maximized.' })
  worstShare!: number | null;

  @Field(() => Int, { description: 'Bootstrap draws the plan was made on (1 for the point estimate).' })
  aimDraws!: number;

  @Field(() => Float, {
    description: 'What the aim maximized, per week in steady state: the media contribution (EXPECTED, POINT_ESTIMATE) or the mean gain over today’s plan in the worst share of draws (SAFEST, CONFIDENT).',
  })
  aimValue!: number;

  @Field(() => [ChannelAgreementType], { description: 'Per channel the plan moves: how many of the model’s draws would move it the other way. Empty when the model has no draws.' })
  agreement!: ChannelAgreementType[];

  @Field(() => Int, { description: 'Draws whose own best plan was compared with this one (0 without draws).' })
  drawsCompared!: number;

  static from(d: OptimizationDetails): OptimizationDetailsType {
    return Object.assign(new OptimizationDetailsType(), {
      binding: d.binding,
      marginalRoas: ChannelAmountType.list(d.marginalRoas),
      optimalityGap: d.optimalityGap,
      aim: d.aim.aim as PlanAimKind,
      confidence: d.aim.confidence ?? null,
      worstShare: d.aim.worstShare ?? null,
      aimDraws: d.aim.draws,
      aimValue: d.aim.weeklyValue,
      agreement: Object.entries(d.agreement?.channels ?? {}).map(([channel, a]) => Object.assign(new ChannelAgreementType(), { channel, planned: a.planned, oppositeShare: a.opposite })),
      drawsCompared: d.agreement?.drawsCompared ?? 0,
    });
  }
}

@ObjectType('ScenarioResult', { description: 'What a what-if or an optimization predicts, computed by the production model.' })
export class ScenarioResultType {
  @Field(() => String, { nullable: true, description: 'The scenario in plain words, when it came from a question.' })
  restatement!: string | null;

  @Field(() => Int, { description: 'Horizon in weeks, starting the week after the last observed week.' })
  weeks!: number;

  @Field(() => PlanType, { description: 'The current plan (mean weekly spend of the last 13 weeks).' })
  before!: PlanType;

  @Field(() => PlanType, { description: 'The plan of the scenario.' })
  after!: PlanType;

  @Field(() => ScenarioDeltaType, { description: 'The change of KPI.' })
  delta!: ScenarioDeltaType;

  @Field(() => SpendChangeType, { description: 'The change of total spend and the return on the money added or saved.' })
  spendChange!: SpendChangeType;

  @Field(() => [ContributionChangeType], { description: 'Media contribution per channel over the horizon, before and after.' })
  contributions!: ContributionChangeType[];

  @Field(() => OptimizationDetailsType, { nullable: true, description: 'How the optimizer got there; null for a what-if.' })
  optimization!: OptimizationDetailsType | null;

  @Field(() => [String], { description: 'Things to know, e.g. spend outside the range a channel has seen.' })
  warnings!: string[];

  @Field(() => Float, { description: 'Time spent computing, in milliseconds.' })
  solveMs!: number;

  /** Channels listed in `channelOrder` (the dataset's): a stored result comes back from jsonb with its keys reordered. */
  static from(result: ScenarioResult, channelOrder: string[]): ScenarioResultType {
    const ordered = <T>(byChannel: Record<string, T>) => inChannelOrder(byChannel, channelOrder);
    return Object.assign(new ScenarioResultType(), {
      restatement: result.restatement ?? null,
      contributions: Object.entries(ordered(result.contributions)).map(([channel, c]) => ContributionChangeType.from(channel, c)),
      optimization: result.optimization ? OptimizationDetailsType.from({ ...result.optimization, marginalRoas: ordered(result.optimization.marginalRoas) }) : null,
      weeks: result.weeks,
      before: PlanType.from({ ...result.before, plan: ordered(result.before.plan) }),
      after: PlanType.from({ ...result.after, plan: ordered(result.after.plan) }),
      delta: Object.assign(new ScenarioDeltaType(), result.delta),
      spendChange: SpendChangeType.from(spendChange(result)),
      warnings: result.warnings,
      solveMs: result.solveMs,
    });
  }
}

@ObjectType('Scenario', { description: 'A what-if or optimization that was run: its spec, its result, who asked and which model answered.' })
export class ScenarioType extends Listed {
  @Field(() => ID, { description: 'Scenario id.' })
  id!: string;

  @Field(() => ID, { description: 'Dataset it ran on.' })
  datasetId!: string;

  @Field(() => ID, { description: 'Model version that computed it.' })
  modelVersionId!: string;

  @Field(() => ID, { nullable: true, description: 'Notebook (conversation) it belongs to, if any.' })
  notebookId!: string | null;

  @Field(() => Int, { nullable: true, description: 'Its place in the notebook, from 1.' })
  position!: number | null;

  @Field(() => String, { nullable: true, description: 'The question as asked, when it came from words.' })
  question!: string | null;

  @Field(() => String, { description: 'What kind of scenario: whatIf or optimize.' })
  kind!: string;

  @Field(() => GraphQLJSON, { description: 'The scenario spec that was run (src/scenarios/spec.ts: WhatIfSpec or OptimizeSpec, inside its intent).' })
  spec!: unknown;

  /** The stored result; the `result` field lists it in the dataset's channel order. */
  storedResult!: ScenarioResult;

  @Field(() => String, { nullable: true, description: 'Who asked (Slack user or API key).' })
  askedBy!: string | null;

  @Field(() => Date, { description: 'When it ran.' })
  createdAt!: Date;

  static from(row: Scenario): ScenarioType {
    return Object.assign(new ScenarioType(), {
      id: row.id,
      datasetId: row.datasetId,
      modelVersionId: row.modelVersionId,
      notebookId: row.notebookId,
      position: row.position,
      question: row.question,
      kind: row.intent,
      spec: row.spec,
      storedResult: row.result as ScenarioResult,
      askedBy: row.askedBy,
      createdAt: row.createdAt,
    });
  }
}

