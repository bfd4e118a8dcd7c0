import { Authorized, Ctx, FieldResolver, Int, Query, Resolver, Root } from 'type-graphql';
import { Observation } from '../../src/entities';
import { channelsOf, listDatasets } from '../../src/services/datasets';
import { productionModelVersion } from '../../src/services/models';
import type { GraphQLContext } from '../context';
import { ChannelType, DatasetType } from '../types/DatasetType';
import { ModelVersionType } from '../types/ModelVersionType';

@Resolver(() => DatasetType)
export class DatasetResolver {
  @Authorized('viewer')
  @Query(() => [DatasetType], { description: 'Every dataset, by name.' })
  async datasets(@Ctx() ctx: GraphQLContext): Promise<DatasetType[]> {
    return (await listDatasets(ctx.app.ds)).map(DatasetType.from);
  }

  @FieldResolver(() => [ChannelType], { description: 'The media channels of the dataset, in order.' })
  async channels(@Root() dataset: DatasetType, @Ctx() ctx: GraphQLContext): Promise<ChannelType[]> {
    return (await channelsOf(ctx.app.ds, dataset.id)).map(ChannelType.from);
  }

  @FieldResolver(() => Int, { description: 'Number of observed weeks.' })
  async weeks(@Root() dataset: DatasetType, @Ctx() ctx: GraphQLContext): Promise<number> {
    return ctx.app.ds.getRepository(Observation).countBy({ datasetId: dataset.id });
  }

  @FieldResolver(() => ModelVersionType, { nullable: true, description: 'The model that answers questions on this dataset.' })
  async productionModel(@Root() dataset: DatasetType, @Ctx() ctx: GraphQLContext): Promise<ModelVersionType | null> {
    const row = await productionModelVersion(ctx.app.ds, dataset.id);
    return row ? ModelVersionType.from(row) : null;
  }
}
