import { Arg, Args, Authorized, Ctx, Field, FieldResolver, ID, InputType, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { createApiKey, revokeApiKey } from '../../src/services/apiKeys';
import { updateChannelNaming } from '../../src/services/channels';
import { getDataset } from '../../src/services/datasets';
import { badInput, UserFacingError } from '../../src/services/errors';
import { ingestCsv } from '../../src/services/ingest';
import { createJobSchedule, getJobSchedule, runJobNow, updateJobSchedule } from '../../src/services/jobs';
import type { GraphQLContext } from '../context';
import { knownId } from '../ids';
import { apiKeyPage, digestPage, jobRunPage, jobSchedulePage } from '../lists';
import { asList, PageArgs } from '../pagination';
import { ApiKeyType, CreatedApiKeyType, RoleEnum } from '../types/ApiKeyType';
import { ChannelType } from '../types/DatasetType';
import { DigestType } from '../types/DigestType';
import { IngestCsvInput, IngestResultType } from '../types/IngestTypes';
import { JobRunType, JobScheduleInput, JobSchedulePatchInput, JobScheduleType } from '../types/JobTypes';

@InputType('ChannelNamingInput', { description: 'New names for a channel; fields left out stay as they are.' })
class ChannelNamingInput {
  @Field(() => String, { nullable: true, description: 'Name shown to people.' })
  displayName?: string | null;

  @Field(() => [String], { nullable: true, description: 'Other names questions may use (replaces the list).' })
  aliases?: string[] | null;

  @Field(() => String, { nullable: true, description: 'Channel group, e.g. digital; an empty string removes it from its group.' })
  group?: string | null;
}

@InputType('ApiKeyInput', { description: 'A new API key.' })
class ApiKeyInput {
  @Field(() => RoleEnum, { description: 'What the key may do.' })
  role!: RoleEnum;

  @Field(() => String, { nullable: true, description: 'What the key is for, e.g. "BI dashboard".' })
  name?: string | null;
}

/** Data in, channel names, jobs and API keys: the operator's side of the API. */
/** Where a queued run stands on the job queue, batched per request. */
@Resolver(() => JobRunType)
export class JobRunResolver {
  @FieldResolver(() => Int, { nullable: true, description: 'While QUEUED: its place on the job queue (1 = the next run a free worker takes, of every instance); null otherwise.' })
  queuePosition(@Root() run: JobRunType, @Ctx() ctx: GraphQLContext): Promise<number | null> | null {
    return run.status === 'queued' ? ctx.loaders.queuePosition.load(run.id) : null;
  }
}

@Resolver()
export class OperationsResolver {
  @Authorized('analyst')
  @Mutation(() => IngestResultType, { description: 'Adds a weekly CSV to a dataset (created when new). A rejected file changes nothing; its problems name row and column.' })
  async ingestCsv(@Ctx() ctx: GraphQLContext, @Arg('input', () => IngestCsvInput, { description: 'The file and the dataset it goes to.' }) input: IngestCsvInput): Promise<IngestResultType> {
    const mapping = input.mapping ? Object.fromEntries(Object.entries(input.mapping).filter(([, v]) => v !== null && v !== undefined)) : undefined;
    return IngestResultType.from(await ingestCsv(ctx.app, { csv: { text: input.csv }, dataset: input.dataset, mapping }));
  }

  @Authorized('analyst')
  @Mutation(() => ChannelType, { description: 'Renames a channel, sets its aliases or moves it to another group.' })
  async updateChannel(
    @Ctx() ctx: GraphQLContext,
    @Arg('id', () => ID, { description: 'Channel id.' }) id: string,
    @Arg('input', () => ChannelNamingInput, { description: 'The new names.' }) input: ChannelNamingInput,
  ): Promise<ChannelType> {
    return ChannelType.from(
      await updateChannelNaming(ctx.app.ds, id, { displayName: input.displayName ?? undefined, aliases: input.aliases ?? undefined, group: input.group }),
    );
  }

  @Authorized('viewer')
  @Query(() => [DigestType], { description: 'Weekly digests, newest first.' })
  async digests(
    @Ctx() ctx: GraphQLContext,
    @Args(() => PageArgs) page: PageArgs,
    @Arg('datasetId', () => ID, { nullable: true, description: 'Only this dataset (id or name).' }) datasetId?: string | null,
  ): Promise<DigestType[]> {
    const dataset = datasetId ? await getDataset(ctx.app.ds, datasetId) : null;
    return asList(await digestPage(ctx.app.ds, { datasetId: dataset?.id }, page), DigestType.from);
  }

  @Authorized('viewer')
  @Query(() => [JobScheduleType], { description: 'Job schedules, newest first.' })
  async jobSchedules(
    @Ctx() ctx: GraphQLContext,
    @Args(() => PageArgs) page: PageArgs,
    @Arg('datasetId', () => ID, { nullable: true, description: 'Only this dataset (id or name).' }) datasetId?: string | null,
  ): Promise<JobScheduleType[]> {
    const dataset = datasetId ? await getDataset(ctx.app.ds, datasetId) : null;
    return asList(await jobSchedulePage(ctx.app.ds, { datasetId: dataset?.id }, page), JobScheduleType.from);
  }

  @Authorized('viewer')
  @Query(() => [JobRunType], { description: 'Job runs, latest fire time first: of one schedule, or all (including runs on request).' })
  async jobRuns(
    @Ctx() ctx: GraphQLContext,
    @Args(() => PageArgs) page: PageArgs,
    @Arg('scheduleId', () => ID, { nullable: true, description: 'Only runs of this schedule.' }) scheduleId?: string | null,
  ): Promise<JobRunType[]> {
    if (scheduleId) await getJobSchedule(ctx.app.ds, scheduleId);
    return asList(await jobRunPage(ctx.app.ds, { scheduleId }, page), JobRunType.from);
  }

  @Authorized('admin')
  @Mutation(() => JobScheduleType, { description: 'Schedules a recurring job. Problems are reported per field (kind, cron, timezone, datasetId, slackChannel, options).' })
  async createJobSchedule(@Ctx() ctx: GraphQLContext, @Arg('input', () => JobScheduleInput, { description: 'The schedule.' }) input: JobScheduleInput): Promise<JobScheduleType> {
    const schedule = await withInputPath(() =>
      createJobSchedule(ctx.app.ds, {
        kind: input.kind,
        cron: input.cron,
        timezone: input.timezone,
        datasetId: input.datasetId,
        slackChannel: input.slackChannel ?? null,
        options: input.options ?? {},
        enabled: input.enabled,
        createdBy: `api:${ctx.caller.keyId}`,
      }),
    );
    return JobScheduleType.from(schedule);
  }

  @Authorized('admin')
  @Mutation(() => JobScheduleType, { description: 'Changes a job schedule (e.g. its cron, or enabled: false to pause it).' })
  async updateJobSchedule(
    @Ctx() ctx: GraphQLContext,
    @Arg('id', () => ID, { description: 'Schedule id.' }) id: string,
    @Arg('input', () => JobSchedulePatchInput, { description: 'The changes.' }) input: JobSchedulePatchInput,
  ): Promise<JobScheduleType> {
    const patch = {
      cron: input.cron ?? undefined,
      timezone: input.timezone ?? undefined,
      slackChannel: input.slackChannel === undefined ? undefined : input.slackChannel || null,
      options: input.options ?? undefined,
      enabled: input.enabled ?? undefined,
    };
    return JobScheduleType.from(await withInputPath(() => updateJobSchedule(ctx.app.ds, id, patch)));
  }

  @Authorized('admin')
  @Mutation(() => JobRunType, { description: 'Runs a schedule’s job now, outside its schedule; returns the run (status QUEUED: the next free worker of any instance takes it) to follow with jobRuns.' })
  async runJobNow(@Ctx() ctx: GraphQLContext, @Arg('scheduleId', () => ID, { description: 'Schedule id.' }) scheduleId: string): Promise<JobRunType> {
    return JobRunType.from(await runJobNow(ctx.app, scheduleId));
  }

  @Authorized('admin')
  @Query(() => [ApiKeyType], { description: 'API keys, newest first (never their secrets).' })
  async apiKeys(@Ctx() ctx: GraphQLContext, @Args(() => PageArgs) page: PageArgs): Promise<ApiKeyType[]> {
    return asList(await apiKeyPage(ctx.app.ds, page), ApiKeyType.from);
  }

  @Authorized('admin')
  @Mutation(() => CreatedApiKeyType, { description: 'Creates an API key. The secret is in this answer only: it is stored hashed and never shown again.' })
  async createApiKey(@Ctx() ctx: GraphQLContext, @Arg('input', () => ApiKeyInput, { description: 'Role and name of the key.' }) input: ApiKeyInput): Promise<CreatedApiKeyType> {
    const name = input.name?.trim() || null;
    if (name && name.length > 100) throw badInput('name must be at most 100 characters', [{ path: 'input.name', message: 'too long' }]);
    const created = await createApiKey(ctx.app.ds, input.role, name);
    const apiKey = ApiKeyType.from({ id: created.id, name, role: created.role, prefix: created.prefix, createdAt: new Date(), revokedAt: null, lastUsedAt: null });
    return Object.assign(new CreatedApiKeyType(), { key: created.key, apiKey });
  }

  @Authorized('admin')
  @Mutation(() => ApiKeyType, { description: 'Revokes an API key: it stops working at once.' })
  async revokeApiKey(@Ctx() ctx: GraphQLContext, @Arg('id', () => ID, { description: 'Key id.' }) id: string): Promise<ApiKeyType> {
    return ApiKeyType.from(await revokeApiKey(ctx.app.ds, knownId(id, 'API key')));
  }
}

/** The jobs service names fields as its own input does (`cron`); through GraphQL they sit under `input`. */
async function withInputPath<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (err instanceof UserFacingError && err.code === 'BAD_USER_INPUT') {
      for (const p of err.problems) if (p.path && !p.path.startsWith('input.')) p.path = `input.${p.path}`;
    }
    throw err;
  }
}
