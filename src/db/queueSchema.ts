import { Logger as EngineLogger, runMigrations } from 'graphile-worker';
import { Pool } from 'pg';
import type { Logger } from '../logger';

/** Installs or upgrades the job queue's schema (graphile_worker); safe to call from several instances at once. */
export async function migrateQueue(connectionString: string, log: Logger): Promise<void> {
  const pgPool = queueConnections(connectionString, 1, log);
  try {
    await runMigrations({ pgPool, logger: queueEngineLogger(log) });
  } finally {
    await pgPool.end();
  }
}

/**
 * The queue engine's connections, ours to end. Given only a connection string, graphile-worker
 * removes its pool's error listener before ending the pool without waiting, so a connection the
 * database closes in between (a restart, a dropped test database) became an uncaught exception.
 */
export function queueConnections(connectionString: string, max: number, log: Logger): Pool {
  const pool = new Pool({ connectionString, max });
  pool.on('error', (err) => log.child({ component: 'job-queue' }).warn({ err }, 'a job queue connection was closed by the database'));
  return pool;
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
