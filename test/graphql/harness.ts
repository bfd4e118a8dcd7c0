import { afterAll, beforeAll } from 'vitest';
import { Dataset } from '../../src/entities';
import type { RunningServer } from '../../src/server';
import { createApiKey } from '../../src/services/apiKeys';
import { createTestDatabase, type TestDatabase } from '../helpers/database';
import { startTestServer } from '../helpers/server';

export interface GraphQLHarness {
  db: TestDatabase;
  server: RunningServer;
  admin: string;
  analyst: string;
  /** The seeded demo dataset (it has a production model). */
  demo: Dataset;
}

/** A test file's own database and server, with an admin and an analyst key; filled in by `beforeAll`, closed by `afterAll`. */
export function graphqlHarness(): GraphQLHarness {
  const harness = {} as GraphQLHarness;
  beforeAll(async () => {
    harness.db = await createTestDatabase();
    harness.server = await startTestServer(harness.db);
    harness.admin = (await createApiKey(harness.db.ds, 'admin')).key;
    harness.analyst = (await createApiKey(harness.db.ds, 'analyst')).key;
    harness.demo = await harness.db.ds.getRepository(Dataset).findOneByOrFail({ name: 'demo' });
  });
  afterAll(async () => {
    await harness.server?.close();
    await harness.db?.drop();
  });
  return harness;
}
