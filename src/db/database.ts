import type { DataSource } from 'typeorm';
import { createDataSource } from '../../ormconfig';
import type { AppConfig } from '../config';
import type { Logger } from '../logger';
import { startEmbeddedPostgres, type EmbeddedDatabase } from './embeddedPostgres';

export interface Database {
  dataSource: DataSource;
  url: string;
  /** Closes the pool and, if this process started the embedded server, stops it. */
  close(): Promise<void>;
}

// Any constant works: it only has to be the same in every Mixwise process on the database.
const MIGRATION_LOCK = 774_201;

/**
 * Connects to DATABASE_URL or the embedded server, then applies pending migrations under an
 * advisory lock so that several processes starting together migrate once.
 */
export async function openDatabase(config: AppConfig, log: Logger, options: { poolSize?: number } = {}): Promise<Database> {
  let embedded: EmbeddedDatabase | null = null;
  const url = config.databaseUrl ?? (embedded = await startEmbeddedPostgres(config.dataDir, log)).url;
  const dataSource = createDataSource(url, options);
  try {
    await dataSource.initialize();
    await migrate(dataSource, log);
  } catch (err) {
    if (dataSource.isInitialized) await dataSource.destroy();
    if (embedded) await embedded.stop();
    throw err;
  }
  return {
    dataSource,
    url,
    close: async () => {
      if (dataSource.isInitialized) await dataSource.destroy();
      if (embedded) await embedded.stop();
    },
  };
}

export async function migrate(dataSource: DataSource, log: Logger): Promise<string[]> {
  return withAdvisoryLock(dataSource, MIGRATION_LOCK, async () => {
    // The job queue's schema first: a migration of ours puts unfinished runs on it.
    const { migrateQueue } = await import('./queueSchema.js');
    await migrateQueue((dataSource.options as { url: string }).url, log);
    const applied = await dataSource.runMigrations({ transaction: 'all' });
    if (applied.length > 0) log.info({ migrations: applied.map((m) => m.name) }, 'migrations applied');
    return applied.map((m) => m.name);
  });
}

/**
 * Runs `body` while holding a session-level advisory lock, so that several processes doing
 * the same start-up step (migrating, seeding) do it one after the other.
 */
export async function withAdvisoryLock<T>(dataSource: DataSource, lock: number, body: () => Promise<T>): Promise<T> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SELECT pg_advisory_lock($1)', [lock]);
    return await body();
  } finally {
    await runner.query('SELECT pg_advisory_unlock($1)', [lock]).catch(() => undefined);
    await runner.release();
  }
}
