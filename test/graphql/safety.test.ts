import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Channel, Dataset, ModelVersion } from '../../src/entities';
import { createApiKey } from '../../src/services/apiKeys';
import type { RunningServer } from '../../src/server';
import { createTestDatabase, type TestDatabase } from '../helpers/database';
import { graphqlRequest } from '../helpers/http';
import { statementsDuring } from '../helpers/sqlStatements';
import { startTestServer } from '../helpers/server';
import { failure, query } from './client';

let db: TestDatabase;
let server: RunningServer;
let devServer: RunningServer;
let viewer: string;

beforeAll(async () => {
  db = await createTestDatabase();
  // No job queue worker: its look for dead runs would add statements to the counts below.
  server = await startTestServer(db, { worker: 'off' });
  devServer = await startTestServer(db, { isDevelopment: true, worker: 'off' });
  viewer = (await createApiKey(db.ds, 'viewer')).key;
});
afterAll(async () => {
  await devServer?.close();
  await server?.close();
  await db?.drop();
});

describe('no N+1 queries', () => {
  const DATASETS = '{ datasets { name weeks channels { key } productionModel { status dataset { name } } } }';

  it('a page of datasets costs the same number of statements for 1 dataset as for 8', async () => {
    const one = await statementsDuring(db.ds, () => query(server.url, viewer, DATASETS));
    for (let i = 0; i < 7; i++) {
      const dataset = await db.ds.getRepository(Dataset).save({ name: `extra-${i}`, kpiName: 'revenue', controlNames: [] });
      await db.ds.getRepository(Channel).save([
        { datasetId: dataset.id, key: 'tv', displayName: 'TV', aliases: [], group: null, position: 0 },
        { datasetId: dataset.id, key: 'search', displayName: 'Search', aliases: [], group: null, position: 1 },
      ]);
      await db.ds.getRepository(ModelVersion).save({ datasetId: dataset.id, status: 'production', holdoutWeeks: 0, seed: 1, metrics: { r2: 0.9 }, document: {} });
    }
    let data: { datasets: Array<{ channels: unknown[]; productionModel: { dataset: { name: string } } }> } | undefined;
    const eight = await statementsDuring(db.ds, async () => (data = await query(server.url, viewer, DATASETS)));
    expect(data!.datasets).toHaveLength(8);
    expect(data!.datasets.every((d) => d.channels.length > 0 && d.productionModel.dataset.name)).toBe(true);
    expect(eight.length).toBe(one.length);
    // Key check, the page, then one batch each for weeks, channels, production models and their datasets.
    expect(eight.length).toBeLessThanOrEqual(6);
  });

  it('a what-if reads the key and stores the scenario, checking in the INSERT that the dataset, its channels and production model are the ones it read last', async () => {
    const analyst = (await createApiKey(db.ds, 'analyst')).key;
    const whatIf = () => query(server.url, analyst, 'mutation { runWhatIf(input: { datasetId: "demo", changes: [{ kind: SCALE, channel: "tv", amount: { percent: 10 } }] }) { id result { delta { value } contributions { channel change } } } }');
    // The first one also reads the setup (the dataset with its channels and production model, in one statement) and the model document, parsed once per version.
    await whatIf();
    const statements = await statementsDuring(db.ds, whatIf);
    expect(statements).toHaveLength(2);
    expect(statements[1]).toMatch(/^INSERT INTO "?scenarios"? /);
  });
});

describe('headers', () => {
  it('says cache-control: no-store on answers and on errors, as Apollo did for a schema without cache hints', async () => {
    const post = (body: unknown) => fetch(`${server.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${viewer}` }, body: JSON.stringify(body) });
    for (const body of [{ query: '{ datasets { name } }' }, { query: '{ nope }' }, { query: '{ dataset(id: "missing") { name } }' }]) {
      const res = await post(body);
      expect(res.headers.get('cache-control')).toBe('no-store');
      await res.arrayBuffer();
    }
  });
});

describe('limits', () => {
  it('refuses a query nested deeper than 10 levels before running it', async () => {
    const deep = '{ scenarios { notebook { scenarios { model { dataset { productionModel { dataset { productionModel { dataset { productionModel { dataset { name } } } } } } } } } } } }';
    const err = await failure(server.url, viewer, deep);
    expect(err.code).toBe('QUERY_TOO_DEEP');
    expect(err.message).toMatch(/nests 12 levels deep; the limit is 10/);
  });

  it('refuses a query that asks for too much work, saying how much', async () => {
    const heavy = '{ datasets(first: 200) { observations(first: 200) { week kpi spend { channel amount } } } }';
    const err = await failure(server.url, viewer, heavy);
    expect(err.code).toBe('QUERY_TOO_COMPLEX');
    expect(err.status).toBe(400);
    expect(err.message).toMatch(/would cost \d+ .*the limit is 5000/);
    // The same data for one dataset is within the limit.
    await query(server.url, viewer, '{ dataset(id: "demo") { observations(first: 200) { week kpi spend { channel amount } } } }');
  });
});

describe('errors outside development', () => {
  const broken = 'ALTER TABLE digests RENAME TO digests_moved';
  const repaired = 'ALTER TABLE digests_moved RENAME TO digests';

  it('hide SQL and stack traces behind a plain message, and show them in development', async () => {
    await db.ds.query(broken);
    try {
      const res = await graphqlRequest(server.url, '{ digests { id } }', { key: viewer });
      const text = JSON.stringify(res.body);
      expect(res.body.errors?.[0]).toMatchObject({ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } });
      expect(text).not.toMatch(/relation|SELECT|stacktrace|QueryFailedError|node_modules/i);
      const dev = await graphqlRequest(devServer.url, '{ digests { id } }', { key: viewer });
      expect(dev.body.errors?.[0].message).toBe('relation "digests" does not exist');
      expect(dev.body.errors?.[0].extensions?.stacktrace).toBeDefined();
    } finally {
      await db.ds.query(repaired);
    }
  });

  it('keep messages the caller can act on, with their code', async () => {
    const err = await failure(server.url, viewer, '{ model(id: "9f4c2c1e-0000-4000-8000-000000000000") { id } }');
    expect(err).toMatchObject({ code: 'NOT_FOUND', message: 'No model version 9f4c2c1e-0000-4000-8000-000000000000' });
    expect(err.extensions.stacktrace).toBeUndefined();
  });
});
