import { Field, ID, ObjectType } from 'type-graphql';
import type { Channel, Dataset } from '../../src/entities';

@ObjectType('Channel', { description: 'A media channel of a dataset and the names marketers use for it.' })
export class ChannelType {
  @Field(() => ID, { description: 'Channel id.' })
  id!: string;

  @Field(() => String, { description: 'Stable key used in models, specs and plans (e.g. "tv").' })
  key!: string;

  @Field(() => String, { description: 'Name shown to people (e.g. "Paid Search").' })
  displayName!: string;

  @Field(() => [String], { description: 'Other names the question language accepts.' })
  aliases!: string[];

  @Field(() => String, { nullable: true, description: 'Channel group, e.g. "digital" or "traditional".' })
  group!: string | null;

  static from(row: Channel): ChannelType {
    return Object.assign(new ChannelType(), { id: row.id, key: row.key, displayName: row.displayName, aliases: row.aliases, group: row.group });
  }
}

@ObjectType('Dataset', { description: 'Weekly marketing data: a KPI, spend per channel and controls.' })
export class DatasetType {
  @Field(() => ID, { description: 'Dataset id.' })
  id!: string;

  @Field(() => String, { description: 'Unique dataset name.' })
  name!: string;

  @Field(() => String, { description: 'Name of the KPI column (e.g. revenue).' })
  kpiName!: string;

  @Field(() => [String], { description: 'Control columns (holidays, promotions).' })
  controlNames!: string[];

  @Field(() => Date, { nullable: true, description: 'When new weeks arrived after the production model was trained.' })
  staleSince!: Date | null;

  @Field(() => Date, { description: 'When the dataset was created.' })
  createdAt!: Date;

  static from(row: Dataset): DatasetType {
    return Object.assign(new DatasetType(), {
      id: row.id,
      name: row.name,
      kpiName: row.kpiName,
      controlNames: row.controlNames,
      staleSince: row.staleSince,
      createdAt: row.createdAt,
    });
  }
}
