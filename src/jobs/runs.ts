import type { DataSource, EntityManager } from 'typeorm';
import { JobRun, type JobKind, type JobRunStatus } from '../entities';
import type { JobRunTrigger } from '../entities/JobRun';

/**
 * job_runs, the record of what ran, beside the job queue (graphile-worker, ./queue.ts) that
 * decides who runs it. What the queue does — who takes the next run, how many at once,
 * retries with backoff, the attempts counted — is the engine's; what is ours is here:
 * - a fire time (or a Slack question) is queued by INSERTing its row with the queue's job in
 *   one transaction: the unique (schedule_id, fire_time) and request_key keys let exactly
 *   one instance queue it, so it is never run twice;
 * - a worker marks the row running under its instance's name and heartbeats; results are
 *   written only by the current owner (instance and attempt), so an instance presumed dead
 *   cannot overwrite its successor's outcome, and a finished run is never started again;
 * - a worker whose heartbeat stopped (its process was killed) is found here and its queue
 *   lock released, so the engine hands the run to another instance at once rather than
 *   after its own four-hour lock timeout.
 * Times of heartbeats and timings are the database's `now()`: one clock for all instances.
 */

/** The queue's task that runs a job run; its payload is `{ runId }`. */
export const RUN_TASK = 'mixwise_run';
/** The queue job's key: one queue job per run, whatever retries it takes. */
export const runJobKey = (runId: string) => `${RUN_TASK}:${runId}`;

export interface RunRequest {
  scheduleId: string | null;
  kind: JobKind;
  datasetId: string;
  fireTime: Date;
  trigger: JobRunTrigger;
  options: Record<string, unknown>;
  slackChannel: string | null;
  /** Set for a job someone asked for (a Slack question): at most one run per key. */
  requestKey?: string | null;
  /** Attempts in all (first + retries); default DEFAULT_MAX_ATTEMPTS. */
  maxAttempts?: number;
}

/** Attempts a run gets in all: its first, and one retry after a failure or a dead process. */
export const DEFAULT_MAX_ATTEMPTS = 2;

export const FIRE_TIME_TAKEN = 'job_runs_schedule_fire_time_unique';
export const REQUEST_TAKEN = 'job_runs_request_key_unique';

/** The new queued run when this instance won the fire time (or the request); null when another already has it. */
export async function enqueueRun(ds: DataSource, request: RunRequest): Promise<JobRun | null> {
  try {
    const id = await ds.transaction(async (tx: EntityManager) => {
      const maxAttempts = request.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
      const rows = (await tx.query(
        `INSERT INTO job_runs (schedule_id, kind, dataset_id, fire_time, status, attempt, max_attempts, trigger, options, slack_channel, request_key, queued_at)
         VALUES ($1, $2, $3, $4, 'queued', 1, $5, $6, $7, $8, $9, now()) RETURNING id`,
        [request.scheduleId, request.kind, request.datasetId, request.fireTime, maxAttempts, request.trigger, JSON.stringify(request.options), request.slackChannel, request.requestKey ?? null],
      )) as Array<{ id: string }>;
      // add_job NOTIFYs the workers at commit: an idle one takes the run within milliseconds.
      await tx.query(`SELECT graphile_worker.add_job($1, json_build_object('runId', $2::uuid), max_attempts => $3, job_key => $4, job_key_mode => 'unsafe_dedupe')`, [
        RUN_TASK,
        rows[0].id,
        maxAttempts,
        runJobKey(rows[0].id),
      ]);
      return rows[0].id;
    });
    return ds.getRepository(JobRun).findOneByOrFail({ id });
  } catch (err) {
    if (isUniqueViolation(err, FIRE_TIME_TAKEN) || isUniqueViolation(err, REQUEST_TAKEN)) return null;
    throw err;
  }
}

/**
 * A worker takes a run: running under this instance's name, its next attempt. Null when the
 * run is already finished (its queue job outlived it: the worker died between recording the
 * outcome and telling the queue) — it is then not run again.
 */
