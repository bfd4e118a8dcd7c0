import { setTimeout as sleep } from 'node:timers/promises';
import type { DataSource } from 'typeorm';
import { Dataset, JOB_KINDS, JobRun, JobSchedule, type JobKind } from '../entities';
import { cronClock, cronProblems, nextFireTimes } from '../jobs/cronTimes';
import { enqueueRun, queuePositions } from '../jobs/runs';

export { queuePositions };
import { createJobWorker } from './jobExecution';
import { JOB_KINDS_BY_NAME } from './jobKinds';
import type { JobNotifier } from './jobKinds/types';
import type { AppContext } from './appContext';
import { badInput, notFound, UserFacingError, type Problem } from './errors';
import { isUuid } from './ids';

/**
 * Scheduled jobs as the front doors see them (GraphQL, Slack, CLI): create, change and list
 * schedules, list their runs, run a job now. The scheduler loop (jobs/) picks changes up by
 * itself, and runs go through the job queue (src/jobs): nothing here talks to a running
 * scheduler or worker.
 */
export interface JobScheduleInput {
  kind: JobKind;
  /** Five-field cron expression: minute hour day-of-month month day-of-week. */
  cron: string;
  /** IANA time zone the cron expression is read in; default UTC. */
  timezone?: string;
  datasetId: string;
  /** Where results, alerts and failures are posted; required for digests. */
  slackChannel?: string | null;
  options?: Record<string, unknown>;
  enabled?: boolean;
  createdBy?: string | null;
}

export type JobSchedulePatch = Partial<Omit<JobScheduleInput, 'kind' | 'datasetId' | 'createdBy'>>;

export async function createJobSchedule(ds: DataSource, input: JobScheduleInput): Promise<JobSchedule> {
  const checked = await checkedSchedule(ds, input);
  const repo = ds.getRepository(JobSchedule);
  return repo.save(repo.create({ ...checked, createdBy: input.createdBy ?? null }));
}

/** Changes a schedule; the fields not given stay as they are. */
export async function updateJobSchedule(ds: DataSource, id: string, patch: JobSchedulePatch): Promise<JobSchedule> {
  const current = await getJobSchedule(ds, id);
  const merged: JobScheduleInput = {
    kind: current.kind,
    datasetId: current.datasetId,
    cron: patch.cron ?? current.cron,
    timezone: patch.timezone ?? current.timezone,
    slackChannel: patch.slackChannel === undefined ? current.slackChannel : patch.slackChannel,
    options: patch.options ?? current.options,
    enabled: patch.enabled ?? current.enabled,
  };
  const checked = await checkedSchedule(ds, merged);
  await ds.getRepository(JobSchedule).save({ ...current, ...checked });
  return getJobSchedule(ds, id);
}

export async function disableJobSchedule(ds: DataSource, id: string): Promise<JobSchedule> {
  return updateJobSchedule(ds, id, { enabled: false });
}

export async function getJobSchedule(ds: DataSource, id: string): Promise<JobSchedule> {
  const found = isUuid(id) ? await ds.getRepository(JobSchedule).findOneBy({ id }) : null;
  if (!found) throw notFound(`No job schedule ${id}`);
  return found;
}

export async function listJobSchedules(ds: DataSource, filter: { datasetId?: string; enabled?: boolean } = {}): Promise<JobSchedule[]> {
  return ds.getRepository(JobSchedule).find({ where: { ...filter }, order: { createdAt: 'ASC' } });
}

/** The next fire times of a schedule (to show people when it will run). */
export function upcomingFireTimes(schedule: Pick<JobSchedule, 'cron' | 'timezone'>, count = 3, after: Date = new Date()): Date[] {
  const clock = cronClock(schedule.cron, schedule.timezone);
  try {
    return nextFireTimes(clock, after, count);
  } finally {
    clock.dispose();
  }
}

/** Runs of one schedule (or of every schedule and on-demand job), newest fire time first. */
export async function jobRuns(ds: DataSource, scheduleId?: string | null, options: { limit?: number } = {}): Promise<JobRun[]> {
  if (scheduleId) await getJobSchedule(ds, scheduleId);
  const limit = options.limit ?? 50;
  if (!Number.isInteger(limit) || limit < 1 || limit > 500) throw badInput(`limit must be a whole number from 1 to 500, got ${limit}`, [{ path: 'limit', message: 'out of range' }]);
  return ds.getRepository(JobRun).find({ where: scheduleId ? { scheduleId } : {}, order: { fireTime: 'DESC' }, take: limit });
}

