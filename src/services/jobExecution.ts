import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import { Dataset, JobRun } from '../entities';
import type { AppContext } from './appContext';
import { UserFacingError } from './errors';
import { JOB_KINDS_BY_NAME } from './jobKinds';
import { beat, finishRun, recordProgress, requeueRun, type DeadRuns, type RunOutcome } from '../jobs/runs';
import { QueueWorker, type RunVerdict } from '../jobs/queue';
import type { JobContext, JobKindDefinition, JobNotice, JobNotifier } from './jobKinds/types';

/** How an instance runs the jobs its queue workers take. */
export interface ExecutionSettings {
  /** This instance's name in job_runs.claimed_by: unique per process start. */
  owner: string;
  heartbeatMs: number;
  slack: JobNotifier | null;
  /** The job kinds (tests may add their own). */
  kinds?: Record<string, JobKindDefinition>;
  /** After this long a run's work is stopped (default DEFAULT_RUN_LIMIT_MS). */
  runLimitMs?: number;
}

export const DEFAULT_HEARTBEAT_MS = 15_000;
/** A running run whose heartbeat is older than this is taken to be dead. */
export const DEFAULT_STALE_AFTER_MS = 5 * 60_000;
export { DEFAULT_MAX_ATTEMPTS } from '../jobs/runs';
/** A fit of 50 channels over ten years takes about half a minute: an hour means something is wrong. */
export const DEFAULT_RUN_LIMIT_MS = 60 * 60_000;
/** Progress is written for watchers at most this often (a stage change always). */
const PROGRESS_WRITE_MS = 500;

