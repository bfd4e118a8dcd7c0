import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig, type AppConfig } from '../../src/config';
import { createLogger } from '../../src/logger';
import { startServer, type RunningServer } from '../../src/server';
import type { TestDatabase } from './database';

/** The real server (GraphQL, Slack, scheduler) on a free loopback port over a test database. */
export async function startTestServer(db: TestDatabase, overrides: Partial<AppConfig> = {}, options: { seed?: boolean } = {}): Promise<RunningServer> {
  // Its own data directory: a first admin key made on seeding goes there, never into the project's .data.
  const config: AppConfig = { ...loadConfig({ LOG_LEVEL: 'warn' }), dataDir: join(tmpdir(), `mixwise-test-data-${process.pid}`), port: 0, schedulerEnabled: false, ...overrides, databaseUrl: db.url };
  const log = createLogger({ level: process.env.TEST_LOG_LEVEL ?? 'warn', destination: 'stderr' });
  return startServer(config, log, { database: { dataSource: db.ds, url: db.url, close: async () => undefined }, seed: options.seed });
}