export interface AdHocJob {
  kind: JobKind;
  datasetId: string;
  slackChannel?: string | null;
  options?: Record<string, unknown>;
}

/** A run and, while it waits on the queue, where it stands there (1 = next). */
export interface RunWithPosition {
  run: JobRun;
  queuePosition: number | null;
}

/** Where each queued run stands on the job queue (1 = the next a free worker takes); null for runs not waiting. */
export async function withQueuePositions(ds: DataSource, runs: JobRun[]): Promise<RunWithPosition[]> {
  const positions = await queuePositions(
    ds,
    runs.filter((r) => r.status === 'queued').map((r) => r.id),
  );
  return runs.map((run) => ({ run, queuePosition: positions.get(run.id) ?? null }));
}

export interface WaitOptions {
  /** Aborted: stop waiting (the run goes on); rejects with the signal's reason. */
  signal?: AbortSignal;
  /** How often the run's row is read. */
  pollMs?: number;
  /** Called when the run's status, queue position or progress changes. */
  onChange?(state: RunWithPosition): void;
}

const FINISHED: readonly string[] = ['succeeded', 'failed', 'skipped'];

/** A waiter rides out the database failing for this long (a restart, a connection that timed out while a fit held the event loop). */
const WAIT_THROUGH_ERRORS_MS = 60_000;

/** The run once it has finished, on whichever instance ran it. */
export async function waitForRun(ds: DataSource, runId: string, options: WaitOptions = {}): Promise<JobRun> {
  let last = '';
  let failingSince: number | null = null;
  for (;;) {
    options.signal?.throwIfAborted();
    try {
      const run = await ds.getRepository(JobRun).findOneBy({ id: runId });
      if (!run) throw notFound(`No job run ${runId}`);
      if (FINISHED.includes(run.status)) return run;
      if (options.onChange) {
        const [state] = await withQueuePositions(ds, [run]);
        const key = JSON.stringify([run.status, state.queuePosition, run.progress, run.attempt]);
        if (key !== last) options.onChange(state);
        last = key;
      }
      failingSince = null;
    } catch (err) {
      if (err instanceof UserFacingError) throw err;
      failingSince ??= Date.now();
      if (Date.now() - failingSince > WAIT_THROUGH_ERRORS_MS) throw err;
    }
    await sleep(options.pollMs ?? 250, undefined, { signal: options.signal }).catch(() => undefined);
  }
}

export interface RunNowOptions {
  /** Wait for the run to finish (on whichever instance takes it) and return it finished. */
  wait?: boolean;
  /** Where the run posts when this process runs it (see wait); default the app's notifier. */
  slack?: JobNotifier | null;
  now?: Date;
  onChange?: WaitOptions['onChange'];
}

/**
 * Runs a job now, outside its schedule: a schedule's job (its options and channel) or an
 * ad-hoc one. Queued as a run like any other (trigger `manual`; a retrain on request does not
 * wait for new weeks) and returned queued, unless `wait` is set. A waiting caller without a
 * worker of its own (the `mmm` command) runs one for as long as it waits, so the run does not
 * depend on a server being up.
 */
export async function runJobNow(app: AppContext, target: string | AdHocJob, options: RunNowOptions = {}): Promise<JobRun> {
  const job =
    typeof target === 'string'
      ? await getJobSchedule(app.ds, target)
      : { id: null, ...(await checkedJob(app.ds, { ...target, options: target.options ?? {} })) };
  const run = await enqueueRun(app.ds, { scheduleId: job.id, kind: job.kind, datasetId: job.datasetId, fireTime: options.now ?? new Date(), trigger: 'manual', options: job.options, slackChannel: job.slackChannel });
  if (!run) throw new UserFacingError('CONFLICT', 'This job was started at this very moment already; look at its runs');
  if (!options.wait) return run;
  return withWorker(app, options.slack, () => waitForRun(app.ds, run.id, { onChange: options.onChange, pollMs: 100 }));
}

/** `body` with a queue worker in this process: the app's own, or one for as long as `body` runs. */
async function withWorker<T>(app: AppContext, slack: JobNotifier | null | undefined, body: () => Promise<T>): Promise<T> {
  if (app.jobWorker) return body();
  const worker = createJobWorker(app, { concurrency: 1, slack, watchIntervalMs: 0 });
  await worker.start();
  try {
    return await body();
  } finally {
    await worker.stop();
  }
}

