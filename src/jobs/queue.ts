import { EventEmitter } from 'node:events';
import { run, type Runner, type Task, type WorkerEvents } from 'graphile-worker';
import type { Pool } from 'pg';
import { queueConnections, queueEngineLogger } from '../db/queueSchema';
import type { DataSource } from 'typeorm';
import type { JobRun } from '../entities';
import type { Logger } from '../logger';
import { releaseDeadRuns, RUN_TASK, startRun, type DeadRuns } from './runs';

/**
 * The job queue: graphile-worker 0.16 on the app's own PostgreSQL.
 *
 * Why graphile-worker and not pg-boss 10 (both run on Node 20): workers LISTEN for new jobs,
 * so a free instance takes the next fit within milliseconds of it being queued — pg-boss 10
 * polls (half a second at the least), which across 200 one-second fits alone costs more than
 * the 15% the queue may add; a job is added by a SQL function (graphile_worker.add_job), so a
 * run's row and its queue entry commit in one transaction of ours; each job records the
 * worker that holds it (locked_by), which is what "which instance runs it" shows; concurrency
 * per instance, retries with exponential backoff and attempt counting are the engine's.
 * pg-boss 10 finds dead jobs only by expiry, so a killed instance's fit would wait out an
 * expiry longer than the longest fit before anyone retried it; graphile-worker's own lock
 * timeout is four hours, so this file adds the one thing it lacks: runs heartbeat (./runs.ts)
 * and a worker whose heartbeat stopped has its locks released (force_unlock_workers) at once.
 * Its cron (UTC only, fixed at start) does not fit schedules kept in a table, each in its own
 * time zone: fire times come from croner (./cronTimes.ts).
 */

export type RunVerdict = 'done' | 'retry';

export interface QueueWorkerOptions {
  ds: DataSource;
  /** The same database as `ds` (the engine keeps its own small pool and one LISTEN connection). */
  connectionString: string;
  log: Logger;
  /** This instance's name in job_runs.claimed_by. */
  owner: string;
  concurrency: number;
  /**
   * Runs one run this worker took; `retry` puts it back for the engine to try again after its
   * backoff (the run is then queued again). `signal` aborts when this instance shuts down.
   */
  execute(run: JobRun, signal: AbortSignal): Promise<RunVerdict>;
  /** Told of runs found dead (by any instance's worker) and released here: to tidy and report them. */
  onDeadRuns?(dead: DeadRuns): Promise<void>;
  /** A running run whose heartbeat is older than this is taken to be dead. */
  staleAfterMs: number;
  /** How often to look for dead runs; 0 = never (tests call findDeadRuns). */
  watchIntervalMs: number;
  /** How often the engine also polls, for retries coming due (new jobs arrive by NOTIFY). */
  pollIntervalMs?: number;
  /** At stop, how long running jobs get before they are aborted and handed back. */
  graceMs: number;
}

/** One instance's share of the queue: `concurrency` workers and the dead-run watch. */
export class QueueWorker {
  private runner: Runner | null = null;
  private connections: Pool | null = null;
  private watch: NodeJS.Timeout | null = null;
  private watching = false;
  private readonly workerIds = new Set<string>();
  private readonly active = new Set<Promise<unknown>>();

  constructor(private readonly options: QueueWorkerOptions) {}

  get owner(): string {
    return this.options.owner;
  }

  private starting: Promise<void> | null = null;
  private stopping = false;

  /** Starts taking jobs (once; later calls wait for the first). */
  start(): Promise<void> {
    this.starting ??= this.begin();
    return this.starting;
  }

