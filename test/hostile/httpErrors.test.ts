import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiKey } from '../../src/services/apiKeys';
import type { RunningServer } from '../../src/server';
import { createTestDatabase, type TestDatabase } from '../helpers/database';
import { startTestServer } from '../helpers/server';

/**
 * Bodies that never reach GraphQL, sent with no key at all: every answer is GraphQL-shaped
 * JSON with a code, never express's HTML page or a stack trace, in development too.
 */
let db: TestDatabase;
let server: RunningServer;
let devServer: RunningServer;

beforeAll(async () => {
  db = await createTestDatabase();
  server = await startTestServer(db, {}, { seed: false });
  devServer = await startTestServer(db, { isDevelopment: true }, { seed: false });
});
afterAll(async () => {
  await devServer?.close();
  await server?.close();
  await db?.drop();
});

async function post(base: string, body: string | Buffer, headers: Record<string, string>): Promise<{ status: number; type: string; text: string; json: { errors: Array<{ message: string; extensions: { code: string } }> } }> {
  const res = await fetch(`${base}/graphql`, { method: 'POST', headers, body });
  const text = await res.text();
  return { status: res.status, type: res.headers.get('content-type') ?? '', text, json: JSON.parse(text) as never };
}

const leaks = /<html|<pre|node_modules|at .*\(|stack/i;

describe.each([
  ['production', () => server],
  ['development', () => devServer],
])('JSON errors before authentication (%s)', (_name, running) => {
  const json = { 'content-type': 'application/json' };
  const cases: Array<[string, () => { body: string | Buffer; headers: Record<string, string> }, number, string]> = [
    ['malformed JSON', () => ({ body: '{"query": "{ datasets { name } }"', headers: json }), 400, 'BAD_REQUEST'],
    ['a JSON array', () => ({ body: '[1, 2]', headers: json }), 400, 'BAD_REQUEST'],
    ['a JSON string', () => ({ body: '"hello"', headers: json }), 400, 'BAD_REQUEST'],
    ['JSON null', () => ({ body: 'null', headers: json }), 400, 'BAD_REQUEST'],
    ['latin1', () => ({ body: Buffer.from('{"query":"{ datasets { name } }", "x": "caf\xe9"}', 'latin1'), headers: { 'content-type': 'application/json; charset=latin1' } }), 415, 'UNSUPPORTED_MEDIA_TYPE'],
    ['an unknown content encoding', () => ({ body: 'x', headers: { ...json, 'content-encoding': 'br2' } }), 415, 'UNSUPPORTED_MEDIA_TYPE'],
    ['over 10 MB', () => ({ body: `{"query":"${'a'.repeat(11 * 1024 * 1024)}"}`, headers: json }), 413, 'PAYLOAD_TOO_LARGE'],
    ['a gzip bomb (40 kB inflating to 40 MB)', () => ({ body: gzipSync(Buffer.from(`{"query":"${' '.repeat(40 * 1024 * 1024)}"}`)), headers: { ...json, 'content-encoding': 'gzip' } }), 413, 'PAYLOAD_TOO_LARGE'],
  ];
  it.each(cases)('%s', async (_what, make, status, code) => {
    const { body, headers } = make();
    const res = await post(running().url, body, headers);
    expect(res.status).toBe(status);
    expect(res.type).toMatch(/application\/json/);
    expect(res.json.errors[0].extensions.code).toBe(code);
    expect(res.text).not.toMatch(leaks);
  });
});

describe('other doors', () => {
  it('an unknown path is a JSON 404', async () => {
    const res = await fetch(`${server.url}/wp-admin/setup.php`);
    expect(res.status).toBe(404);
    expect(((await res.json()) as { errors: Array<{ extensions: { code: string } }> }).errors[0].extensions.code).toBe('NOT_FOUND');
  });

  it('every response carries the standard security headers', async () => {
    const res = await fetch(`${server.url}/healthz`);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('content-security-policy')).toMatch(/default-src 'none'/);
    expect(res.headers.get('strict-transport-security')).toMatch(/max-age=/);
    expect(res.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    expect(res.headers.get('x-powered-by')).toBeNull();
  });

  it('an ordinary request still works after all that', async () => {
    const key = (await createApiKey(db.ds, 'viewer')).key;
    const res = await post(server.url, JSON.stringify({ query: '{ datasets { name } }' }), { 'content-type': 'application/json', authorization: `Bearer ${key}` });
    expect(res.status).toBe(200);
  });
});
