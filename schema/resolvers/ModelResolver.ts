import type { ComplexityEstimator } from 'graphql-query-complexity';
import { Arg, Args, Authorized, Ctx, Field, FieldResolver, ID, InputType, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { decomposition, type AdstockType, type SaturationType, type SearchEffort } from '../../src/mmm';
import { channelFigures } from '../../src/services/ask';
import { compareWithPrevious } from '../../src/services/modelChanges';
import { getDataset } from '../../src/services/datasets';
import { runJobNow } from '../../src/services/jobs';
import { getModelVersion, loadModel, productionModelVersion, promoteModel, rollbackModel } from '../../src/services/models';
import { channelResponseCurve } from '../../src/services/responseCurves';
import type { GraphQLContext } from '../context';
import { knownId } from '../ids';
import { modelPage } from '../lists';
import { asList, PageArgs } from '../pagination';
import { DatasetType } from '../types/DatasetType';
import { AdstockEnum, FitEffortEnum, SaturationEnum } from '../types/FitChoiceEnums';
import { JobRunType } from '../types/JobTypes';
import { ChannelFiguresType, ModelComparisonType, ModelStatusEnum, ModelVersionType, ResponseCurveType, WeekDecompositionType } from '../types/ModelVersionType';

/** Reading a model's figures parses its document: costlier than a column, so queries pay for it in complexity. */
const MODEL_FIGURES_COMPLEXITY = 10;

/** A response curve is computed point by point over every bootstrap draw: it costs by its points. */
const responseCurveComplexity: ComplexityEstimator = ({ args, childComplexity }) => MODEL_FIGURES_COMPLEXITY + childComplexity + 5 * (typeof args.points === 'number' ? Math.max(0, args.points) : 41);

@InputType('TrainModelInput', { description: 'Train a new model version of a dataset.' })
class TrainModelInput {
  @Field(() => ID, { description: 'Dataset id or name.' })
  datasetId!: string;

  @Field(() => Int, { nullable: true, description: 'Weeks held out at the end to measure forecast error (default: as the production model).' })
  holdoutWeeks?: number | null;

  @Field(() => Int, { nullable: true, description: 'Random seed of the search and bootstrap (same data + seed = same model).' })
  seed?: number | null;

  @Field(() => AdstockEnum, { nullable: true, description: 'Carry-over shape (default: as the production model, else GEOMETRIC).' })
  adstock?: AdstockType | null;

  @Field(() => SaturationEnum, { nullable: true, description: 'Saturation curve (default: as the production model, else HILL).' })
  saturation?: SaturationType | null;

  @Field(() => FitEffortEnum, { nullable: true, description: 'Search effort (default: as the production model, else DEFAULT).' })
  effort?: SearchEffort | null;
}

@Resolver(() => ModelVersionType)
export class ModelResolver {
  @Authorized('viewer')
  @Query(() => [ModelVersionType], { description: 'Model versions, newest first.' })
  async models(
    @Ctx() ctx: GraphQLContext,
    @Args(() => PageArgs) page: PageArgs,
    @Arg('datasetId', () => ID, { nullable: true, description: 'Only this dataset (id or name).' }) datasetId?: string | null,
    @Arg('status', () => ModelStatusEnum, { nullable: true, description: 'Only versions in this status.' }) status?: ModelStatusEnum | null,
  ): Promise<ModelVersionType[]> {
    const dataset = datasetId ? await getDataset(ctx.app.ds, datasetId) : null;
    return asList(await modelPage(ctx.app.ds, { datasetId: dataset?.id, status }, page), ModelVersionType.from);
  }

  @Authorized('viewer')
  @Query(() => ModelVersionType, { description: 'One model version.' })
  async model(@Ctx() ctx: GraphQLContext, @Arg('id', () => ID, { description: 'Model version id.' }) id: string): Promise<ModelVersionType> {
    return ModelVersionType.from(await getModelVersion(ctx.app.ds, knownId(id, 'model version')));
  }

  @Authorized('viewer')
  @Query(() => ModelVersionType, { nullable: true, description: 'The production model of a dataset; null when it has none yet.' })
  async productionModel(@Ctx() ctx: GraphQLContext, @Arg('datasetId', () => ID, { description: 'Dataset id or name.' }) datasetId: string): Promise<ModelVersionType | null> {
    const row = await productionModelVersion(ctx.app.ds, (await getDataset(ctx.app.ds, datasetId)).id);
    return row ? ModelVersionType.from(row) : null;
  }

  @Authorized('viewer')
  @Query(() => ResponseCurveType, { complexity: responseCurveComplexity, description: 'How a channel’s weekly KPI grows with its weekly spend, with a 90% band.' })
  async responseCurve(
    @Ctx() ctx: GraphQLContext,
    @Arg('channel', () => String, { description: 'The channel: its key, display name, an alias or a usual synonym, any case ("TV", "Paid Search", "ppc").' }) channel: string,
    @Arg('datasetId', () => ID, { nullable: true, description: 'Dataset id or name (its production model); unset = the default dataset.' }) datasetId?: string | null,
    @Arg('modelId', () => ID, { nullable: true, description: 'A specific model version instead of the production model.' }) modelId?: string | null,
    @Arg('points', () => Int, { defaultValue: 41, description: 'Number of points, 2 to 200.' }) points = 41,
  ): Promise<ResponseCurveType> {
    const { modelVersionId, curve } = await channelResponseCurve(ctx.app.ds, { channel, datasetId, modelVersionId: modelId ? knownId(modelId, 'model version') : null, points });
    return ResponseCurveType.from(modelVersionId, curve);
  }

  @Authorized('analyst')
  @Mutation(() => JobRunType, {
    description: 'Trains a new model version as a retrain job run and returns the run to follow (jobRuns, status). The new version is promoted when it predicts unseen weeks about as well as production.',
  })
  async trainModel(@Ctx() ctx: GraphQLContext, @Arg('input', () => TrainModelInput, { description: 'The dataset and training settings.' }) input: TrainModelInput): Promise<JobRunType> {
    const dataset = await getDataset(ctx.app.ds, input.datasetId);
    const options: Record<string, unknown> = {};
    if (input.holdoutWeeks !== null && input.holdoutWeeks !== undefined) options.holdoutWeeks = input.holdoutWeeks;
    if (input.seed !== null && input.seed !== undefined) options.seed = input.seed;
    for (const name of ['adstock', 'saturation', 'effort'] as const) if (input[name] !== null && input[name] !== undefined) options[name] = input[name];
    return JobRunType.from(await runJobNow(ctx.app, { kind: 'retrain', datasetId: dataset.id, options }));
  }

  @Authorized('admin')
  @Mutation(() => ModelVersionType, { description: 'Makes a candidate (or an archived) version the production model of its dataset; the old one is archived.' })
  async promoteModel(@Ctx() ctx: GraphQLContext, @Arg('id', () => ID, { description: 'Model version id.' }) id: string): Promise<ModelVersionType> {
    return ModelVersionType.from(await promoteModel(ctx.app.ds, knownId(id, 'model version')));
  }

  @Authorized('admin')
  @Mutation(() => ModelVersionType, { description: 'Puts the previous production model of a dataset back in production.' })
  async rollbackModel(@Ctx() ctx: GraphQLContext, @Arg('datasetId', () => ID, { description: 'Dataset id or name.' }) datasetId: string): Promise<ModelVersionType> {
    return ModelVersionType.from(await rollbackModel(ctx.app.ds, (await getDataset(ctx.app.ds, datasetId)).id));
  }

  @FieldResolver(() => DatasetType, { description: 'The dataset the model was fitted on.' })
  async dataset(@Root() model: ModelVersionType, @Ctx() ctx: GraphQLContext): Promise<DatasetType> {
    const row = await ctx.loaders.dataset.load(model.datasetId);
    if (!row) throw new Error(`model version ${model.id} names a dataset that does not exist`);
    return DatasetType.from(row);
  }

  @FieldResolver(() => [ChannelFiguresType], {
    nullable: true,
    complexity: MODEL_FIGURES_COMPLEXITY,
    description: 'ROAS (with 90% intervals), marginal ROAS, saturation and contribution per channel; null until trained.',
  })
  async channels(@Root() model: ModelVersionType, @Ctx() ctx: GraphQLContext): Promise<ChannelFiguresType[] | null> {
    if (!hasFit(model)) return null;
    const channels = await ctx.loaders.channelsOfDataset.load(model.datasetId);
    return channelFigures(await loadModel(ctx.app.ds, model.id), channels).map(ChannelFiguresType.from);
  }

  @FieldResolver(() => ModelComparisonType, {
    nullable: true,
    complexity: 2 * MODEL_FIGURES_COMPLEXITY,
    description:
      'What changed when the model changed: each channel’s ROAS and marginal ROAS against the model this one replaced (for a candidate: today’s production model), and which moved outside that model’s 90% interval. Null for a dataset’s first model or one not trained.',
  })
  async changesFromPrevious(@Root() model: ModelVersionType, @Ctx() ctx: GraphQLContext): Promise<ModelComparisonType | null> {
    if (!hasFit(model)) return null;
    const comparison = await compareWithPrevious(ctx.app.ds, { id: model.id, datasetId: model.datasetId, promotedAt: model.promotedAt, status: model.status });
    return comparison ? ModelComparisonType.from(comparison) : null;
  }

  @FieldResolver(() => [WeekDecompositionType], {
    nullable: true,
    complexity: MODEL_FIGURES_COMPLEXITY,
    description: 'Every training week split into baseline, trend, seasonality, controls and channels (a model’s fixed series: not paged); null until trained.',
  })
  async decomposition(@Root() model: ModelVersionType, @Ctx() ctx: GraphQLContext): Promise<WeekDecompositionType[] | null> {
    if (!hasFit(model)) return null;
    return decomposition(await loadModel(ctx.app.ds, model.id)).map(WeekDecompositionType.from);
  }
}

function hasFit(model: ModelVersionType): boolean {
  return model.status !== ModelStatusEnum.TRAINING && model.status !== ModelStatusEnum.FAILED;
}
