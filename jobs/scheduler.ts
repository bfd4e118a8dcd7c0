import { JobRun, JobSchedule } from '../src/entities';
import type { AppContext } from '../src/services/appContext';
import { cronClock, latestFireTime, type CronClock } from '../src/jobs/cronTimes';
import { DEFAULT_HEARTBEAT_MS, DEFAULT_MAX_ATTEMPTS, DEFAULT_RUN_LIMIT_MS, DEFAULT_STALE_AFTER_MS, executeRun, processOwnerName, reportFailure, type ExecutionSettings } from '../src/services/jobExecution';
import { JOB_KINDS_BY_NAME } from '../src/services/jobKinds';
import { claimRun, takeOverStaleRuns } from '../src/jobs/runs';
import type { JobKindDefinition, JobNotifier } from '../src/services/jobKinds/types';

/**
 * Fires the schedules stored in job_schedules, once per fire time across every process on
 * the database.
 *
 * The clock is injected and everything is computed from it: `tick(at)` finds, for each
 * schedule, the latest fire time since it last looked (bounded by the catch-up window and
 * by when the schedule last changed), and claims it. node-cron only decides *when* to call
 * tick in production (at the fire times, so runs start on the minute); a poll re-reads the
 * schedules, takes over runs whose process died and ticks too, so a missed cron callback
 * or a schedule created by another process is still served.
 */
export interface SchedulerOptions {
  /** The clock of fire times (tests pass a fake one). */
  now?: () => Date;
  /** How often to re-read schedules, look for dead runs and tick; 0 = never (tests drive it). Default 30 s. */
  pollIntervalMs?: number;
  /** A fire time missed while no process was running is caught up if it is at most this old. Default 24 h. */
  catchUpWindowMs?: number;
  heartbeatMs?: number;
  /** After this long a run's work (a fit) is stopped and the run fails. Default 60 min. */
  runLimitMs?: number;
  /** A running run whose heartbeat is older than this is taken to be dead. Default 5 min. */
  staleAfterMs?: number;
  /** Attempts a run gets in all (its first and retries after its process died). Default 2. */
  maxAttempts?: number;
  /** Let node-cron call tick at fire times. Default true; tests turn it off and call tick. */
  useCron?: boolean;
  /** Where jobs post; default the project's Slack client (none when Slack is not configured). */
  slack?: JobNotifier | null;
  /** This process's name in job_runs.claimed_by (default host:pid:random). */
  owner?: string;
  /** How long stop() waits for running jobs before giving up on them (they are then retried elsewhere). */
  stopGraceMs?: number;
  kinds?: Record<string, JobKindDefinition>;
}

export interface TickOutcome {
  scheduleId: string;
  fireTime: Date;
  /** False when another process had already claimed this fire time. */
  claimed: boolean;
  /** The finished run, when this process claimed it. */
  run: JobRun | null;
}

interface Entry {
  schedule: JobSchedule;
  clock: CronClock;
  /** Fire times up to here have been looked at by this process. */
  checkedThrough: number | null;
}

const MINUTE_MS = 60_000;

export class Scheduler {
  readonly owner: string;
  private readonly now: () => Date;
  private readonly settings: Required<Omit<SchedulerOptions, 'now' | 'owner' | 'slack' | 'kinds'>>;
  private readonly execution: ExecutionSettings;
  private readonly entries = new Map<string, Entry>();
  private readonly inFlight = new Set<Promise<unknown>>();
  private poll: NodeJS.Timeout | null = null;
  private polling = false;
  private started: Promise<void> | null = null;
  private stopped = false;

  constructor(
    private readonly app: AppContext,
    options: SchedulerOptions = {},
  ) {
    this.owner = options.owner ?? processOwnerName();
    this.now = options.now ?? (() => new Date());
    this.settings = {
      pollIntervalMs: options.pollIntervalMs ?? 30_000,
      catchUpWindowMs: options.catchUpWindowMs ?? 24 * 60 * MINUTE_MS,
      heartbeatMs: options.heartbeatMs ?? DEFAULT_HEARTBEAT_MS,
      staleAfterMs: options.staleAfterMs ?? DEFAULT_STALE_AFTER_MS,
      maxAttempts: options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
      useCron: options.useCron ?? true,
      stopGraceMs: options.stopGraceMs ?? 10_000,
      runLimitMs: options.runLimitMs ?? DEFAULT_RUN_LIMIT_MS,
    };
    if (this.settings.staleAfterMs <= 2 * this.settings.heartbeatMs) {
      throw new RangeError(`staleAfterMs (${this.settings.staleAfterMs}) must be more than twice heartbeatMs (${this.settings.heartbeatMs}), or live runs would look dead`);
    }
    this.execution = {
      owner: this.owner,
      heartbeatMs: this.settings.heartbeatMs,
      runLimitMs: this.settings.runLimitMs,
      slack: options.slack === undefined ? (app.jobNotifier ?? null) : options.slack,
      kinds: options.kinds ?? JOB_KINDS_BY_NAME,
    };
  }

  /** Loads the schedules, takes over dead runs, catches up missed fire times, then keeps going. */
  start(): Promise<void> {
    this.started ??= (async () => {
      await this.refresh();
      this.track(this.recoverStaleRuns());
      this.track(this.tick());
      if (this.settings.pollIntervalMs > 0) {
        this.poll = setInterval(() => void this.pollOnce(), this.settings.pollIntervalMs);
        this.poll.unref();
      }
      this.app.log.info({ owner: this.owner, schedules: this.entries.size }, 'scheduler started');
    })();
    return this.started;
  }

