import { JobRun, JobSchedule } from '../src/entities';
import type { AppContext } from '../src/services/appContext';
import { cronClock, latestFireTime, type CronClock } from '../src/jobs/cronTimes';
import type { QueueWorker } from '../src/jobs/queue';
import { enqueueRun, releaseDeadRuns } from '../src/jobs/runs';
import { createJobWorker, DEFAULT_STALE_AFTER_MS, type JobWorkerOptions } from '../src/services/jobExecution';
import { waitForRun } from '../src/services/jobs';

/**
 * The process's scheduler loop: queues the schedules stored in job_schedules, once per fire
 * time across every instance on the database, and (unless told not to) runs this instance's
 * share of the job queue.
 *
 * The clock is injected and everything is computed from it: `tick(at)` finds, for each
 * schedule, the latest fire time since it last looked (bounded by the catch-up window and
 * by when the schedule last changed), and queues it. croner only decides *when* to call
 * tick in production (at the fire times, so runs are queued on the minute); a poll re-reads
 * the schedules, looks for runs whose instance died and ticks too, so a missed timer or a
 * schedule created by another instance is still served. Which instance runs a queued run is
 * the queue's choice: the next free worker anywhere.
 */
export interface SchedulerOptions extends Omit<JobWorkerOptions, 'watchIntervalMs'> {
  /** The clock of fire times (tests pass a fake one). */
  now?: () => Date;
  /** How often to re-read schedules, look for dead runs and tick; 0 = never (tests drive it). Default 30 s. */
  pollIntervalMs?: number;
  /** A fire time missed while no instance was running is caught up if it is at most this old. Default 24 h. */
  catchUpWindowMs?: number;
  /** Let croner call tick at fire times. Default true; tests turn it off and call tick. */
  useCron?: boolean;
  /** Queue fire times at all (MIXWISE_SCHEDULER); default true. */
  fireTimes?: boolean;
  /** Run a queue worker in this instance (MIXWISE_WORKER); default true. */
  worker?: boolean;
  /** How long stop() gives running jobs before they are handed back to the queue. */
  stopGraceMs?: number;
}

export interface TickOutcome {
  scheduleId: string;
  fireTime: Date;
  /** False when another instance had already queued this fire time. */
  claimed: boolean;
  /** The run as queued, when this instance queued it (see `finished`). */
  run: JobRun | null;
}

interface Entry {
  schedule: JobSchedule;
  clock: CronClock;
  /** Fire times up to here have been looked at by this instance. */
  checkedThrough: number | null;
}

const MINUTE_MS = 60_000;

export class Scheduler {
  readonly owner: string;
  /** This instance's queue worker (null with `worker: false`). */
  readonly worker: QueueWorker | null;
  private readonly now: () => Date;
  private readonly settings: { pollIntervalMs: number; catchUpWindowMs: number; useCron: boolean; fireTimes: boolean; staleAfterMs: number };
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
    this.now = options.now ?? (() => new Date());
    this.settings = {
      pollIntervalMs: options.pollIntervalMs ?? 30_000,
      catchUpWindowMs: options.catchUpWindowMs ?? 24 * 60 * MINUTE_MS,
      useCron: options.useCron ?? true,
      fireTimes: options.fireTimes ?? true,
      staleAfterMs: options.staleAfterMs ?? DEFAULT_STALE_AFTER_MS,
    };
    // The poll looks for dead runs: the worker's own watch is not needed beside it.
    this.worker = options.worker === false ? null : createJobWorker(app, { ...options, graceMs: options.stopGraceMs ?? options.graceMs, watchIntervalMs: 0 });
    this.owner = this.worker?.owner ?? options.owner ?? 'no-worker';
  }

  /** Starts the worker, loads the schedules, looks for dead runs, catches up missed fire times, then keeps going. */
  start(): Promise<void> {
    this.started ??= (async () => {
      await this.worker?.start();
      await this.refresh();
      this.track(this.recoverStaleRuns());
      this.track(this.tick());
      if (this.settings.pollIntervalMs > 0) {
        this.poll = setInterval(() => void this.pollOnce(), this.settings.pollIntervalMs);
        this.poll.unref();
      }
      this.app.log.info({ owner: this.owner, schedules: this.entries.size, worker: this.worker !== null }, 'scheduler started');
    })();
    return this.started;
  }

  /** Re-reads enabled schedules: new ones start firing, changed ones fire on their new times, removed ones stop. */
  async refresh(): Promise<void> {
    if (!this.settings.fireTimes) return;
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
        const clock = cronClock(schedule.cron, schedule.timezone);
        if (this.settings.useCron && !this.stopped) clock.start(() => this.track(this.tick()));
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
   * Queues, for every schedule, the latest fire time due at `at` that this instance has not
   * looked at yet: after downtime that is one run, not one per missed tick. Resolves once
   * they are queued (`finished` waits for their outcomes).
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
        const run = await enqueueRun(this.app.ds, { scheduleId: schedule.id, kind: schedule.kind, datasetId: schedule.datasetId, fireTime, trigger, options: schedule.options, slackChannel: schedule.slackChannel });
        return { scheduleId: schedule.id, fireTime, claimed: run !== null, run };
      }),
    );
  }

  /** The outcomes with each queued run replaced by the run once finished (wherever it ran). */
  async finished(outcomes: TickOutcome[]): Promise<TickOutcome[]> {
    return Promise.all(outcomes.map(async (o) => (o.run ? { ...o, run: await waitForRun(this.app.ds, o.run.id, { pollMs: 50 }) } : o)));
  }

  /**
   * Runs whose instance stopped heartbeating: each goes back on the queue for another attempt
   * (the next free worker anywhere takes it) or, out of attempts, is failed and reported.
   * Resolves with the runs found, as released.
   */
  async recoverStaleRuns(): Promise<JobRun[]> {
    if (this.stopped) return [];
    const dead = this.worker ? await this.worker.findDeadRuns() : await releaseDeadRuns(this.app.ds, { staleAfterMs: this.settings.staleAfterMs });
    return [...dead.retried, ...dead.failed];
  }

  /** Resolves when every tick this instance started, and every run its worker took, has finished. */
  async idle(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
    await this.worker?.idle();
  }

  /** Stops firing and polling; running jobs get the grace period, then are handed back to the queue. */
  async stop(): Promise<void> {
    if (this.stopped) return;
    await this.started?.catch(() => undefined);
    this.stopped = true;
    if (this.poll) clearInterval(this.poll);
    for (const entry of this.entries.values()) entry.clock.dispose();
    this.entries.clear();
    await Promise.allSettled([...this.inFlight]);
    await this.worker?.stop();
    this.app.log.info({ owner: this.owner }, 'scheduler stopped');
  }

  /** The schedules this instance fires, as last read. */
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
    const tracked = work.catch((err: unknown) => this.app.log.error({ err }, 'scheduled job failed to queue or record'));
    this.inFlight.add(tracked);
    void tracked.finally(() => this.inFlight.delete(tracked));
  }
}
