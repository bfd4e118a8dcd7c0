import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiKey, Dataset, ModelVersion } from '../../src/entities';
import { authenticateApiKey, createApiKey, hashApiKey, revokeApiKey } from '../../src/services/apiKeys';
import { seedIfEmpty } from '../../src/services/seed';
import type { RunningServer } from '../../src/server';
import { createLogger } from '../../src/logger';
import { createTestDatabase, type TestDatabase } from '../helpers/database';
import { graphqlRequest } from '../helpers/http';
import { startTestServer } from '../helpers/server';

let db: TestDatabase;
let server: RunningServer;

beforeAll(async () => {
  db = await createTestDatabase();
  server = await startTestServer(db);
});
afterAll(async () => {
  await server?.close();
  await db?.drop();
});

describe('first start', () => {
  it('seeds the demo dataset with a production model and one admin key, stored hashed', async () => {
    const datasets = await db.ds.getRepository(Dataset).find();
    expect(datasets.map((d) => d.name)).toEqual(['demo']);
    const models = await db.ds.getRepository(ModelVersion).find({ select: { id: true, status: true } });
    expect(models.map((m) => m.status)).toEqual(['production']);
    const keys = await db.ds.getRepository(ApiKey).find();
    expect(keys).toHaveLength(1);
    expect(keys[0].role).toBe('admin');
    expect(keys[0].keyHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('a second start changes nothing and prints no new key', async () => {
    const again = await seedIfEmpty(db.ds, server.app.config.demoCsv, createLogger({ level: 'silent' }));
    expect(again).toEqual({ seededDataset: null, firstAdminKey: null });
    expect(await db.ds.getRepository(Dataset).count()).toBe(1);
    expect(await db.ds.getRepository(ModelVersion).count()).toBe(1);
  });
});

describe('HTTP', () => {
  it('GET /healthz reports the database', async () => {
    const res = await fetch(`${server.url}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'ok', database: 'ok' });
  });
});

describe('GraphQL authentication', () => {
  const query = '{ datasets { name weeks channels { key displayName group } productionModel { status metrics { holdoutMape } } } }';

  it('refuses a request without a key: 401, UNAUTHENTICATED, no data', async () => {
    const res = await graphqlRequest(server.url, query);
    expect(res.status).toBe(401);
    expect(res.body.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    expect(res.body.data ?? null).toBeNull();
  });

  it('refuses a wrong key and a malformed header', async () => {
    expect((await graphqlRequest(server.url, query, { key: 'mxw_not-a-real-key' })).body.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    const res = await fetch(`${server.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: 'Basic abc' }, body: JSON.stringify({ query }) });
    expect(res.status).toBe(401);
  });

  it('answers datasets for a viewer key', async () => {
    const { key } = await createApiKey(db.ds, 'viewer');
    const res = await graphqlRequest(server.url, query, { key });
    expect(res.body.errors).toBeUndefined();
    const datasets = res.body.data?.datasets as Array<{ name: string; weeks: number; channels: Array<{ key: string }>; productionModel: { status: string } }>;
    expect(datasets).toHaveLength(1);
    expect(datasets[0].name).toBe('demo');
    expect(datasets[0].weeks).toBe(156);
    expect(datasets[0].channels.map((c) => c.key)).toEqual(['tv', 'search', 'social', 'display', 'radio']);
    expect(datasets[0].productionModel.status).toBe('PRODUCTION');
  });

  it('a revoked key stops working at once', async () => {
    const created = await createApiKey(db.ds, 'analyst');
    expect((await graphqlRequest(server.url, '{ models { id } }', { key: created.key })).body.errors).toBeUndefined();
    await revokeApiKey(db.ds, created.id);
    expect((await graphqlRequest(server.url, '{ models { id } }', { key: created.key })).body.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('records when a key was last used, writing it at most once a minute', async () => {
    const created = await createApiKey(db.ds, 'viewer');
    const lastUsed = async () => (await db.ds.getRepository(ApiKey).findOneByOrFail({ id: created.id })).lastUsedAt;
    expect(await lastUsed()).toBeNull();
    const first = await authenticateApiKey(db.ds, created.key);
    const stamped = (await lastUsed())!;
    expect(stamped).toBeInstanceOf(Date);
    expect(first?.lastUsedAt?.getTime()).toBe(stamped.getTime());
    await authenticateApiKey(db.ds, created.key);
    expect((await lastUsed())!.getTime()).toBe(stamped.getTime());
    // Over a minute later, the next use is written again.
    await db.ds.query(`UPDATE api_keys SET last_used_at = now() - interval '61 seconds' WHERE id = $1`, [created.id]);
    const aged = (await lastUsed())!;
    const again = await authenticateApiKey(db.ds, created.key);
    expect((await lastUsed())!.getTime()).toBeGreaterThan(aged.getTime());
    expect(again?.lastUsedAt?.getTime()).toBe((await lastUsed())!.getTime());
  });

  it('never stores a key in clear', async () => {
    const created = await createApiKey(db.ds, 'viewer');
    const rows: Array<Record<string, unknown>> = await db.ds.query('SELECT * FROM api_keys');
    expect(JSON.stringify(rows)).not.toContain(created.key);
    expect(rows.some((r) => r.key_hash === hashApiKey(created.key))).toBe(true);
  });
});
