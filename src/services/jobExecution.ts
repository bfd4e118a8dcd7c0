import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import { Dataset, JobRun } from '../entities';
import type { AppContext } from './appContext';
import { UserFacingError } from './errors';
import { JOB_KINDS_BY_NAME } from './jobKinds';
import { beat, finishRun, type RunOutcome } from '../jobs/runs';
import type { JobContext, JobKindDefinition, JobNotice, JobNotifier, TrainingProgressListener } from './jobKinds/types';

/** How a process runs the jobs it claimed. */
export interface ExecutionSettings {
  /** This process's name in job_runs.claimed_by: unique per process start. */
  owner: string;
  heartbeatMs: number;
  slack: JobNotifier | null;
  /** The job kinds (tests may add their own). */
  kinds?: Record<string, JobKindDefinition>;
  onProgress?: TrainingProgressListener;
  /** After this long a run's work is stopped (default DEFAULT_RUN_LIMIT_MS). */
  runLimitMs?: number;
}

export const DEFAULT_HEARTBEAT_MS = 15_000;
/** A running run whose heartbeat is older than this is taken to be dead. */
export const DEFAULT_STALE_AFTER_MS = 5 * 60_000;
/** Attempts a run gets in all (its first and retries after its process died). */
export const DEFAULT_MAX_ATTEMPTS = 2;
/** A fit of 50 channels over ten years takes about half a minute: an hour means something is wrong. */
export const DEFAULT_RUN_LIMIT_MS = 60 * 60_000;

/** A name for this process that no other process (here or on another host) will have. */
export function processOwnerName(): string {
  return `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
}

/**
 * Runs a claimed job to its end: heartbeats meanwhile, records the outcome (only if this
 * process still owns the run), and posts failures to the run's channel.
 */
export async function executeRun(app: AppContext, run: JobRun, settings: ExecutionSettings): Promise<JobRun> {
  const log = app.log.child({ jobRunId: run.id, kind: run.kind, datasetId: run.datasetId, attempt: run.attempt });
  const kinds: Record<string, JobKindDefinition | undefined> = settings.kinds ?? JOB_KINDS_BY_NAME;
  const kind = kinds[run.kind];
  const stop = new AbortController();
  const limitMs = settings.runLimitMs ?? DEFAULT_RUN_LIMIT_MS;
  const limit = setTimeout(() => stop.abort(new Error(`the run took longer than its limit of ${Math.round(limitMs / 60_000)} minutes`)), limitMs);
  limit.unref();
  const heartbeat = setInterval(() => {
    beat(app.ds, run, settings.owner).then(
      (owned) => {
        if (owned) return;
        log.warn('this run was taken over by another process (no heartbeat seen in time); its work stops and its result will not be recorded here');
        stop.abort(new Error('another process has taken the run over'));
      },
      (err: unknown) => log.warn({ err }, 'heartbeat failed'),
    );
  }, settings.heartbeatMs);
  heartbeat.unref();

  const ctx: JobContext = {
    app,
    run,
    log,
    post: (notice) => postToRunChannel(app, run, settings.slack, notice),
    stillOwnsRun: () => beat(app.ds, run, settings.owner),
    onProgress: settings.onProgress,
    signal: stop.signal,
  };
  const started = Date.now();
  let outcome: RunOutcome;
  try {
    if (!kind) throw new Error(`No job kind "${run.kind}"`);
    const result = await kind.run(ctx);
    outcome = { status: result.status, output: result.output };
  } catch (err) {
    outcome = { status: 'failed', error: errorText(err) };
  } finally {
    clearInterval(heartbeat);
    clearTimeout(limit);
  }
  const recorded = await finishRun(app.ds, run, settings.owner, outcome);
  if (!recorded) {
    log.warn({ status: outcome.status }, 'finished a run another process had taken over: outcome not recorded');
  } else if (outcome.status === 'failed') {
    log.error({ error: outcome.error, ms: Date.now() - started }, 'job failed');
    await reportFailure(app, run, settings.slack, outcome.error ?? 'unknown error');
  } else {
    log.info({ status: outcome.status, ms: Date.now() - started }, 'job finished');
  }
  return app.ds.getRepository(JobRun).findOneByOrFail({ id: run.id });
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
    // Asked for in a Slack thread: the outcome is told there, once, by whoever asked (bot/trainInThread.ts), whichever process ran it.
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
