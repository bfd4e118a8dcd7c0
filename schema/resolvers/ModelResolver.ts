import { Arg, Authorized, Ctx, ID, Query, Resolver } from 'type-graphql';
import { getModelVersion, listModels, productionModelVersion } from '../../src/services/models';
import type { GraphQLContext } from '../context';
import { ModelVersionType } from '../types/ModelVersionType';

@Resolver(() => ModelVersionType)
export class ModelResolver {
  @Authorized('viewer')
  @Query(() => [ModelVersionType], { description: 'Model versions, newest first; of one dataset when datasetId is given.' })
  async models(
    @Ctx() ctx: GraphQLContext,
    @Arg('datasetId', () => ID, { nullable: true, description: 'Only this dataset.' }) datasetId?: string,
  ): Promise<ModelVersionType[]> {
    return (await listModels(ctx.app.ds, datasetId ?? undefined)).map(ModelVersionType.from);
  }

  @Authorized('viewer')
  @Query(() => ModelVersionType, { description: 'One model version.' })
  async model(@Ctx() ctx: GraphQLContext, @Arg('id', () => ID, { description: 'Model version id.' }) id: string): Promise<ModelVersionType> {
    return ModelVersionType.from(await getModelVersion(ctx.app.ds, id));
  }

  @Authorized('viewer')
  @Query(() => ModelVersionType, { nullable: true, description: 'The production model of a dataset, if any.' })
  async productionModel(
    @Ctx() ctx: GraphQLContext,
    @Arg('datasetId', () => ID, { description: 'Dataset id.' }) datasetId: string,
  ): Promise<ModelVersionType | null> {
    const row = await productionModelVersion(ctx.app.ds, datasetId);
    return row ? ModelVersionType.from(row) : null;
  }
}
