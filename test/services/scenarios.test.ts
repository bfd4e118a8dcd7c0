import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config';
import { Dataset, ModelVersion } from '../../src/entities';
import { createLogger } from '../../src/logger';
import type { WhatIfSpec } from '../../src/scenarios';
import type { AppContext } from '../../src/services/appContext';
import { computeScenario } from '../../src/services/computeScenario';
import { loadModel } from '../../src/services/models';
import { runTypedScenario } from '../../src/services/scenarios';
import { seedIfEmpty } from '../../src/services/seed';
import { PROJECT_DIR } from '../../testkit/helpers/processes';
import { createTestDatabase, type TestDatabase } from '../helpers/database';
import { statementsDuring } from '../helpers/sqlStatements';

let db: TestDatabase;
let app: AppContext;
let demo: Dataset;
beforeAll(async () => {
  db = await createTestDatabase();
  await seedIfEmpty(db.ds, join(PROJECT_DIR, 'data', 'demo_weekly.csv'), createLogger({ level: 'silent' }));
  app = { ds: db.ds, log: createLogger({ level: 'silent' }), config: loadConfig({ LOG_LEVEL: 'silent' }) } as AppContext;
  demo = await db.ds.getRepository(Dataset).findOneByOrFail({ name: 'demo' });
});
afterAll(async () => db?.drop());

const SHIFT: WhatIfSpec = { weeks: 13, changes: [{ kind: 'shift', from: 'tv', to: [{ channel: 'search', share: 1 }], amount: { unit: 'percent', value: 20 } }] };
const whatIf = (datasetId: string | null = 'demo', spec: WhatIfSpec = SHIFT) =>
  runTypedScenario(app, { datasetId, askedBy: 'test' }, () => ({ kind: 'whatIf', spec }));

/** A new version of the demo's production model with only its first 50 draws (other intervals, same point estimates), made production by SQL alone, as another process would. */
async function promoteBehindOurBack(): Promise<string> {
  const [{ id }] = await db.ds.query(
    `INSERT INTO model_versions (dataset_id, status, holdout_weeks, seed, metrics, document, weeks_used, trained_through, trained_at, adstock, saturation, effort, hyperparameters)
     SELECT dataset_id, 'candidate', holdout_weeks, seed + 1, metrics,
       jsonb_set(document, '{draws}', (SELECT jsonb_agg(draw ORDER BY i) FROM jsonb_array_elements(document->'draws') WITH ORDINALITY t(draw, i) WHERE i <= 50)),
       weeks_used, trained_through, trained_at, adstock, saturation, effort, hyperparameters
     FROM model_versions WHERE dataset_id = $1 AND status = 'production' RETURNING id`,
    [demo.id],
  );
  await makeProduction(demo.id, id as string);
  return id as string;
}

/** What promotion does, in SQL only: the dataset's production model archived, another made production, in one transaction. */
async function makeProduction(datasetId: string, id: string): Promise<void> {
  await db.ds.transaction(async (tx) => {
    await tx.query(`UPDATE model_versions SET status = 'archived' WHERE dataset_id = $1 AND status = 'production'`, [datasetId]);
    await tx.query(`UPDATE model_versions SET status = 'production', promoted_at = now() WHERE id = $1`, [id]);
  });
}

describe('runTypedScenario on the setup it read last', () => {
  it('sends only the INSERT once the setup was read, for every way of naming the dataset', async () => {
    for (const key of ['demo', demo.id, null]) {
      await whatIf(key);
      const statements = await statementsDuring(db.ds, () => whatIf(key));
      expect(statements).toHaveLength(1);
      expect(statements[0]).toMatch(/^INSERT INTO scenarios /);
    }
  });

  it('never answers from a model that is no longer production, even when another process promoted it', async () => {
    const first = await whatIf();
    const promoted = await promoteBehindOurBack();
    const statements: string[] = [];
    let after: Awaited<ReturnType<typeof whatIf>> | undefined;
    statements.push(...(await statementsDuring(db.ds, async () => (after = await whatIf()))));
    expect(after!.scenario.modelVersionId).toBe(promoted);
    expect(after!.setup.version.id).toBe(promoted);
    // The kept setup's INSERT stored nothing; the setup was read again (with the new document) and the answer stored once.
    expect(statements.filter((s) => /^INSERT INTO scenarios /.test(s))).toHaveLength(2);
    // The answer is the new model's, to the unit, and not the old one's.
    const expected = computeScenario(await loadModel(db.ds, promoted), { kind: 'whatIf', spec: SHIFT }, after!.setup.channels.map((c) => ({ key: c.key, displayName: c.displayName, aliases: c.aliases, group: c.group ?? undefined })));
    const stored = after!.scenario.result as typeof expected;
    expect(stored.delta).toEqual(expected.delta);
    expect(stored.delta).not.toEqual((first.scenario.result as typeof expected).delta);
    expect(stored.restatement).toBe(expected.restatement);
    // Rolled back the same way: the old model answers again.
    await makeProduction(demo.id, first.scenario.modelVersionId);
    const back = await whatIf();
    expect(back.scenario.modelVersionId).toBe(first.scenario.modelVersionId);
    expect((back.scenario.result as typeof expected).delta).toEqual((first.scenario.result as typeof expected).delta);
  });

  it('words the answer with channel names changed since the setup was read', async () => {
    await whatIf();
    await db.ds.query(`UPDATE channels SET display_name = 'Telly' WHERE dataset_id = $1 AND key = 'tv'`, [demo.id]);
    try {
      expect((await whatIf()).scenario.result).toMatchObject({ restatement: expect.stringContaining('Telly') });
    } finally {
      await db.ds.query(`UPDATE channels SET display_name = 'TV' WHERE dataset_id = $1 AND key = 'tv'`, [demo.id]);
    }
    expect((await whatIf()).scenario.result).toMatchObject({ restatement: expect.not.stringContaining('Telly') });
  });

  it('refuses on the kept setup only when a fresh read says the same', async () => {
    const spec: WhatIfSpec = { weeks: 13, changes: [{ kind: 'scale', channel: 'podcast', by: { unit: 'percent', value: 10 } }] };
    await whatIf();
    // No such channel: refused, and the setup read again to be sure.
    const refused = await statementsDuring(db.ds, () => expect(whatIf('demo', spec)).rejects.toThrow());
    expect(refused).toHaveLength(1);
    expect(refused[0]).not.toMatch(/^INSERT/);
  });

  it('says the dataset has no production model once it has none, though a setup was kept', async () => {
    await whatIf();
    const { id } = (await db.ds.query(`SELECT id FROM model_versions WHERE dataset_id = $1 AND status = 'production'`, [demo.id]))[0] as { id: string };
    await db.ds.getRepository(ModelVersion).update(id, { status: 'archived' });
    try {
      await expect(whatIf()).rejects.toMatchObject({ code: 'NOT_FOUND', message: expect.stringMatching(/no production model yet/) });
    } finally {
      await db.ds.getRepository(ModelVersion).update(id, { status: 'production' });
    }
    expect((await whatIf()).scenario.modelVersionId).toBe(id);
  });
});
