import { Field, Float, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import type { ModelVersion } from '../../src/entities';

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
export class ModelVersionType {
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
