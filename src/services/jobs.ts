import { setTimeout as sleep } from 'node:timers/promises';
import type { DataSource } from 'typeorm';
import { Dataset, JOB_KINDS, JobRun, JobSchedule, type JobKind } from '../entities';
import { cronClock, cronProblems, nextFireTimes } from '../jobs/cronTimes';
import { executeRun, processOwnerName, DEFAULT_HEARTBEAT_MS, DEFAULT_MAX_ATTEMPTS, DEFAULT_STALE_AFTER_MS } from './jobExecution';
import { JOB_KINDS_BY_NAME } from './jobKinds';
import { claimRun, takeOverStaleRuns } from '../jobs/runs';
import type { JobNotifier, TrainingProgressListener } from './jobKinds/types';
import type { AppContext } from './appContext';
import { badInput, notFound, UserFacingError, type Problem } from './errors';
import { isUuid } from './ids';

/**
 * Scheduled jobs as the front doors see them (GraphQL, Slack, CLI): create, change and list
 * schedules, list their runs, run a job now. The scheduler (jobs/) picks changes up by
 * itself: nothing here talks to a running scheduler.
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

// Runs started on request are claimed under this process's name, like the scheduler's.
let manualOwner: string | null = null;

/** The owner name of runs started on request in this process (null before the first). */
export function manualRunOwner(): string | null {
  return manualOwner;
}

/**
 * Runs a job now, outside its schedule: a schedule's job (its options and channel) or an
 * ad-hoc one. Recorded as a run like any other (trigger `manual`; a retrain on request
 * does not wait for new weeks). Returns the run as soon as it is claimed, still `running`,
 * unless `wait` is set; the job then continues in this process.
 */
export async function runJobNow(app: AppContext, target: string | AdHocJob, options: { wait?: boolean; slack?: JobNotifier | null; now?: Date; onProgress?: TrainingProgressListener } = {}): Promise<JobRun> {
  const job =
    typeof target === 'string'
      ? await getJobSchedule(app.ds, target)
      : { id: null, ...(await checkedJob(app.ds, { ...target, options: target.options ?? {} })) };
  manualOwner ??= processOwnerName();
  const run = await claimRun(
    app.ds,
    { scheduleId: job.id, kind: job.kind, datasetId: job.datasetId, fireTime: options.now ?? new Date(), trigger: 'manual', options: job.options, slackChannel: job.slackChannel },
    manualOwner,
  );
  if (!run) throw new UserFacingError('CONFLICT', 'This job was started at this very moment already; look at its runs');
  const done = executeRun(app, run, { owner: manualOwner, heartbeatMs: DEFAULT_HEARTBEAT_MS, slack: options.slack === undefined ? (app.jobNotifier ?? null) : options.slack, onProgress: options.onProgress });
  if (options.wait) return done;
  done.catch((err: unknown) => app.log.error({ err, jobRunId: run.id }, 'job run on request could not be recorded'));
  return run;
}

export interface RequestedJobOptions {
  onProgress?: TrainingProgressListener;
  /** Aborted: stop waiting (the run goes on, or is handed back at shutdown); rejects with the signal's reason. */
  signal?: AbortSignal;
  /** A run whose heartbeat is older than this is taken over (default as the scheduler's). */
  staleAfterMs?: number;
  /** How often a run executing in another process is looked at. */
  pollMs?: number;
}

// Runs on request executing in this server (by AppContext: tests run several servers in one process).
const executingHere = new WeakMap<AppContext, Map<string, Promise<JobRun>>>();

/**
 * A job someone asked for, run at most once per request (`requestKey`, unique on job_runs),
 * and its finished run. Asked the first time it is claimed and run here; asked again (a retry
 * after a failure, a restart, another process) the run the first ask started is awaited where
 * it executes, or, when its process died or handed it back at shutdown, taken over and run
 * here (a new attempt, as the scheduler would; out of attempts it is failed).
 */
export async function runRequestedJob(app: AppContext, target: AdHocJob, requestKey: string, options: RequestedJobOptions = {}): Promise<JobRun> {
  const job = await checkedJob(app.ds, { ...target, options: target.options ?? {} });
  const owner = (manualOwner ??= processOwnerName());
  const here = executingHere.get(app) ?? new Map<string, Promise<JobRun>>();
  executingHere.set(app, here);
  const execute = (run: JobRun): Promise<JobRun> => {
    const done = executeRun(app, run, { owner, heartbeatMs: DEFAULT_HEARTBEAT_MS, slack: null, onProgress: options.onProgress }).finally(() => here.delete(run.id));
    // Whoever waits may stop waiting (a hand-back); the run's own failure to record is then only logged.
    done.catch((err: unknown) => app.log.error({ err, jobRunId: run.id }, 'job run on request could not be recorded'));
    here.set(run.id, done);
    return done;
  };
  const claimed = await claimRun(
    app.ds,
    { scheduleId: null, kind: job.kind, datasetId: job.datasetId, fireTime: new Date(), trigger: 'manual', options: job.options, slackChannel: job.slackChannel, requestKey },
    owner,
  );
  if (claimed) return untilDone(execute(claimed), options.signal);
  for (;;) {
    options.signal?.throwIfAborted();
    const run = await app.ds.getRepository(JobRun).findOneByOrFail({ requestKey });
    if (run.status !== 'running') return run;
    const executing = here.get(run.id);
    if (executing) return untilDone(executing, options.signal);
    // Claimed under this process's name but not executing here: its outcome was lost (the database went away as it finished).
    const { retried, failed } = await takeOverStaleRuns(app.ds, owner, { staleAfterMs: options.staleAfterMs ?? DEFAULT_STALE_AFTER_MS, maxAttempts: DEFAULT_MAX_ATTEMPTS, runId: run.id, orClaimedBy: owner });
    for (const stale of [...retried, ...failed]) await JOB_KINDS_BY_NAME[stale.kind as JobKind]?.abandon?.(app, stale);
    if (retried[0]) {
      app.log.warn({ jobRunId: run.id, attempt: retried[0].attempt, requestKey }, 'took over a job run on request whose process stopped');
      return untilDone(execute(retried[0]), options.signal);
    }
    if (failed.length === 0) await sleep(options.pollMs ?? 1_000, undefined, { signal: options.signal }).catch(() => undefined);
  }
}

/** `work`'s outcome, or the signal's reason once it is aborted (the work goes on). */
function untilDone<T>(work: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return work;
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    if (signal.aborted) return onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
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