  /** Re-reads enabled schedules: new ones start firing, changed ones fire on their new times, removed ones stop. */
  async refresh(): Promise<void> {
    const schedules = await this.app.ds.getRepository(JobSchedule).find({ where: { enabled: true } });
    if (this.stopped) return;
    const seen = new Set<string>();
    for (const schedule of schedules) {
      seen.add(schedule.id);
      const entry = this.entries.get(schedule.id);
      if (entry && entry.schedule.cron === schedule.cron && entry.schedule.timezone === schedule.timezone) {
        entry.schedule = schedule;
        continue;
      }
      entry?.clock.dispose();
      try {
        const clock = cronClock(schedule.cron, schedule.timezone, () => this.track(this.tick()), `mixwise-job:${schedule.id}`);
        if (this.settings.useCron && !this.stopped) void clock.task.start();
        this.entries.set(schedule.id, { schedule, clock, checkedThrough: entry?.checkedThrough ?? null });
      } catch (err) {
        // Written around the service (which validates): one bad row must not stop the others.
        this.entries.delete(schedule.id);
        this.app.log.error({ err, scheduleId: schedule.id, cron: schedule.cron, timezone: schedule.timezone }, 'schedule skipped: its cron expression or time zone is not valid');
      }
    }
    for (const [id, entry] of this.entries) {
      if (!seen.has(id)) {
        entry.clock.dispose();
        this.entries.delete(id);
      }
    }
  }

  /**
   * Claims and runs, for every schedule, the latest fire time due at `at` that this process
   * has not looked at yet: after downtime that is one run, not one per missed tick.
   * Resolves when the runs it claimed have finished.
   */
  async tick(at: Date = this.now()): Promise<TickOutcome[]> {
    if (this.stopped) return [];
    const due = [...this.entries.values()].flatMap((entry) => {
      const fireTime = this.dueFireTime(entry, at.getTime());
      return fireTime ? [{ schedule: entry.schedule, fireTime }] : [];
    });
    return Promise.all(
      due.map(async ({ schedule, fireTime }): Promise<TickOutcome> => {
        const trigger = at.getTime() - fireTime.getTime() > MINUTE_MS ? 'catchUp' : 'schedule';
        const claimed = await claimRun(
          this.app.ds,
          { scheduleId: schedule.id, kind: schedule.kind, datasetId: schedule.datasetId, fireTime, trigger, options: schedule.options, slackChannel: schedule.slackChannel },
          this.owner,
        );
        if (!claimed) return { scheduleId: schedule.id, fireTime, claimed: false, run: null };
        return { scheduleId: schedule.id, fireTime, claimed: true, run: await executeRun(this.app, claimed, this.execution) };
      }),
    );
  }

  /**
   * Runs whose process stopped heartbeating: each is retried here (a new attempt) or, out
   * of attempts, marked failed and reported. Resolves with the runs once handled.
   */
  async recoverStaleRuns(): Promise<JobRun[]> {
    if (this.stopped) return [];
    const { retried, failed } = await takeOverStaleRuns(this.app.ds, this.owner, { staleAfterMs: this.settings.staleAfterMs, maxAttempts: this.settings.maxAttempts });
    for (const run of [...retried, ...failed]) {
      this.app.log.warn({ jobRunId: run.id, kind: run.kind, attempt: run.attempt, retry: retried.includes(run) }, 'found a job run whose process died');
      await this.execution.kinds?.[run.kind]?.abandon?.(this.app, run);
    }
    for (const run of failed) await reportFailure(this.app, run, this.execution.slack, run.error ?? 'its process died');
    const finished = await Promise.all(retried.map((run) => executeRun(this.app, run, this.execution)));
    return [...finished, ...failed];
  }

  /** Resolves when every run this process started has finished. */
  async idle(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }

  /** Stops firing and polling; waits up to stopGraceMs for running jobs (others retry the rest). */
  async stop(): Promise<void> {
    if (this.stopped) return;
    await this.started?.catch(() => undefined);
    this.stopped = true;
    if (this.poll) clearInterval(this.poll);
    for (const entry of this.entries.values()) entry.clock.dispose();
    this.entries.clear();
    let grace: NodeJS.Timeout | undefined;
    await Promise.race([this.idle(), new Promise<void>((resolve) => (grace = setTimeout(resolve, this.settings.stopGraceMs)))]);
    clearTimeout(grace);
    this.app.log.info({ owner: this.owner, stillRunning: this.inFlight.size }, 'scheduler stopped');
  }

  /** The schedules this process fires, as last read. */
  schedules(): JobSchedule[] {
    return [...this.entries.values()].map((e) => e.schedule);
  }

  private dueFireTime(entry: Entry, at: number): Date | null {
    // Never before the schedule last changed: a new or edited schedule starts from now,
    // it does not make up for fire times it did not have.
    const since = Math.max(entry.checkedThrough ?? at - this.settings.catchUpWindowMs, entry.schedule.updatedAt.getTime());
    if (entry.checkedThrough === null || at > entry.checkedThrough) entry.checkedThrough = at;
    return latestFireTime(entry.clock, new Date(since), new Date(at));
  }

  private async pollOnce(): Promise<void> {
    if (this.polling || this.stopped) return;
    this.polling = true;
    try {
      await this.refresh();
      this.track(this.recoverStaleRuns());
      this.track(this.tick());
    } catch (err) {
      this.app.log.error({ err }, 'scheduler poll failed');
    } finally {
      this.polling = false;
    }
  }

  private track(work: Promise<unknown>): void {
    const tracked = work.catch((err: unknown) => this.app.log.error({ err }, 'scheduled job failed to start or record'));
    this.inFlight.add(tracked);
    void tracked.finally(() => this.inFlight.delete(tracked));
  }
}