export interface RequestedJobOptions {
  /** Called when the run's status, queue position or training progress changes. */
  onChange?: WaitOptions['onChange'];
  /** Aborted: stop waiting (the run goes on, or is handed back at shutdown); rejects with the signal's reason. */
  signal?: AbortSignal;
  /** How often the run is looked at. */
  pollMs?: number;
}

/**
 * A job someone asked for, queued at most once per request (`requestKey`, unique on
 * job_runs), and its finished run. Asked again (a retry after a failure, a restart, another
 * instance) the run the first ask queued is awaited wherever it runs; if its instance dies,
 * the queue gives it to another (src/jobs/queue.ts), so waiting is all there is to do here.
 */
export async function runRequestedJob(app: AppContext, target: AdHocJob, requestKey: string, options: RequestedJobOptions = {}): Promise<JobRun> {
  const job = await checkedJob(app.ds, { ...target, options: target.options ?? {} });
  const queued = await enqueueRun(app.ds, { scheduleId: null, kind: job.kind, datasetId: job.datasetId, fireTime: new Date(), trigger: 'manual', options: job.options, slackChannel: job.slackChannel, requestKey });
  const run = queued ?? (await app.ds.getRepository(JobRun).findOneByOrFail({ requestKey }));
  return waitForRun(app.ds, run.id, { signal: options.signal, pollMs: options.pollMs ?? 250, onChange: options.onChange });
}

/** Checks every field of a schedule and reports all problems at once, each with its field. */
async function checkedSchedule(ds: DataSource, input: JobScheduleInput): Promise<Omit<JobSchedule, 'id' | 'createdAt' | 'updatedAt' | 'createdBy'>> {
  const timezone = (input.timezone ?? 'UTC').trim();
  const cronText = typeof input.cron === 'string' ? input.cron.trim().split(/\s+/).join(' ') : '';
  const problems: Problem[] = cronProblems(cronText, timezone);
  const job = await checkedJob(ds, input, problems);
  if (input.enabled !== undefined && typeof input.enabled !== 'boolean') problems.push({ path: 'enabled', message: 'must be true or false' });
  throwIfAny(problems);
  return { ...job, cron: cronText, timezone, enabled: input.enabled ?? true };
}

async function checkedJob(
  ds: DataSource,
  input: AdHocJob,
  problems: Problem[] = [],
): Promise<{ kind: JobKind; datasetId: string; slackChannel: string | null; options: Record<string, unknown> }> {
  if (!JOB_KINDS.includes(input.kind)) problems.push({ path: 'kind', message: `"${String(input.kind)}" is not a job kind: use one of ${JOB_KINDS.join(', ')}` });
  if (!isUuid(input.datasetId) || !(await ds.getRepository(Dataset).existsBy({ id: input.datasetId }))) {
    problems.push({ path: 'datasetId', message: `No dataset ${String(input.datasetId)}` });
  }
  const slackChannel = typeof input.slackChannel === 'string' && input.slackChannel.trim() !== '' ? input.slackChannel.trim() : null;
  if (slackChannel && !/^#?[A-Za-z0-9][A-Za-z0-9_.-]{0,79}$/.test(slackChannel)) {
    problems.push({ path: 'slackChannel', message: `"${slackChannel}" is not a Slack channel: give its id (C0123ABCD) or name (#marketing)` });
  }
  if (input.kind === 'digest' && !slackChannel) problems.push({ path: 'slackChannel', message: 'a digest needs a Slack channel to be posted to' });
  const options = input.options ?? {};
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    problems.push({ path: 'options', message: 'must be a JSON object' });
  } else if (JOB_KINDS.includes(input.kind)) {
    try {
      JOB_KINDS_BY_NAME[input.kind].parseOptions(options);
    } catch (err) {
      if (!(err instanceof UserFacingError)) throw err;
      problems.push({ path: err.problems[0]?.path ?? 'options', message: err.message });
    }
  }
  throwIfAny(problems);
  return { kind: input.kind, datasetId: input.datasetId, slackChannel, options };
}

function throwIfAny(problems: Problem[]): void {
  if (problems.length === 0) return;
  throw badInput(`Invalid job schedule: ${problems.map((p) => p.message).join('; ')}`, problems);
}

