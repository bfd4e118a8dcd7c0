import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Int, Query, Resolver, Root } from 'type-graphql';
import { getDataset } from '../../src/services/datasets';
import type { GraphQLContext } from '../context';
import { datasetPage, modelPage, observationPage } from '../lists';
import { asList, PageArgs } from '../pagination';
import { ChannelType, DatasetType, ObservationType } from '../types/DatasetType';
import { ModelVersionType } from '../types/ModelVersionType';

@Resolver(() => DatasetType)
export class DatasetResolver {
  @Authorized('viewer')
  @Query(() => [DatasetType], { description: 'Every dataset, by name.' })
  async datasets(@Ctx() ctx: GraphQLContext, @Args(() => PageArgs) page: PageArgs): Promise<DatasetType[]> {
    return asList(await datasetPage(ctx.app.ds, page), DatasetType.from);
  }

  @Authorized('viewer')
  @Query(() => DatasetType, { description: 'One dataset, by id or by name.' })
  async dataset(@Ctx() ctx: GraphQLContext, @Arg('id', () => ID, { description: 'Dataset id or name.' }) id: string): Promise<DatasetType> {
    return DatasetType.from(await getDataset(ctx.app.ds, id));
  }

  @FieldResolver(() => [ChannelType], { description: 'The media channels of the dataset, in order (a dataset has a handful: not paged).' })
  async channels(@Root() dataset: DatasetType, @Ctx() ctx: GraphQLContext): Promise<ChannelType[]> {
    return (await ctx.loaders.channelsOfDataset.load(dataset.id)).map(ChannelType.from);
  }

  @FieldResolver(() => Int, { description: 'Number of observed weeks.' })
  async weeks(@Root() dataset: DatasetType, @Ctx() ctx: GraphQLContext): Promise<number> {
    return ctx.loaders.weeksOfDataset.load(dataset.id);
  }

  @FieldResolver(() => ModelVersionType, { nullable: true, description: 'The model that answers questions on this dataset.' })
  async productionModel(@Root() dataset: DatasetType, @Ctx() ctx: GraphQLContext): Promise<ModelVersionType | null> {
    const row = await ctx.loaders.productionModelOfDataset.load(dataset.id);
    return row ? ModelVersionType.from(row) : null;
  }

  @FieldResolver(() => [ObservationType], { description: 'The observed weeks, oldest first.' })
  async observations(@Root() dataset: DatasetType, @Ctx() ctx: GraphQLContext, @Args(() => PageArgs) page: PageArgs): Promise<ObservationType[]> {
    const channelKeys = (await ctx.loaders.channelsOfDataset.load(dataset.id)).map((c) => c.key);
    return asList(await observationPage(ctx.app.ds, dataset.id, page), (row) => ObservationType.from(row, channelKeys));
  }

  @FieldResolver(() => [ModelVersionType], { description: 'Model versions of this dataset, newest first.' })
  async models(@Root() dataset: DatasetType, @Ctx() ctx: GraphQLContext, @Args(() => PageArgs) page: PageArgs): Promise<ModelVersionType[]> {
    return asList(await modelPage(ctx.app.ds, { datasetId: dataset.id }, page), ModelVersionType.from);
  }
}