export async function startRun(ds: DataSource, runId: string, owner: string, workerId: string | null): Promise<JobRun | null> {
  const [rows] = (await ds.query(
    `UPDATE job_runs SET status = 'running', claimed_by = $2, worker_id = $3, heartbeat_at = now(), started_at = now(), progress = NULL,
       attempt = CASE WHEN started_at IS NULL THEN attempt ELSE attempt + 1 END
     WHERE id = $1 AND status IN ('queued', 'running') RETURNING id`,
    [runId, owner, workerId],
  )) as [Array<{ id: string }>, number];
  return rows.length === 0 ? null : ds.getRepository(JobRun).findOneByOrFail({ id: runId });
}

/** Keeps the claim alive; false when the run is no longer this instance's (taken over, handed back or finished). */
export async function beat(ds: DataSource, run: JobRun, owner: string): Promise<boolean> {
  const [, count] = (await ds.query(`UPDATE job_runs SET heartbeat_at = now() WHERE id = $1 AND claimed_by = $2 AND attempt = $3 AND status = 'running'`, [
    run.id,
    owner,
    run.attempt,
  ])) as [unknown, number];
  return count === 1;
}

/** How far the run's work has got, for whoever watches it from another instance. */
export async function recordProgress(ds: DataSource, run: JobRun, owner: string, progress: { stage: string; done: number; total: number }): Promise<void> {
  await ds.query(`UPDATE job_runs SET progress = $4 WHERE id = $1 AND claimed_by = $2 AND attempt = $3 AND status = 'running'`, [run.id, owner, run.attempt, JSON.stringify(progress)]);
}

export interface RunOutcome {
  status: Exclude<JobRunStatus, 'running' | 'queued'>;
  output?: Record<string, unknown> | null;
  error?: string | null;
}

/** Writes the outcome if this instance still owns the run; false when it lost it meanwhile. */
export async function finishRun(ds: DataSource, run: JobRun, owner: string, outcome: RunOutcome): Promise<boolean> {
  const [, count] = (await ds.query(
    `UPDATE job_runs SET status = $4, output = $5, error = $6, finished_at = now(), heartbeat_at = now()
     WHERE id = $1 AND claimed_by = $2 AND attempt = $3 AND status = 'running'`,
    [run.id, owner, run.attempt, outcome.status, outcome.output ? JSON.stringify(outcome.output) : null, outcome.error ?? null],
  )) as [unknown, number];
  return count === 1;
}

/** Back on the queue (a failure the queue retries, or a hand-back at shutdown), if this instance still owns the run. */
export async function requeueRun(ds: DataSource, run: JobRun, owner: string, error: string): Promise<boolean> {
  const [, count] = (await ds.query(`UPDATE job_runs SET status = 'queued', error = $4, heartbeat_at = now() WHERE id = $1 AND claimed_by = $2 AND attempt = $3 AND status = 'running'`, [
    run.id,
    owner,
    run.attempt,
    error,
  ])) as [unknown, number];
  return count === 1;
}

export interface DeadRuns {
  /** Runs back on the queue for another attempt: some instance takes them now. */
  retried: JobRun[];
  /** Runs that had used their attempts: now failed. */
  failed: JobRun[];
}

/**
 * Runs whose instance stopped heartbeating for `staleAfterMs` (its process was killed, or
 * hangs). Any instance may call this at any time; each dead run goes to exactly one caller.
 * Their workers' queue locks are released (graphile_worker.force_unlock_workers), so the
 * engine gives each run with attempts left to the next free worker; one without is failed
 * and its queue job removed.
 */
