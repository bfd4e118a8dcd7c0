import { GraphQLJSON } from 'graphql-scalars';
import { Field, ID, ObjectType } from 'type-graphql';
import type { Digest } from '../../src/entities';
import { Listed } from '../pagination';

@ObjectType('Digest', { description: 'A weekly insight digest of a dataset, posted to a Slack channel; one per dataset, channel and ISO week.' })
export class DigestType extends Listed {
  @Field(() => ID, { description: 'Digest id.' })
  id!: string;

  @Field(() => ID, { description: 'Dataset it summarizes.' })
  datasetId!: string;

  @Field(() => String, { description: 'Slack channel it goes to.' })
  slackChannel!: string;

  @Field(() => String, { description: 'ISO week, e.g. 2026-W47.' })
  isoWeek!: string;

  @Field(() => GraphQLJSON, { description: 'What the digest says, as computed by the digest job.' })
  content!: Record<string, unknown>;

  @Field(() => ID, { nullable: true, description: 'Job run that produced it.' })
  jobRunId!: string | null;

  @Field(() => String, { nullable: true, description: 'Slack message timestamp once posted.' })
  slackTs!: string | null;

  @Field(() => Date, { nullable: true, description: 'When it was posted; null while not (yet) posted.' })
  postedAt!: Date | null;

  @Field(() => Date, { description: 'When it was computed.' })
  createdAt!: Date;

  static from(row: Digest): DigestType {
    return Object.assign(new DigestType(), {
      id: row.id,
      datasetId: row.datasetId,
      slackChannel: row.slackChannel,
      isoWeek: row.isoWeek,
      content: row.content,
      jobRunId: row.jobRunId,
      slackTs: row.slackTs,
      postedAt: row.postedAt,
      createdAt: row.createdAt,
    });
  }
}

