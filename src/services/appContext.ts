import type { DataSource } from 'typeorm';
import type { AppConfig } from '../config';
import type { Logger } from '../logger';
import type { InFlight } from './inFlight';
import type { JobNotifier } from './jobKinds/types';
import type { QueueWorker } from '../jobs/queue';
import type { CpuPool } from './cpuPool';

/** What every service call needs; built once per process and handed to the front doors. */
export interface AppContext {
  ds: DataSource;
  log: Logger;
  config: AppConfig;
  /** In a server: the work in flight, which shutdown waits for. */
  inFlight?: InFlight;
  /** Where jobs post (the Slack door's, set by the process that starts the app); none: jobs log what they would have posted. */
  jobNotifier?: JobNotifier | null;
  /** In an instance that takes jobs: its queue worker (a caller waiting for a run without one runs its own meanwhile). */
  jobWorker?: QueueWorker | null;
  /** In a server: the worker threads optimizations and charts run on, off the event loop (fits always use the process's pool). */
  cpuPool?: CpuPool;
}