/** A name for this process that no other process (here or on another host) will have. */
export function processOwnerName(): string {
  return `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
}

const HANDED_BACK = 'interrupted: its process shut down before it finished; handed back';

/**
 * Runs a run a queue worker took to its end: heartbeats meanwhile, records the outcome (only
 * if this instance still owns the run) and posts failures to the run's channel. A failure
 * with attempts left, or a shutdown (`shutdown` aborted), puts it back on the queue instead
 * (`retry`): the engine tries it again after its backoff, on whichever instance is free.
 * A failure that is the input's (a UserFacingError: bad options, too few weeks) is final.
 */
export async function executeRun(app: AppContext, run: JobRun, settings: ExecutionSettings, shutdown?: AbortSignal): Promise<RunVerdict> {
  const log = app.log.child({ jobRunId: run.id, kind: run.kind, datasetId: run.datasetId, attempt: run.attempt });
  const kinds: Record<string, JobKindDefinition | undefined> = settings.kinds ?? JOB_KINDS_BY_NAME;
  const kind = kinds[run.kind];
  const stop = new AbortController();
  const limitMs = settings.runLimitMs ?? DEFAULT_RUN_LIMIT_MS;
  const limit = setTimeout(() => stop.abort(new Error(`the run took longer than its limit of ${Math.round(limitMs / 60_000)} minutes`)), limitMs);
  limit.unref();
  const onShutdown = () => stop.abort(new Error(HANDED_BACK));
  if (shutdown?.aborted) onShutdown();
  shutdown?.addEventListener('abort', onShutdown, { once: true });
  const heartbeat = setInterval(() => {
    beat(app.ds, run, settings.owner).then(
      (owned) => {
        if (owned) return;
        log.warn('this run was taken over by another instance (no heartbeat seen in time); its work stops and its result will not be recorded here');
        stop.abort(new Error('another instance has taken the run over'));
      },
      (err: unknown) => log.warn({ err }, 'heartbeat failed'),
    );
  }, settings.heartbeatMs);
  heartbeat.unref();

  let lastStage: string | null = null;
  let lastWrite = 0;
  const ctx: JobContext = {
    app,
    run,
    log,
    post: (notice) => postToRunChannel(app, run, settings.slack, notice),
    stillOwnsRun: () => beat(app.ds, run, settings.owner),
    // Whoever watches may be another instance (a Slack question answered elsewhere): progress goes through the run's row.
    onProgress: (progress) => {
      const now = Date.now();
      if (progress.stage === lastStage && now - lastWrite < PROGRESS_WRITE_MS) return;
      lastStage = progress.stage;
      lastWrite = now;
      recordProgress(app.ds, run, settings.owner, progress).catch((err: unknown) => log.warn({ err }, 'could not record progress'));
    },
    signal: stop.signal,
  };
  const started = Date.now();
  let outcome: RunOutcome;
  let cause: unknown = null;
  try {
    if (!kind) throw new Error(`No job kind "${run.kind}"`);
    const result = await kind.run(ctx);
    outcome = { status: result.status, output: result.output };
  } catch (err) {
    cause = err;
    outcome = { status: 'failed', error: errorText(err) };
  } finally {
    clearInterval(heartbeat);
    clearTimeout(limit);
    shutdown?.removeEventListener('abort', onShutdown);
  }
  if (outcome.status === 'failed') {
    const handedBack = shutdown?.aborted === true;
    const retried = handedBack || (run.attempt < run.maxAttempts && !(cause instanceof UserFacingError) && !stop.signal.aborted);
    if (retried) {
      const why = handedBack ? HANDED_BACK : `attempt ${run.attempt} of ${run.maxAttempts} failed: ${outcome.error}; retried`;
      const requeued = await requeueRun(app.ds, run, settings.owner, why);
      log.warn({ error: outcome.error, ms: Date.now() - started, requeued }, handedBack ? 'job run handed back at shutdown' : 'job run failed; the queue retries it');
      return 'retry';
    }
  }
  const recorded = await finishRun(app.ds, run, settings.owner, outcome);
  if (!recorded) {
    log.warn({ status: outcome.status }, 'finished a run another instance had taken over: outcome not recorded');
    // The queue job is no longer this worker's: telling the engine it failed leaves it to its new holder.
    return 'retry';
  }
  if (outcome.status === 'failed') {
    log.error({ error: outcome.error, ms: Date.now() - started }, 'job failed');
    await reportFailure(app, run, settings.slack, outcome.error ?? 'unknown error');
  } else {
    log.info({ status: outcome.status, ms: Date.now() - started }, 'job finished');
  }
  return 'done';
}

/** Posts that a run failed to its channel; a failure to post is logged, never thrown. */
export async function reportFailure(app: AppContext, run: JobRun, slack: JobNotifier | null, error: string): Promise<void> {
  const dataset = await app.ds.getRepository(Dataset).findOneBy({ id: run.datasetId });
  await postToRunChannel(app, run, slack, { kind: 'failure', run, datasetName: dataset?.name ?? run.datasetId, error }).catch((err: unknown) =>
    app.log.error({ err, jobRunId: run.id }, 'could not post a job failure to Slack'),
  );
}

async function postToRunChannel(app: AppContext, run: JobRun, slack: JobNotifier | null, notice: JobNotice): Promise<string | null> {
  if (run.requestKey) {
    // Asked for in a Slack thread: the outcome is told there, once, by whoever asked (bot/trainInThread.ts), whichever instance ran it.
    app.log.info({ jobRunId: run.id, requestKey: run.requestKey, notice: notice.kind }, 'job run on request: its outcome goes to whoever asked, not to the channel');
    return null;
  }
  if (!run.slackChannel || !slack) {
    app.log.info({ jobRunId: run.id, notice: notice.kind }, run.slackChannel ? 'Slack is not configured: message not posted' : 'job has no Slack channel: message not posted');
    return null;
  }
  return (await slack.post(run.slackChannel, notice)).ts;
}

function errorText(err: unknown): string {
  if (err instanceof UserFacingError) return err.message;
  if (err instanceof Error) return err.message || err.name;
  return String(err);
}

export interface JobWorkerOptions {
  owner?: string;
  concurrency?: number;
  heartbeatMs?: number;
  staleAfterMs?: number;
  /** How often to look for dead runs; 0 = never (tests call findDeadRuns). Default 30 s. */
  watchIntervalMs?: number;
  runLimitMs?: number;
  /** At stop, how long running jobs get before they are handed back. */
  graceMs?: number;
  /** Where jobs post; default the app's notifier. */
  slack?: JobNotifier | null;
  kinds?: Record<string, JobKindDefinition>;
  pollIntervalMs?: number;
}

/** The database URL the app's pool connects with (the queue engine opens its own small pool to it). */
export function databaseUrlOf(app: AppContext): string {
  const url = (app.ds.options as { url?: string }).url;
  if (!url) throw new Error('the job queue needs the database URL of the app DataSource');
  return url;
}

/**
 * This instance's queue worker: takes runs off the job queue, at most `concurrency` at once,
 * runs them with the job kinds, and tidies and reports runs found dead (their instance was killed).
 */
export function createJobWorker(app: AppContext, options: JobWorkerOptions = {}): QueueWorker {
  const staleAfterMs = options.staleAfterMs ?? DEFAULT_STALE_AFTER_MS;
  const heartbeatMs = options.heartbeatMs ?? DEFAULT_HEARTBEAT_MS;
  if (staleAfterMs <= 2 * heartbeatMs) throw new RangeError(`staleAfterMs (${staleAfterMs}) must be more than twice heartbeatMs (${heartbeatMs}), or live runs would look dead`);
  const settings: ExecutionSettings = {
    owner: options.owner ?? processOwnerName(),
    heartbeatMs,
    slack: options.slack === undefined ? (app.jobNotifier ?? null) : options.slack,
    kinds: options.kinds ?? JOB_KINDS_BY_NAME,
    runLimitMs: options.runLimitMs ?? DEFAULT_RUN_LIMIT_MS,
  };
  return new QueueWorker({
    ds: app.ds,
    connectionString: databaseUrlOf(app),
    log: app.log,
    owner: settings.owner,
    concurrency: options.concurrency ?? app.config.workerConcurrency,
    execute: (run, signal) => executeRun(app, run, settings, signal),
    onDeadRuns: (dead) => tidyDeadRuns(app, dead, settings),
    staleAfterMs,
    watchIntervalMs: options.watchIntervalMs ?? 30_000,
    pollIntervalMs: options.pollIntervalMs,
    graceMs: options.graceMs ?? app.config.shutdownGraceMs,
  });
}

async function tidyDeadRuns(app: AppContext, dead: DeadRuns, settings: ExecutionSettings): Promise<void> {
  for (const run of [...dead.retried, ...dead.failed]) {
    app.log.warn({ jobRunId: run.id, kind: run.kind, attempt: run.attempt, retry: dead.retried.includes(run) }, 'found a job run whose instance died');
    await settings.kinds?.[run.kind]?.abandon?.(app, run);
  }
  for (const run of dead.failed) await reportFailure(app, run, settings.slack, run.error ?? 'its process died');
}
