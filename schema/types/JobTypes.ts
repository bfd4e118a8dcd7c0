import { GraphQLJSON } from 'graphql-scalars';
import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import type { JobRun, JobSchedule } from '../../src/entities';
import { Listed } from '../pagination';

export enum JobKindEnum {
  DIGEST = 'digest',
  RETRAIN = 'retrain',
  DATA_QUALITY = 'dataQuality',
}
registerEnumType(JobKindEnum, {
  name: 'JobKind',
  description: 'What a job does.',
  valuesConfig: {
    DIGEST: { description: 'Posts the weekly insight digest to a Slack channel.' },
    RETRAIN: { description: 'Retrains the model when new weeks have arrived, and promotes it when it is as good.' },
    DATA_QUALITY: { description: 'Checks the data for gaps, outliers and stopped channels.' },
  },
});

export enum JobRunStatusEnum {
  QUEUED = 'queued',
  RUNNING = 'running',
  SUCCEEDED = 'succeeded',
  FAILED = 'failed',
  SKIPPED = 'skipped',
}
registerEnumType(JobRunStatusEnum, {
  name: 'JobRunStatus',
  description: 'Where a job run is: waiting on the job queue, running, or how it ended (skipped = nothing to do).',
  valuesConfig: {
    QUEUED: { description: 'Waiting on the job queue for a free worker (first time, or for a retry after its backoff); see queuePosition.' },
    RUNNING: { description: 'A worker has it; see runningOn.' },
  },
});

export enum JobRunTriggerEnum {
  SCHEDULE = 'schedule',
  CATCH_UP = 'catchUp',
  MANUAL = 'manual',
}
registerEnumType(JobRunTriggerEnum, { name: 'JobRunTrigger', description: 'Why a job ran: its schedule, a fire time missed during downtime, or on request.' });

@ObjectType('JobSchedule', { description: 'A recurring job: what runs, when (cron in a time zone), on which dataset and where it reports.' })
export class JobScheduleType extends Listed {
  @Field(() => ID, { description: 'Schedule id.' })
  id!: string;

  @Field(() => JobKindEnum, { description: 'What runs.' })
  kind!: JobKindEnum;

  @Field(() => String, { description: 'Five-field cron expression (minute hour day-of-month month day-of-week).' })
  cron!: string;

  @Field(() => String, { description: 'IANA time zone the cron expression is read in.' })
  timezone!: string;

  @Field(() => ID, { description: 'Dataset the job works on.' })
  datasetId!: string;

  @Field(() => String, { nullable: true, description: 'Slack channel it posts results and failures to.' })
  slackChannel!: string | null;

  @Field(() => GraphQLJSON, { description: 'Options of the job kind.' })
  options!: Record<string, unknown>;

  @Field(() => Boolean, { description: 'Whether it runs.' })
  enabled!: boolean;

  @Field(() => String, { nullable: true, description: 'Who created it.' })
  createdBy!: string | null;

  @Field(() => Date, { description: 'When it was created.' })
  createdAt!: Date;

  @Field(() => Date, { description: 'When it last changed.' })
  updatedAt!: Date;

  static from(row: JobSchedule): JobScheduleType {
    return Object.assign(new JobScheduleType(), {
      id: row.id,
      kind: row.kind as JobKindEnum,
      cron: row.cron,
      timezone: row.timezone,
      datasetId: row.datasetId,
      slackChannel: row.slackChannel,
      options: row.options,
      enabled: row.enabled,
      createdBy: row.createdBy,
      createdAt: row.createdAt,
      updatedAt: row.updatedAt,
    });
  }
}


@ObjectType('JobRun', { description: 'One execution of a job, scheduled or on request. Each fire time of a schedule runs once, whatever the number of servers.' })
export class JobRunType extends Listed {
  @Field(() => ID, { description: 'Run id.' })
  id!: string;

  @Field(() => ID, { nullable: true, description: 'Schedule it belongs to; null for a job run on request outside any schedule.' })
  scheduleId!: string | null;

  @Field(() => JobKindEnum, { description: 'What ran.' })
  kind!: JobKindEnum;

