import { Writable } from 'node:stream';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queueConnections } from '../../src/db/queueSchema';
import { createTestDatabase, type TestDatabase } from '../helpers/database';

/**
 * The job queue's own connections: one the database closes while it sits idle in the pool (a
 * restart, an administrator, a dropped test database) is a warning in the log, never an uncaught
 * exception, and the pool goes on with a fresh connection.
 */
let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  await db?.drop();
});

describe('queueConnections', () => {
  it('logs a connection the database terminated and keeps answering', async () => {
    const lines: Array<{ msg: string; component?: string; level: number }> = [];
    const sink = new Writable({ write: (chunk: Buffer, _enc, done) => (lines.push(JSON.parse(chunk.toString())), done()) });
    const pool = queueConnections(db.url, 2, pino({ level: 'warn' }, sink));
    const uncaught: unknown[] = [];
    const onUncaught = (err: unknown) => uncaught.push(err);
    process.on('uncaughtException', onUncaught);
    try {
      const [{ pid }] = (await pool.query('SELECT pg_backend_pid() AS pid')).rows as Array<{ pid: number }>;
      expect(pool.idleCount).toBe(1);
      await db.ds.query('SELECT pg_terminate_backend($1)', [pid]);
      await expect.poll(() => lines.length, { timeout: 5000 }).toBeGreaterThan(0);
      expect(lines[0]).toMatchObject({ component: 'job-queue', msg: 'a job queue connection was closed by the database', level: 40 });
      const [{ answer }] = (await pool.query('SELECT 41 + 1 AS answer')).rows as Array<{ answer: number }>;
      expect(answer).toBe(42);
      expect(uncaught).toEqual([]);
    } finally {
      process.off('uncaughtException', onUncaught);
      await pool.end();
    }
  });

  it('without the listener the same termination is an unhandled error event (what the listener is for)', async () => {
    const { Pool } = await import('pg');
    const bare = new Pool({ connectionString: db.url, max: 1 });
    const [{ pid }] = (await bare.query('SELECT pg_backend_pid() AS pid')).rows as Array<{ pid: number }>;
    // An EventEmitter with no 'error' listener throws from emit: catch it here by listening once.
    const emitted = new Promise<Error>((resolve) => bare.once('error', resolve));
    await db.ds.query('SELECT pg_terminate_backend($1)', [pid]);
    expect((await emitted).message).toMatch(/terminating connection/);
    await bare.end();
  });
});
