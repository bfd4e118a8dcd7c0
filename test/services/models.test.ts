import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Dataset, ModelVersion } from '../../src/entities';
import { channelsOf, getDataset } from '../../src/services/datasets';
import { createLogger } from '../../src/logger';
import { productionSetup } from '../../src/services/models';
import { seedIfEmpty } from '../../src/services/seed';
import { PROJECT_DIR } from '../../testkit/helpers/processes';
import { createTestDatabase, type TestDatabase } from '../helpers/database';
import { statementsDuring } from '../helpers/sqlStatements';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
  await seedIfEmpty(db.ds, join(PROJECT_DIR, 'data', 'demo_weekly.csv'), createLogger({ level: 'silent' }));
});
afterAll(async () => db?.drop());

describe('productionSetup', () => {
  it('reads a dataset, its channels in order and its production model in one statement, by name, by id or by default', async () => {
    const demo = await getDataset(db.ds, 'demo');
    const production = await db.ds.getRepository(ModelVersion).findOneByOrFail({ datasetId: demo.id, status: 'production' });
    let setup: Awaited<ReturnType<typeof productionSetup>> | undefined;
    const statements = await statementsDuring(db.ds, async () => (setup = await productionSetup(db.ds, 'demo')));
    // The model document is parsed once per version and kept: only a first call reads it too.
    expect(statements.filter((sql) => !/"document"/.test(sql))).toHaveLength(1);
    expect(await statementsDuring(db.ds, () => productionSetup(db.ds, 'demo'))).toHaveLength(1);
    expect(setup!.dataset.id).toBe(demo.id);
    expect(setup!.version.id).toBe(production.id);
    expect(setup!.channels.map((c) => c.key)).toEqual((await channelsOf(db.ds, demo.id)).map((c) => c.key));
    expect(setup!.model.channels).toEqual(setup!.channels.map((c) => c.key));
    expect((await productionSetup(db.ds, demo.id)).version.id).toBe(production.id);
    // With another dataset present, the default is still "demo".
    await db.ds.getRepository(Dataset).save({ name: 'aaa-first-by-name', kpiName: 'revenue', controlNames: [] });
    expect((await productionSetup(db.ds, null)).dataset.id).toBe(demo.id);
  });

  it('says which dataset does not exist, and when a dataset has no production model', async () => {
    await expect(productionSetup(db.ds, 'nope')).rejects.toMatchObject({ code: 'NOT_FOUND', message: 'No dataset "nope"' });
    await db.ds.getRepository(Dataset).save({ name: 'untrained', kpiName: 'revenue', controlNames: [] });
    await expect(productionSetup(db.ds, 'untrained')).rejects.toMatchObject({ code: 'NOT_FOUND', message: expect.stringMatching(/no production model yet/) });
  });
});
