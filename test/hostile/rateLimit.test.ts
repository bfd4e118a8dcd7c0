import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config';
import type { RunningServer } from '../../src/server';
import { createApiKey } from '../../src/services/apiKeys';
import { createTestDatabase, type TestDatabase } from '../helpers/database';
import { startTestServer } from '../helpers/server';

/** One API key sending requests as fast as it can: past its limit it is refused, and other keys are not. */
let db: TestDatabase;
let server: RunningServer;
const LIMIT = 5;

beforeAll(async () => {
  db = await createTestDatabase();
  server = await startTestServer(db, { graphqlRequestsPerMinute: LIMIT }, { seed: false });
});
afterAll(async () => {
  await server?.close();
  await db?.drop();
});

async function send(key: string, query: string): Promise<{ status: number; retryAfter: string | null; body: { data?: unknown; errors?: Array<{ message: string; extensions?: Record<string, unknown> }> } }> {
  const res = await fetch(`${server.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` }, body: JSON.stringify({ query }) });
  return { status: res.status, retryAfter: res.headers.get('retry-after'), body: (await res.json()) as never };
}

describe('per-key rate limit on GraphQL', () => {
  it('past its limit a key gets 429 with a JSON error, RATE_LIMITED and Retry-After, and what it asked does not run', async () => {
    const admin = (await createApiKey(db.ds, 'admin', 'eager script')).key;
    for (let i = 0; i < LIMIT; i++) expect((await send(admin, '{ datasets { name } }')).status).toBe(200);
    const keysBefore = (await db.ds.query(`SELECT count(*)::int AS n FROM api_keys`)) as Array<{ n: number }>;
    const refused = await send(admin, 'mutation { createApiKey(input: { role: VIEWER }) { key } }');
    expect(refused.status).toBe(429);
    const seconds = Number(refused.retryAfter);
    expect(Number.isInteger(seconds) && seconds >= 1 && seconds <= 60).toBe(true);
    expect(refused.body.data ?? null).toBeNull();
    expect(refused.body.errors).toHaveLength(1);
    expect(refused.body.errors![0].extensions).toMatchObject({ code: 'RATE_LIMITED', limitPerMinute: LIMIT, retryAfterSeconds: seconds });
    expect(refused.body.errors![0].message).toBe(`Too many requests with this API key: at most ${LIMIT} a minute. Try again in ${seconds} s.`);
    // Refused before it ran: no key was made.
    expect((await db.ds.query(`SELECT count(*)::int AS n FROM api_keys`)) as Array<{ n: number }>).toEqual(keysBefore);
  });

  it('counts each key on its own: another key is served meanwhile', async () => {
    const busy = (await createApiKey(db.ds, 'viewer', 'busy')).key;
    const other = (await createApiKey(db.ds, 'viewer', 'other')).key;
    const statuses = [];
    for (let i = 0; i < LIMIT + 2; i++) statuses.push((await send(busy, '{ datasets { name } }')).status);
    expect(statuses).toEqual([...Array<number>(LIMIT).fill(200), 429, 429]);
    expect((await send(other, '{ datasets { name } }')).status).toBe(200);
  });

  it('requests without a valid key are refused as unauthenticated, not counted against anyone', async () => {
    const res = await send('mxw_not_a_key_0123456789', '{ datasets { name } }');
    expect(res.status).toBe(401);
    expect(res.body.errors![0].extensions?.code).toBe('UNAUTHENTICATED');
  });
});

describe('MIXWISE_GRAPHQL_RATE_LIMIT', () => {
  it('defaults to 600 a minute, "off" or 0 turns it off, and a bad value is refused saying what it must be', () => {
    expect(loadConfig({}).graphqlRequestsPerMinute).toBe(600);
    expect(loadConfig({ MIXWISE_GRAPHQL_RATE_LIMIT: '120' }).graphqlRequestsPerMinute).toBe(120);
    expect(loadConfig({ MIXWISE_GRAPHQL_RATE_LIMIT: 'off' }).graphqlRequestsPerMinute).toBeNull();
    expect(loadConfig({ MIXWISE_GRAPHQL_RATE_LIMIT: '0' }).graphqlRequestsPerMinute).toBeNull();
    expect(() => loadConfig({ MIXWISE_GRAPHQL_RATE_LIMIT: '10/s' })).toThrow('MIXWISE_GRAPHQL_RATE_LIMIT must be a whole number of requests per minute from 1 to 1000000, or "off", got "10/s"');
  });
});
