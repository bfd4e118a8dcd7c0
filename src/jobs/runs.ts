import type { DataSource } from 'typeorm';
import { JobRun, type JobKind, type JobRunStatus } from '../entities';
import type { JobRunTrigger } from '../entities/JobRun';

/**
 * The job_runs table as the lock of the scheduler. Every instance may try anything; the
 * database decides who does it:
 * - a fire time is claimed by INSERTing its row: the unique (schedule_id, fire_time) key
 *   lets exactly one process win;
 * - the owner heartbeats; a conditional UPDATE takes over a run whose heartbeat stopped,
 *   and only one process can see the old heartbeat when it does;
 * - results are written only by the current owner (process and attempt), so a process that
 *   was presumed dead cannot overwrite its successor's outcome.
 * Times of heartbeats and timings are the database's `now()`: one clock for all instances.
 */

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
}

export const FIRE_TIME_TAKEN = 'job_runs_schedule_fire_time_unique';
export const REQUEST_TAKEN = 'job_runs_request_key_unique';

/** The new run when this process won the fire time (or the request); null when another process already has it. */
export async function claimRun(ds: DataSource, request: RunRequest, owner: string): Promise<JobRun | null> {
  try {
    const rows = (await ds.query(
      `INSERT INTO job_runs (schedule_id, kind, dataset_id, fire_time, status, claimed_by, heartbeat_at, started_at, attempt, trigger, options, slack_channel, request_key)
       VALUES ($1, $2, $3, $4, 'running', $5, now(), now(), 1, $6, $7, $8, $9) RETURNING id`,
      [request.scheduleId, request.kind, request.datasetId, request.fireTime, owner, request.trigger, JSON.stringify(request.options), request.slackChannel, request.requestKey ?? null],
    )) as Array<{ id: string }>;
    return ds.getRepository(JobRun).findOneByOrFail({ id: rows[0].id });
  } catch (err) {
    if (isUniqueViolation(err, FIRE_TIME_TAKEN) || isUniqueViolation(err, REQUEST_TAKEN)) return null;
    throw err;
  }
}

/** Keeps the claim alive; false when the run is no longer this process's (taken over or finished). */
export async function beat(ds: DataSource, run: JobRun, owner: string): Promise<boolean> {
  const [, count] = (await ds.query(`UPDATE job_runs SET heartbeat_at = now() WHERE id = $1 AND claimed_by = $2 AND attempt = $3 AND status = 'running'`, [
    run.id,
    owner,
    run.attempt,
  ])) as [unknown, number];
  return count === 1;
}

export interface RunOutcome {
  status: Exclude<JobRunStatus, 'running'>;
  output?: Record<string, unknown> | null;
  error?: string | null;
}

/** Writes the outcome if this process still owns the run; false when it lost it meanwhile. */
export async function finishRun(ds: DataSource, run: JobRun, owner: string, outcome: RunOutcome): Promise<boolean> {
  const [, count] = (await ds.query(
    `UPDATE job_runs SET status = $4, output = $5, error = $6, finished_at = now(), heartbeat_at = now()
     WHERE id = $1 AND claimed_by = $2 AND attempt = $3 AND status = 'running'`,
    [run.id, owner, run.attempt, outcome.status, outcome.output ? JSON.stringify(outcome.output) : null, outcome.error ?? null],
  )) as [unknown, number];
  return count === 1;
}

export interface StaleRuns {
  /** Runs this process now owns as a new attempt, to be run again. */
  retried: JobRun[];
  /** Runs that had used their attempts: now failed. */
  failed: JobRun[];
}

export interface TakeOverOptions {
  staleAfterMs: number;
  maxAttempts: number;
  /** Only this run. */
  runId?: string;
  /** Also when claimed by this owner, heartbeat or not: a process that knows the run no longer executes in it (its outcome could not be recorded). */
  orClaimedBy?: string;
}

/**
 * Runs whose owner stopped heartbeating for `staleAfterMs` (its process died, or hung):
 * retried by this process while attempts remain, else marked failed. Any instance may call
 * this at any time; each stale run goes to exactly one of them.
 */
export async function takeOverStaleRuns(ds: DataSource, owner: string, options: TakeOverOptions): Promise<StaleRuns> {
  const staleSeconds = options.staleAfterMs / 1000;
  const which = `status = 'running' AND (heartbeat_at < now() - make_interval(secs => $1) OR claimed_by = $3::text) AND ($4::uuid IS NULL OR id = $4::uuid)`;
  const scope = [staleSeconds, options.maxAttempts, options.orClaimedBy ?? null, options.runId ?? null];
  // Out of attempts first: a run retried just now (its attempt raised) is not failed by the same call.
  const [failedRows] = (await ds.query(
    `UPDATE job_runs SET status = 'failed', finished_at = now(),
       error = 'attempt ' || attempt || ' of ' || $2::int || ' by ' || coalesce(claimed_by, '?') || ' stopped at ' || to_char(heartbeat_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS') || ' UTC (no heartbeat; the process probably died); no attempts left'
     WHERE ${which} AND attempt >= $2::int
     RETURNING id`,
    scope,
  )) as [Array<{ id: string }>, number];
  const [retriedRows] = (await ds.query(
    `UPDATE job_runs SET attempt = attempt + 1, claimed_by = $5, heartbeat_at = now(), started_at = now(),
       error = 'attempt ' || attempt || ' by ' || coalesce(claimed_by, '?') || ' stopped at ' || to_char(heartbeat_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS') || ' UTC (no heartbeat); retried'
     WHERE ${which} AND attempt < $2::int
     RETURNING id`,
    [...scope, owner],
  )) as [Array<{ id: string }>, number];
  const load = (rows: Array<{ id: string }>) => (rows.length === 0 ? Promise.resolve([]) : ds.getRepository(JobRun).find({ where: rows.map((r) => ({ id: r.id })) }));
  return { retried: await load(retriedRows), failed: await load(failedRows) };
}

/** True when `err` is PostgreSQL's unique violation (23505), of `constraint` when given. */
export function isUniqueViolation(err: unknown, constraint?: string): boolean {
  const e = err as { code?: string; constraint?: string; driverError?: { code?: string; constraint?: string } } | null;
  const code = e?.driverError?.code ?? e?.code;
  const name = e?.driverError?.constraint ?? e?.constraint;
  return code === '23505' && (constraint === undefined || name === constraint);
}

/**
 * Shutdown: runs this process still has running are handed back at once, rather than left
 * "running" until their heartbeat goes stale. Their heartbeat is set back past any stale
 * limit, so the next scheduler to look takes them over (or fails them if out of attempts).
 */
export async function handBackRuns(ds: DataSource, owners: string[]): Promise<number> {
  if (owners.length === 0) return 0;
  const [, count] = (await ds.query(
    `UPDATE job_runs SET heartbeat_at = now() - interval '1 day', error = 'interrupted: its process shut down before it finished; handed back'
      WHERE status = 'running' AND claimed_by = ANY($1)`,
    [owners],
  )) as [unknown, number];
  return count;
}
