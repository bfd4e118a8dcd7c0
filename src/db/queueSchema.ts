import { Logger as EngineLogger, runMigrations } from 'graphile-worker';
import type { Logger } from '../logger';

/** Installs or upgrades the job queue's schema (graphile_worker); safe to call from several instances at once. */
export async function migrateQueue(connectionString: string, log: Logger): Promise<void> {
  await runMigrations({ connectionString, logger: queueEngineLogger(log), maxPoolSize: 1 });
}

/** The queue engine's log lines in ours; its routine chatter ("worker connected") at debug. */
export function queueEngineLogger(log: Logger): EngineLogger {
  const queueLog = log.child({ component: 'job-queue' });
  return new EngineLogger(() => (level, message, meta) => {
    // Its meta carries workers, pools and jobs: only an error is worth keeping.
    const error = (meta as { error?: unknown } | undefined)?.error;
    const fields = error ? { err: error } : {};
    // The engine reconnects by itself (a lost LISTEN connection, a restarted database): worth a warning, not an alarm.
    if (level === 'error' || level === 'warning') queueLog.warn(fields, message);
    else queueLog.debug(fields, message);
  });
}
