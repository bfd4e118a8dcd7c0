import type { DataSource } from 'typeorm';
import type { AppConfig } from '../config';
import type { Logger } from '../logger';
import type { InFlight } from './inFlight';
import type { CpuPool } from './cpuPool';

/** What every service call needs; built once per process and handed to the front doors. */
export interface AppContext {
  ds: DataSource;
  log: Logger;
  config: AppConfig;
  /** In a server: the work in flight, which shutdown waits for. */
  inFlight?: InFlight;
  /** In a server: the worker threads optimizations and charts run on, off the event loop (fits always use the process's pool). */
  cpuPool?: CpuPool;
}
