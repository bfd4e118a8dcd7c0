import { QueryFailedError } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryPrepared } from '../../src/db/prepared';
import { Dataset } from '../../src/entities';
import { createTestDatabase, type TestDatabase } from '../helpers/database';
import { statementsDuring } from '../helpers/sqlStatements';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => db?.drop());

describe('queryPrepared', () => {
  it('returns what the plain query returns, from any pooled connection, many statements side by side', async () => {
    await db.ds.getRepository(Dataset).save([
      { name: 'alpha', kpiName: 'revenue', controlNames: [] },
      { name: 'beta', kpiName: 'orders', controlNames: ['promo'] },
    ]);
    const byName = 'SELECT name, kpi_name, control_names FROM datasets WHERE name = $1';
    const all = 'SELECT name FROM datasets ORDER BY name';
    // More calls at once than the pool has connections, two texts interleaved: names never clash.
    const results = await Promise.all(Array.from({ length: 40 }, (_, i) => (i % 2 ? queryPrepared(db.ds, all, []) : queryPrepared(db.ds, byName, [i % 4 ? 'alpha' : 'beta']))));
    for (const [i, rows] of results.entries()) {
      expect(rows).toEqual(i % 2 ? await db.ds.query(all) : await db.ds.query(byName, [i % 4 ? 'alpha' : 'beta']));
    }
  });

  it('prepares the statement under a name on the connection, and passes the query logger', async () => {
    const text = 'SELECT name, statement FROM pg_prepared_statements';
    const seen = await statementsDuring(db.ds, async () => {
      const rows = await queryPrepared<{ name: string; statement: string }>(db.ds, text, []);
      expect(rows.find((r) => r.statement === text)?.name).toMatch(/^mxw_[0-9a-f]{24}$/);
    });
    expect(seen).toEqual([text]);
  });

  it('fails as TypeORM queries do, with PostgreSQL’s code', async () => {
    const insert = 'INSERT INTO datasets (name, kpi_name, control_names) VALUES ($1, $2, $3)';
    await queryPrepared(db.ds, insert, ['gamma', 'revenue', []]);
    const failure = await queryPrepared(db.ds, insert, ['gamma', 'revenue', []]).catch((err: unknown) => err);
    expect(failure).toBeInstanceOf(QueryFailedError);
    expect((failure as QueryFailedError & { driverError: { code: string } }).driverError.code).toBe('23505');
  });
});
