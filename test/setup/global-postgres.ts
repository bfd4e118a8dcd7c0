import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import type { TestProject } from 'vitest/node';
import { createDataSource } from '../../ormconfig';
import { migrate } from '../../src/db/database';
import { databaseUrl, startEmbeddedPostgres } from '../../src/db/embeddedPostgres';
import { createLogger } from '../../src/logger';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Admin URL of the test PostgreSQL server (database `postgres`). */
    postgresAdminUrl: string;
    /** A migrated database that each test file clones (CREATE DATABASE … TEMPLATE). */
    templateDatabase: string;
  }
}

/**
 * One real PostgreSQL for the whole run: the same embedded server the app uses, in a
 * throw-away directory. Migrations run once into a template database; every test file gets
 * its own copy, so files run in parallel without seeing each other's rows.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const log = createLogger({ level: 'warn', destination: 'stderr' });
  const dir = mkdtempSync(join(tmpdir(), 'mixwise-test-'));
  const server = await startEmbeddedPostgres(dir, log);
  const adminUrl = databaseUrl(server.url, 'postgres');

  const template = 'mixwise_template';
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${template}`);
  await admin.query(`CREATE DATABASE ${template}`);
  await admin.end();
  const ds = createDataSource(databaseUrl(adminUrl, template));
  await ds.initialize();
  await migrate(ds, log);
  await ds.destroy();

  project.provide('postgresAdminUrl', adminUrl);
  project.provide('templateDatabase', template);
  return async () => {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  };
}
