import type { AppContext } from '../src/services/appContext';
import { Scheduler, type SchedulerOptions } from './scheduler';

export { Scheduler, type SchedulerOptions, type TickOutcome } from './scheduler';
export { JOB_KINDS_BY_NAME } from '../src/services/jobKinds';
export type { JobNotice, JobNotifier } from '../src/services/jobKinds/types';

/**
 * The scheduler loop of a server process: starts at once (its queue worker, the schedules,
 * runs of dead instances, a missed fire time caught up) and keeps going until `stop()`.
 * Start errors are logged, not thrown: the server keeps serving without its jobs.
 */
export function startScheduler(app: AppContext, options: SchedulerOptions = {}): Scheduler {
  const scheduler = new Scheduler(app, options);
  scheduler.start().catch((err: unknown) => app.log.error({ err }, 'the scheduler could not start; jobs will not run in this process'));
  return scheduler;
}
