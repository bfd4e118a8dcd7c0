import { Field, ID, ObjectType } from 'type-graphql';
import type { Notebook } from '../../src/entities';
import { Listed } from '../pagination';

@ObjectType('Notebook', { description: 'A conversation with the assistant (a Slack thread or an API session): its scenarios in order, so follow-ups build on the last one.' })
export class NotebookType extends Listed {
  @Field(() => ID, { description: 'Notebook id; pass it to `ask` to continue the conversation.' })
  id!: string;

  @Field(() => ID, { description: 'Dataset the conversation is about.' })
  datasetId!: string;

  @Field(() => String, { description: 'Where it happens: slack, api or cli.' })
  source!: string;

  @Field(() => String, { nullable: true, description: 'The first question, as a title.' })
  title!: string | null;

  @Field(() => String, { nullable: true, description: 'Slack channel of the thread, for Slack notebooks.' })
  slackChannel!: string | null;

  @Field(() => String, { nullable: true, description: 'Slack thread timestamp, for Slack notebooks.' })
  slackThreadTs!: string | null;

  @Field(() => String, { nullable: true, description: 'Who started it.' })
  createdBy!: string | null;

  @Field(() => Date, { description: 'When it started.' })
  createdAt!: Date;

  static from(row: Notebook): NotebookType {
    return Object.assign(new NotebookType(), {
      id: row.id,
      datasetId: row.datasetId,
      source: row.source,
      title: row.title,
      slackChannel: row.slackChannel,
      slackThreadTs: row.slackThreadTs,
      createdBy: row.createdBy,
      createdAt: row.createdAt,
    });
  }
}

