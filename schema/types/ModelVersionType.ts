import { Field, Float, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import type { ModelVersion } from '../../src/entities';
import type { AdstockType, SaturationType, SearchEffort, WeekDecomposition } from '../../src/mmm';
import type { ChannelFigure, CurveFigures } from '../../src/services/ask';
import type { ModelComparison } from '../../src/services/modelChanges';
import { Listed } from '../pagination';
import { ChannelAmountType } from './DatasetType';
import { AdstockEnum, FitEffortEnum, SaturationEnum } from './FitChoiceEnums';

export enum ModelStatusEnum {
  TRAINING = 'training',
  CANDIDATE = 'candidate',
  PRODUCTION = 'production',
  ARCHIVED = 'archived',
  FAILED = 'failed',
}
registerEnumType(ModelStatusEnum, { name: 'ModelStatus', description: 'Life cycle of a model version; one production model per dataset.' });

@ObjectType({ description: 'How well a model fits: in sample and on the held-out last weeks. Fractions (0.05 = 5%).' })
export class ModelMetricsType {
  @Field(() => Float, { nullable: true, description: 'Share of KPI variance explained in sample.' })
  r2!: number | null;

  @Field(() => Float, { nullable: true, description: 'Mean absolute percentage error in sample.' })
  mape!: number | null;

  @Field(() => Float, { nullable: true, description: 'Root mean squared error divided by the KPI range, in sample.' })
  nrmse!: number | null;

  @Field(() => Float, { nullable: true, description: 'Mean absolute percentage error on the holdout weeks.' })
  holdoutMape!: number | null;

  @Field(() => Float, { nullable: true, description: 'R² on the holdout weeks.' })
  holdoutR2!: number | null;
}

@ObjectType('ModelVersion', { description: 'A fitted media-mix model of a dataset.' })
export class ModelVersionType extends Listed {
  @Field(() => ID, { description: 'Model version id.' })
  id!: string;

  @Field(() => ID, { description: 'Dataset the model was fitted on.' })
  datasetId!: string;

  @Field(() => ModelStatusEnum, { description: 'Life-cycle status.' })
  status!: ModelStatusEnum;

  @Field(() => ModelMetricsType, { nullable: true, description: 'Fit quality; null until trained.' })
  metrics!: ModelMetricsType | null;

  @Field(() => Int, { description: 'Weeks held out at the end to measure forecast error.' })
  holdoutWeeks!: number;

  @Field(() => AdstockEnum, { description: 'Carry-over shape it was fitted with; a retrain keeps it.' })
  adstock!: AdstockType;

  @Field(() => SaturationEnum, { description: 'Saturation curve it was fitted with; a retrain keeps it.' })
  saturation!: SaturationType;

  @Field(() => FitEffortEnum, { description: 'Search effort it was fitted with; a retrain keeps it.' })
  effort!: SearchEffort;

  @Field(() => Int, { nullable: true, description: 'Weeks of data the model was trained on.' })
  weeksUsed!: number | null;

  @Field(() => String, { nullable: true, description: 'Last week (ISO date) in the training data.' })
  trainedThrough!: string | null;

  @Field(() => Int, { nullable: true, description: 'Training time in milliseconds.' })
  fitMs!: number | null;

  @Field(() => String, { nullable: true, description: 'Why training failed, when it did.' })
  error!: string | null;

  @Field(() => Date, { description: 'When training started.' })
  createdAt!: Date;

  @Field(() => Date, { nullable: true, description: 'When training finished.' })
  trainedAt!: Date | null;

  @Field(() => Date, { nullable: true, description: 'When it last became the production model.' })
  promotedAt!: Date | null;

  static from(row: ModelVersion): ModelVersionType {
    const t = new ModelVersionType();
    Object.assign(t, {
      id: row.id,
      datasetId: row.datasetId,
      status: row.status as ModelStatusEnum,
      metrics: row.metrics ? Object.assign(new ModelMetricsType(), { r2: null, mape: null, nrmse: null, holdoutMape: null, holdoutR2: null }, row.metrics) : null,
      holdoutWeeks: row.holdoutWeeks,
      adstock: row.adstock,
      saturation: row.saturation,
      effort: row.effort,
      weeksUsed: row.weeksUsed,
      trainedThrough: row.trainedThrough,
      fitMs: row.fitMs,
      error: row.error,
      createdAt: row.createdAt,
      trainedAt: row.trainedAt,
      promotedAt: row.promotedAt,
    });
    return t;
  }
}


@ObjectType('FigureChange', { description: 'One figure under the new model against the previous model’s figure and 90% interval.' })
export class FigureChangeType {
  @Field(() => Float, { description: 'Under the previous model.' })
  previous!: number;

  @Field(() => Float, { description: 'Lower end of the previous model’s 90% interval.' })
  previousLow!: number;

  @Field(() => Float, { description: 'Upper end of the previous model’s 90% interval.' })
  previousHigh!: number;

  @Field(() => Float, { description: 'Under this model.' })
  current!: number;

  @Field(() => Float, { description: 'current − previous.' })
  change!: number;

  @Field(() => Float, { nullable: true, description: 'The change in percent of previous (null when previous is 0).' })
  changePct!: number | null;

  @Field(() => Boolean, { description: 'Whether current lies outside the previous model’s 90% interval: it moved by more than that model’s own uncertainty.' })
  outside!: boolean;
}

@ObjectType('ChannelModelChange', { description: 'A channel’s ROAS and marginal ROAS under this model against the model it replaced.' })
export class ChannelModelChangeType {
  @Field(() => String, { description: 'Channel key.' })
  channel!: string;

  @Field(() => String, { description: 'Channel name shown to people.' })
  displayName!: string;

  @Field(() => FigureChangeType, { description: 'ROAS over each model’s observed weeks.' })
  roas!: FigureChangeType;

  @Field(() => FigureChangeType, { description: 'Marginal ROAS at this model’s current plan, under both models.' })
  mroas!: FigureChangeType;
}

@ObjectType('ModelComparison', { description: 'What changed when the model changed: every channel against the model this one replaced (or, not yet promoted, would replace).' })
export class ModelComparisonType {
  @Field(() => ID, { description: 'The model version compared with it.' })
  previousModelVersionId!: string;

  @Field(() => [ChannelModelChangeType], { description: 'Every channel both models have.' })
  channels!: ChannelModelChangeType[];

  @Field(() => [ChannelModelChangeType], { description: 'Only the channels whose ROAS or marginal ROAS moved outside the previous model’s 90% interval.' })
  moved!: ChannelModelChangeType[];

  static from(comparison: ModelComparison): ModelComparisonType {
    const channels = comparison.channels.map((c) =>
      Object.assign(new ChannelModelChangeType(), { ...c, roas: Object.assign(new FigureChangeType(), c.roas), mroas: Object.assign(new FigureChangeType(), c.mroas) }),
    );
    return Object.assign(new ModelComparisonType(), { previousModelVersionId: comparison.previousModelVersionId, channels, moved: channels.filter((c) => c.roas.outside || c.mroas.outside) });
  }
}

@ObjectType('Carryover', { description: 'How long a week of a channel’s spend keeps working, from the adstock the model fitted.' })
export class CarryoverType {
  @Field(() => String, { description: 'The adstock the model fitted: geometric or weibull.' })
  adstock!: string;

  @Field(() => Float, { description: 'Share of one week’s effect kept into the next (for a Weibull adstock, the geometric decay with the same mean lag).' })
  decay!: number;

  @Field(() => Float, { description: 'Weeks for the weekly effect to fall to half; 0 when nothing carries over.' })
  halfLifeWeeks!: number;

  @Field(() => Float, { description: 'Share of the whole effect that lands in the week of spend.' })
  sameWeekShare!: number;

  @Field(() => Int, { description: 'Weeks after the spend when the effect is strongest (0 = the week of spend).' })
  peakWeek!: number;

  @Field(() => Int, { description: 'Weeks, the week of spend included, until 90% of the whole effect has landed.' })
  weeksTo90!: number;

  @Field(() => Int, { description: 'Weeks after which the model counts no more effect.' })
  maxLag!: number;
}

@ObjectType('ChannelFigures', { description: 'What a channel earns according to a model. Intervals are 90% intervals over the model’s draws.' })
export class ChannelFiguresType {
  @Field(() => String, { description: 'Channel key.' })
  channel!: string;

  @Field(() => String, { description: 'Channel name shown to people.' })
  displayName!: string;

  @Field(() => Float, { description: 'Return on ad spend over the observed weeks: KPI units per unit of spend.' })
  roas!: number;

  @Field(() => Float, { description: 'Lower end of the ROAS interval.' })
  roasLow!: number;

  @Field(() => Float, { description: 'Upper end of the ROAS interval.' })
  roasHigh!: number;

  @Field(() => Float, { description: 'Marginal ROAS: KPI per extra unit of weekly spend at the current plan.' })
  mroas!: number;

  @Field(() => Float, { description: 'Lower end of the marginal ROAS interval.' })
  mroasLow!: number;

  @Field(() => Float, { description: 'Upper end of the marginal ROAS interval.' })
  mroasHigh!: number;

  @Field(() => Float, { description: 'Current weekly spend (mean of the last 13 observed weeks).' })
  weeklySpend!: number;

  @Field(() => Float, { nullable: true, description: 'Weekly spend up to which one more unit of spend still returns at least one unit of KPI (marginal ROAS ≥ 1); null when no spend does.' })
  breakEvenSpend!: number | null;

  @Field(() => Float, {
    nullable: true,
    description: 'How saturated the channel is: current weekly spend over breakEvenSpend (above 1 = past the point where an extra unit returns less than a unit; null = no spend breaks even, saturated at any spend). "Most saturated" sorts by this.',
  })
  spendVsBreakEven!: number | null;

  @Field(() => Float, { description: 'Weekly spend at which the channel reaches 90% of its maximum effect.' })
  saturationPoint!: number;

  @Field(() => Float, {
    description: 'Current weekly spend as a fraction of saturationPoint.',
    deprecationReason: 'Reads backwards against marginal ROAS (a weak channel far from its curve’s top looks unsaturated): use spendVsBreakEven.',
  })
  saturation!: number;

  @Field(() => Float, { description: 'Fraction of the observed KPI this channel produced.' })
  contributionShare!: number;

  @Field(() => CarryoverType, { nullable: true, description: 'How long its effect lasts (carry-over); on answers to carry-over questions ("how long does TV’s effect last"), else null.' })
  carryover!: CarryoverType | null;

  static from(figures: ChannelFigure): ChannelFiguresType {
    const { carryover, ...rest } = figures;
    return Object.assign(new ChannelFiguresType(), rest, { carryover: carryover ? Object.assign(new CarryoverType(), carryover) : null });
  }
}

@ObjectType('WeekDecomposition', { description: 'One observed week split into the parts of the model; the parts add up to `fitted`.' })
export class WeekDecompositionType {
  @Field(() => String, { description: 'First day of the week (ISO date).' })
  week!: string;

  @Field(() => Float, { description: 'Observed KPI.' })
  kpi!: number;

  @Field(() => Float, { description: 'KPI the model fits for the week.' })
  fitted!: number;

  @Field(() => Float, { description: 'Intercept: KPI without media, trend, seasonality or controls.' })
  baseline!: number;

  @Field(() => Float, { description: 'Trend contribution.' })
  trend!: number;

  @Field(() => Float, { description: 'Yearly seasonality contribution.' })
  seasonality!: number;

  @Field(() => Float, { description: 'Contribution of the control columns together.' })
  controls!: number;

  @Field(() => [ChannelAmountType], { description: 'KPI contribution of each channel (adstock carry-over included).' })
  channels!: ChannelAmountType[];

  static from(week: WeekDecomposition): WeekDecompositionType {
    const { date, channels, ...parts } = week;
    return Object.assign(new WeekDecompositionType(), { ...parts, week: date, channels: ChannelAmountType.list(channels) });
  }
}

@ObjectType('ResponseCurvePoint', { description: 'Steady-state weekly KPI contribution at one level of weekly spend, with its 90% interval.' })
export class ResponseCurvePointType {
  @Field(() => Float, { description: 'Weekly spend.' })
  weeklySpend!: number;

  @Field(() => Float, { description: 'Weekly KPI contribution at that spend.' })
  kpi!: number;

  @Field(() => Float, { description: 'Lower end of the interval.' })
  low!: number;

  @Field(() => Float, { description: 'Upper end of the interval.' })
  high!: number;
}

@ObjectType('ResponseCurve', { description: 'How a channel’s weekly KPI contribution grows with its weekly spend, from zero to 1.5× the highest spend seen (past observedMax it is extrapolated).' })
export class ResponseCurveType {
  @Field(() => ID, { description: 'Model version the curve is read from.' })
  modelVersionId!: string;

  @Field(() => String, { description: 'Channel key.' })
  channel!: string;

  @Field(() => String, { description: 'Channel name shown to people.' })
  displayName!: string;

  @Field(() => Float, { description: 'Current weekly spend, to place today on the curve.' })
  currentWeeklySpend!: number;

  @Field(() => Float, { description: 'Weekly KPI contribution at the current weekly spend (steady state).' })
  currentContribution!: number;

  @Field(() => Float, { description: 'Marginal ROAS at the current weekly spend: KPI from one more unit of weekly spend.' })
  currentMarginalRoas!: number;

  @Field(() => Float, { description: 'Lowest weekly spend in the data.' })
  observedMin!: number;

  @Field(() => Float, { description: 'Highest weekly spend in the data: past it the curve is extrapolated.' })
  observedMax!: number;

  @Field(() => [ResponseCurvePointType], { description: 'Points of the curve by increasing spend.' })
  points!: ResponseCurvePointType[];

  static from(modelVersionId: string, curve: ResponseCurveData): ResponseCurveType {
    return Object.assign(new ResponseCurveType(), {
      ...curve,
      modelVersionId,
      points: curve.points.map((p) => Object.assign(new ResponseCurvePointType(), p)),
    });
  }
}

/** A curve as the services give it (the `ask` answer uses the same shape). */
export type ResponseCurveData = CurveFigures;