  @Field(() => ID, { description: 'Dataset it worked on.' })
  datasetId!: string;

  @Field(() => Date, { description: 'The fire time it ran for (or when it was requested).' })
  fireTime!: Date;

  @Field(() => JobRunStatusEnum, { description: 'Where the run is.' })
  status!: JobRunStatusEnum;

  @Field(() => JobRunTriggerEnum, { description: 'Why it ran.' })
  trigger!: JobRunTriggerEnum;

  @Field(() => Date, { nullable: true, description: 'When it started.' })
  startedAt!: Date | null;

  @Field(() => Date, { nullable: true, description: 'When it finished.' })
  finishedAt!: Date | null;

  @Field(() => String, { nullable: true, description: 'Why it failed, when it did.' })
  error!: string | null;

  @Field(() => GraphQLJSON, { nullable: true, description: 'What it produced (e.g. the new model version of a retrain).' })
  output!: Record<string, unknown> | null;

  @Field(() => Int, { description: 'Attempt number (a run that failed, or whose process died, is retried).' })
  attempt!: number;

  @Field(() => Int, { description: 'Attempts it gets in all.' })
  maxAttempts!: number;

  @Field(() => Date, { description: 'When it was queued.' })
  queuedAt!: Date;

  @Field(() => String, { nullable: true, description: 'The instance (host:pid:tag) running it, or that ran its last attempt.' })
  runningOn!: string | null;

  @Field(() => String, { nullable: true, description: 'The job queue worker of that instance.' })
  workerId!: string | null;

  @Field(() => GraphQLJSON, { nullable: true, description: 'How far a running fit has got: {stage, done, total}.' })
  progress!: Record<string, unknown> | null;

  static from(row: JobRun): JobRunType {
    return Object.assign(new JobRunType(), {
      id: row.id,
      scheduleId: row.scheduleId,
      kind: row.kind as JobKindEnum,
      datasetId: row.datasetId,
      fireTime: row.fireTime,
      status: row.status as JobRunStatusEnum,
      trigger: row.trigger as JobRunTriggerEnum,
      startedAt: row.startedAt,
      finishedAt: row.finishedAt,
      error: row.error,
      output: row.output,
      attempt: row.attempt,
      maxAttempts: row.maxAttempts,
      queuedAt: row.queuedAt,
      runningOn: row.claimedBy,
      workerId: row.workerId,
      progress: row.progress,
    });
  }
}


@InputType('JobScheduleInput', { description: 'A new job schedule.' })
export class JobScheduleInput {
  @Field(() => JobKindEnum, { description: 'What runs.' })
  kind!: JobKindEnum;

  @Field(() => String, { description: 'Five-field cron expression, e.g. "0 9 * * 1" for Mondays at 9:00.' })
  cron!: string;

  @Field(() => String, { defaultValue: 'UTC', description: 'IANA time zone, e.g. Europe/Berlin.' })
  timezone!: string;

  @Field(() => ID, { description: 'Dataset the job works on.' })
  datasetId!: string;

  @Field(() => String, { nullable: true, description: 'Slack channel to post to (required for digests).' })
  slackChannel?: string | null;

  @Field(() => GraphQLJSON, { nullable: true, description: 'Options of the job kind (a JSON object).' })
  options?: Record<string, unknown> | null;

  @Field(() => Boolean, { defaultValue: true, description: 'Whether it runs.' })
  enabled!: boolean;
}

@InputType('JobSchedulePatch', { description: 'Changes to a job schedule; fields left out stay as they are.' })
export class JobSchedulePatchInput {
  @Field(() => String, { nullable: true, description: 'New cron expression.' })
  cron?: string | null;

  @Field(() => String, { nullable: true, description: 'New time zone.' })
  timezone?: string | null;

  @Field(() => String, { nullable: true, description: 'New Slack channel; an empty string removes it.' })
  slackChannel?: string | null;

  @Field(() => GraphQLJSON, { nullable: true, description: 'New options (replace the old ones).' })
  options?: Record<string, unknown> | null;

  @Field(() => Boolean, { nullable: true, description: 'Turn it on or off.' })
  enabled?: boolean | null;
}