  /** Starts the engine, again and again while the database cannot be reached (the instance keeps serving meanwhile). */
  private async begin(): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      if (this.stopping) return;
      try {
        await this.startEngine();
        return;
      } catch (err) {
        this.options.log.warn({ err, attempt }, 'the job queue worker could not start; trying again');
        await new Promise((resolve) => setTimeout(resolve, Math.min(10_000, 500 * attempt)).unref());
      }
    }
  }

  private async startEngine(): Promise<void> {
    const { options } = this;
    const events: WorkerEvents = new EventEmitter();
    events.on('worker:create', ({ worker }) => this.workerIds.add(worker.workerId));
    const task: Task = async (payload, helpers) => {
      const runId = (payload as { runId?: unknown } | null)?.runId;
      if (typeof runId !== 'string') throw new Error(`a ${RUN_TASK} job without a runId: ${JSON.stringify(payload)}`);
      const run = await startRun(options.ds, runId, options.owner, helpers.job.locked_by);
      if (!run) return;
      const work = options.execute(run, helpers.abortSignal ?? new AbortController().signal);
      this.active.add(work);
      try {
        if ((await work) === 'retry') throw new Error(`job run ${run.id} attempt ${run.attempt} did not finish; it goes back on the queue`);
      } finally {
        this.active.delete(work);
      }
    };
    this.connections = queueConnections(options.connectionString, options.concurrency + 2, options.log);
    this.runner = await run({
      pgPool: this.connections,
      concurrency: options.concurrency,
      taskList: { [RUN_TASK]: task },
      // No crontab file and no signal handlers: fire times and shutdown are the process's.
      parsedCronItems: [],
      noHandleSignals: true,
      pollInterval: options.pollIntervalMs ?? 2_000,
      gracefulShutdownAbortTimeout: options.graceMs,
      logger: queueEngineLogger(options.log),
      events,
    });
    if (options.watchIntervalMs > 0) {
      this.watch = setInterval(() => void this.findDeadRuns().catch((err: unknown) => options.log.error({ err }, 'looking for dead job runs failed')), options.watchIntervalMs);
      this.watch.unref();
    }
    options.log.info({ owner: options.owner, concurrency: options.concurrency }, 'job queue worker started');
  }

  /** Releases runs whose instance died (heartbeat older than staleAfterMs) and has them tidied; resolves with them. */
  async findDeadRuns(): Promise<DeadRuns> {
    if (this.watching) return { retried: [], failed: [] };
    this.watching = true;
    try {
      const dead = await releaseDeadRuns(this.options.ds, { staleAfterMs: this.options.staleAfterMs });
      if (dead.retried.length + dead.failed.length > 0) await this.options.onDeadRuns?.(dead);
      return dead;
    } finally {
      this.watching = false;
    }
  }

  /** Resolves when no run is executing in this instance. */
  async idle(): Promise<void> {
    while (this.active.size > 0) await Promise.allSettled([...this.active]);
  }

  /**
   * Takes no more jobs; running ones get graceMs, then are aborted and handed back (queued
   * again for another instance). Past twice that, the engine's locks on what still runs here
   * are released, so the next instance does not wait for them.
   */
  async stop(): Promise<void> {
    this.stopping = true;
    if (this.watch) clearInterval(this.watch);
    const runner = this.runner;
    this.runner = null;
    if (!runner) return;
    let timer: NodeJS.Timeout | undefined;
    const stopped = await Promise.race([
      runner.stop().then(() => true),
      new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), 2 * this.options.graceMs + 1_000))),
    ]);
    clearTimeout(timer);
    if (!stopped && this.workerIds.size > 0) {
      this.options.log.warn({ owner: this.owner }, 'job queue workers did not stop in time; their jobs are released for other instances');
      await this.options.ds.query(`SELECT graphile_worker.force_unlock_workers($1::text[])`, [[...this.workerIds]]).catch(() => undefined);
    }
    // A worker that did not stop may still hold connections: those close when it lets go (the error listener stays ours).
    const ending = this.connections?.end().catch(() => undefined);
    this.connections = null;
    if (stopped) await ending;
    this.options.log.info({ owner: this.owner, stillRunning: this.active.size }, 'job queue worker stopped');
  }
}
