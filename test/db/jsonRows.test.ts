import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Channel, Dataset, ModelVersion } from '../../src/entities';
import { entityFromJson, jsonObjectOf } from '../../src/db/jsonRows';
import { createTestDatabase, type TestDatabase } from '../helpers/database';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => db?.drop());

describe('rows read as JSON', () => {
  it('give the same entities TypeORM reads: every column type, timestamps as Dates, dates as strings, nulls kept', async () => {
    const dataset = await db.ds.getRepository(Dataset).save({ name: 'json-rows', kpiName: 'revenue', controlNames: ['promo'], staleSince: new Date('2026-01-02T03:04:05.678Z') });
    await db.ds.getRepository(Channel).save({ datasetId: dataset.id, key: 'tv', displayName: 'TV', aliases: ['television', 'telly'], group: null, position: 3 });
    await db.ds.getRepository(ModelVersion).save({
      datasetId: dataset.id, status: 'production', holdoutWeeks: 13, seed: 7, metrics: { r2: 0.93, mape: null }, weeksUsed: 156,
      trainedThrough: '2024-12-23', trainedAt: new Date('2026-02-03T04:05:06.789Z'), hyperparameters: { ridge: 0.1 }, document: { big: true },
    });
    for (const entity of [Dataset, Channel, ModelVersion] as const) {
      const expected = await db.ds.getRepository<object>(entity).find({ order: { id: 'ASC' } });
      const alias = 'x';
      const rows = (await db.ds.query(`SELECT ${jsonObjectOf(db.ds, entity, alias)} AS value FROM ${db.ds.getMetadata(entity).tableName} ${alias} ORDER BY ${alias}.id`)) as Array<{ value: Record<string, unknown> }>;
      const read = rows.map((r) => entityFromJson(db.ds, entity, r.value));
      expect(read).toEqual(expected);
      expect(read[0]).toBeInstanceOf(entity);
    }
  });

  it('read only the properties asked for', async () => {
    const [row] = (await db.ds.query(`SELECT ${jsonObjectOf(db.ds, ModelVersion, 'mv', ['id', 'status'])} AS value FROM model_versions mv LIMIT 1`)) as Array<{ value: Record<string, unknown> }>;
    expect(Object.keys(row.value).sort()).toEqual(['id', 'status']);
    const read = entityFromJson(db.ds, ModelVersion, row.value);
    expect(Object.entries(read).filter(([, v]) => v !== undefined).map(([k]) => k).sort()).toEqual(['id', 'status']);
  });
});
