import { Field, Float, ID, ObjectType } from 'type-graphql';
import type { Channel, Dataset, Observation } from '../../src/entities';
import { Listed } from '../pagination';

@ObjectType('Channel', { description: 'A media channel of a dataset and the names marketers use for it.' })
export class ChannelType {
  @Field(() => ID, { description: 'Channel id.' })
  id!: string;

  @Field(() => ID, { description: 'Dataset the channel belongs to.' })
  datasetId!: string;

  @Field(() => String, { description: 'Stable key used in models, specs and plans (e.g. "tv").' })
  key!: string;

  @Field(() => String, { description: 'Name shown to people (e.g. "Paid Search").' })
  displayName!: string;

  @Field(() => [String], { description: 'Other names the question language accepts.' })
  aliases!: string[];

  @Field(() => String, { nullable: true, description: 'Channel group, e.g. "digital" or "traditional".' })
  group!: string | null;

  static from(row: Channel): ChannelType {
    return Object.assign(new ChannelType(), { id: row.id, datasetId: row.datasetId, key: row.key, displayName: row.displayName, aliases: row.aliases, group: row.group });
  }
}

@ObjectType('Dataset', { description: 'Weekly marketing data: a KPI, spend per channel and controls.' })
export class DatasetType extends Listed {
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


@ObjectType('ChannelAmount', { description: 'An amount for one channel (spend or KPI contribution, per the field that holds it).' })
export class ChannelAmountType {
  @Field(() => String, { description: 'Channel key.' })
  channel!: string;

  @Field(() => Float, { description: 'The amount, in the dataset currency (spend) or KPI units (contribution).' })
  amount!: number;

  static list(values: Record<string, number>): ChannelAmountType[] {
    return Object.entries(values).map(([channel, amount]) => Object.assign(new ChannelAmountType(), { channel, amount }));
  }
}

/** The entries of a by-channel record in the dataset's channel order: jsonb comes back with its keys reordered. */
export function inChannelOrder<T>(byChannel: Record<string, T>, channelOrder: string[]): Record<string, T> {
  return Object.fromEntries(channelOrder.filter((c) => c in byChannel).map((c) => [c, byChannel[c]]));
}

@ObjectType('ControlValue', { description: 'The value of one control column (e.g. promo = 1).' })
export class ControlValueType {
  @Field(() => String, { description: 'Control name.' })
  name!: string;

  @Field(() => Float, { description: 'Its value that week.' })
  value!: number;
}

@ObjectType('Observation', { description: 'One observed week of a dataset.' })
export class ObservationType extends Listed {
  @Field(() => ID, { description: 'Observation id.' })
  id!: string;

  @Field(() => String, { description: 'First day of the week (ISO date).' })
  week!: string;

  @Field(() => Float, { description: 'The KPI that week.' })
  kpi!: number;

  @Field(() => [ChannelAmountType], { description: 'Spend per channel that week.' })
  spend!: ChannelAmountType[];

  @Field(() => [ControlValueType], { description: 'Control values that week.' })
  controls!: ControlValueType[];

  /** Spend listed in the dataset's channel order (the database keeps no key order). */
  static from(row: Observation, channelKeys: string[]): ObservationType {
    return Object.assign(new ObservationType(), {
      id: String(row.id),
      week: row.week,
      kpi: row.kpi,
      spend: ChannelAmountType.list(inChannelOrder(row.spend, channelKeys)),
      controls: Object.entries(row.controls).map(([name, value]) => Object.assign(new ControlValueType(), { name, value })),
    });
  }
}