export async function releaseDeadRuns(ds: DataSource, options: { staleAfterMs: number; runId?: string }): Promise<DeadRuns> {
  const rows = (await ds.transaction(async (tx) => {
    const [updated] = (await tx.query(
      `WITH dead AS (
         SELECT r.id, r.worker_id, j.attempts, j.max_attempts, j.id AS job_id
         FROM job_runs r LEFT JOIN graphile_worker._private_jobs j ON j.key = $3 || r.id::text
         WHERE r.status = 'running' AND r.heartbeat_at < now() - make_interval(secs => $1) AND ($2::uuid IS NULL OR r.id = $2::uuid)
         FOR UPDATE OF r SKIP LOCKED
       )
       UPDATE job_runs r SET
         status = CASE WHEN d.attempts < d.max_attempts THEN 'queued' ELSE 'failed' END,
         finished_at = CASE WHEN d.attempts < d.max_attempts THEN NULL ELSE now() END,
         error = 'attempt ' || r.attempt || ' of ' || r.max_attempts || ' by ' || coalesce(r.claimed_by, '?') || ' stopped at '
           || to_char(r.heartbeat_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS') || ' UTC (no heartbeat; the process probably died); '
           || CASE WHEN d.attempts < d.max_attempts THEN 'retried' ELSE 'no attempts left' END
       FROM dead d WHERE r.id = d.id
       RETURNING r.id, r.status, d.worker_id AS "workerId", d.job_id AS "jobId"`,
      [options.staleAfterMs / 1000, options.runId ?? null, `${RUN_TASK}:`],
    )) as [Array<{ id: string; status: string; workerId: string | null; jobId: string | null }>, number];
    const workers = [...new Set(updated.map((r) => r.workerId).filter((w): w is string => w !== null))];
    if (workers.length > 0) await tx.query(`SELECT graphile_worker.force_unlock_workers($1::text[])`, [workers]);
    const finished = updated.filter((r) => r.status === 'failed' && r.jobId !== null).map((r) => r.jobId);
    if (finished.length > 0) await tx.query(`DELETE FROM graphile_worker._private_jobs WHERE id = ANY($1::bigint[])`, [finished]);
    return updated;
  })) as Array<{ id: string; status: string }>;
  const load = (ids: string[]) => (ids.length === 0 ? Promise.resolve([]) : ds.getRepository(JobRun).find({ where: ids.map((id) => ({ id })) }));
  return { retried: await load(rows.filter((r) => r.status === 'queued').map((r) => r.id)), failed: await load(rows.filter((r) => r.status === 'failed').map((r) => r.id)) };
}

/**
 * Where queued runs stand: 1 = the next a free worker takes. The engine's own order (priority,
 * then due time, then age), counting only jobs no worker holds; a retry waiting out its
 * backoff counts from when it is due.
 */
export async function queuePositions(ds: DataSource, runIds: string[]): Promise<Map<string, number>> {
  if (runIds.length === 0) return new Map();
  const rows = (await ds.query(
    `SELECT substr(q.key, length($2) + 1) AS id, q.position::int AS position FROM (
       SELECT j.key, row_number() OVER (ORDER BY j.priority, j.run_at, j.id) AS position
       FROM graphile_worker._private_jobs j JOIN graphile_worker._private_tasks t ON t.id = j.task_id
       WHERE t.identifier = $3 AND j.locked_at IS NULL AND j.attempts < j.max_attempts
     ) q WHERE q.key = ANY($1::text[])`,
    [runIds.map(runJobKey), `${RUN_TASK}:`, RUN_TASK],
  )) as Array<{ id: string; position: number }>;
  return new Map(rows.map((r) => [r.id, r.position]));
}

/** True when `err` is PostgreSQL's unique violation (23505), of `constraint` when given. */
export function isUniqueViolation(err: unknown, constraint?: string): boolean {
  const e = err as { code?: string; constraint?: string; driverError?: { code?: string; constraint?: string } } | null;
  const code = e?.driverError?.code ?? e?.code;
  const name = e?.driverError?.constraint ?? e?.constraint;
  return code === '23505' && (constraint === undefined || name === constraint);
}
