import { chmodSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { databaseUrl, startEmbeddedPostgres, type EmbeddedDatabase } from '../../src/db/embeddedPostgres';
import { EmbeddedPostgresError, initialiseCluster, removeRelocatedCluster, serverUser, SHARED_DIR, startServerProcess } from '../../src/db/postgresProcess';
import { createLogger } from '../../src/logger';

const log = createLogger({ level: 'silent' });
const dirs: string[] = [];
const started: EmbeddedDatabase[] = [];
afterAll(async () => {
  for (const db of started.reverse()) await db.stop();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

/** How the server sees this connection: no client address means a Unix socket. */
async function clientAddress(url: string): Promise<string | null> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return ((await client.query('SELECT inet_client_addr() AS address')).rows[0] as { address: string | null }).address;
  } finally {
    await client.end();
  }
}

/** A fresh directory PostgreSQL can reach (as root it runs as the OS user `postgres`). */
function reachableDir(...below: string[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'mixwise-socket-'));
  dirs.push(dir);
  const path = join(dir, ...below);
  mkdirSync(path, { recursive: true });
  for (let at = path; at.length >= dir.length; at = join(at, '..')) chmodSync(at, 0o755);
  return path;
}

async function start(dataDir: string): Promise<EmbeddedDatabase> {
  const db = await startEmbeddedPostgres(dataDir, log);
  if (db.owned) started.push(db);
  return db;
}

describe('embedded PostgreSQL connections', () => {
  it('go through a Unix socket in the cluster directory, for the starting process and for one that attaches', { timeout: 120_000 }, async () => {
    const dataDir = reachableDir('.data');
    const first = await start(dataDir);
    expect(first.owned).toBe(true);
    expect(first.url).toContain(`host=${encodeURIComponent(join(dataDir, 'pg'))}`);
    expect(await clientAddress(first.url)).toBeNull();
    // Another database of the same server keeps the socket.
    expect(await clientAddress(databaseUrl(first.url, 'postgres'))).toBeNull();
    const attached = await start(dataDir);
    expect(attached.owned).toBe(false);
    expect(attached.url).toBe(first.url);
  });

  it('fall back to loopback TCP when the socket path would be too long for a socket address', { timeout: 120_000 }, async () => {
    const first = await start(reachableDir('a-data-directory-with-a-name-long-enough-that-no-unix-socket-fits-in-it', '.data'));
    expect(first.url).not.toContain('host=');
    expect(await clientAddress(first.url)).toBe('127.0.0.1');
  });
});

describe('the embedded superuser password', () => {
  it('is random per cluster, kept 0600 in the data directory, and an old built-in one is replaced on the next start', { timeout: 120_000 }, async () => {
    const { readFileSync, statSync } = await import('node:fs');
    const dataDir = reachableDir('.data');
    const first = await start(dataDir);
    const file = join(dataDir, 'pg-password');
    const password = readFileSync(file, 'utf8').trim();
    expect(password).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(decodeURIComponent(new URL(first.url).password)).toBe(password);
    const wrong = new Client({ connectionString: databaseUrl(first.url, 'postgres').replace(encodeURIComponent(password), 'mixwise-local') });
    await expect(wrong.connect()).rejects.toThrow(/password authentication failed/);

    // A cluster made before: the constant password and no kept file.
    const admin = new Client({ connectionString: databaseUrl(first.url, 'postgres') });
    await admin.connect();
    await admin.query("ALTER USER postgres PASSWORD 'mixwise-local'");
    await admin.end();
    await first.stop();
    started.splice(started.indexOf(first), 1);
    rmSync(file);
    const second = await start(dataDir);
    const rotated = readFileSync(file, 'utf8').trim();
    expect(rotated).not.toBe('mixwise-local');
    expect(rotated).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(await clientAddress(second.url)).toBeNull();
  });
});

describe('the embedded PostgreSQL from a private directory', () => {
  it('starts from a data directory inside a mode-700 directory (as root the cluster moves where the user postgres can reach it) and restarts on the same data', { timeout: 120_000 }, async () => {
    const { lstatSync, readlinkSync, mkdtempSync: tempDir } = await import('node:fs');
    const secret = tempDir(join(tmpdir(), 'mixwise-private-'));
    dirs.push(secret);
    chmodSync(secret, 0o700);
    const dataDir = join(secret, 'checkout', '.data');
    try {
      const first = await start(dataDir);
      const admin = new Client({ connectionString: first.url });
      await admin.connect();
      await admin.query('CREATE TABLE kept (week date)');
      await admin.query("INSERT INTO kept VALUES ('2024-01-01')");
      await admin.end();
      const link = lstatSync(join(dataDir, 'pg'));
      // Only root needs the move: a normal user runs PostgreSQL as themselves, in place.
      expect(link.isSymbolicLink()).toBe(process.getuid?.() === 0);
      if (link.isSymbolicLink()) expect(readlinkSync(join(dataDir, 'pg')).startsWith(`${SHARED_DIR}/clusters/`)).toBe(true);
      await first.stop();
      started.splice(started.indexOf(first), 1);

      const second = await start(dataDir);
      const client = new Client({ connectionString: second.url });
      await client.connect();
      expect((await client.query('SELECT count(*)::int AS n FROM kept')).rows[0]).toEqual({ n: 1 });
      await client.end();
      await second.stop();
      started.splice(started.indexOf(second), 1);
    } finally {
      removeRelocatedCluster(dataDir);
    }
  });

  it('says in one paragraph what to do when PostgreSQL cannot start, without a stack trace', { timeout: 120_000 }, async () => {
    const { writeFileSync } = await import('node:fs');
    const dataDir = reachableDir('.data');
    const first = await start(dataDir);
    await first.stop();
    started.splice(started.indexOf(first), 1);
    // A broken setting makes the postmaster stop while starting.
    writeFileSync(join(dataDir, 'pg', 'postgresql.auto.conf'), 'shared_buffers = nonsense\n');
    const failure = await startEmbeddedPostgres(dataDir, log).then(
      () => null,
      (err: unknown) => err as Error,
    );
    expect(failure?.name).toBe('EmbeddedPostgresError');
    expect(failure?.message).toMatch(/stopped while starting .*shared_buffers.*remove the data directory.*DATABASE_URL/s);
    expect(failure?.message).not.toMatch(/\n\s+at /);
  });

  it('names a PostgreSQL binary that cannot be run, and what to do, as one paragraph', async () => {
    const { copyFileSync } = await import('node:fs');
    const dataDir = reachableDir('.data');
    // A real program behind a directory nobody may enter (as root, PostgreSQL's user `postgres` cannot either): spawn fails with EACCES.
    const closed = join(dataDir, '..', 'closed');
    mkdirSync(closed);
    copyFileSync('/bin/true', join(closed, 'postgres'));
    chmodSync(closed, 0o600);
    const notRunnable = { initdb: join(dataDir, '..', 'initdb-missing'), postgres: join(closed, 'postgres'), version: 'test' };
    const missing = await initialiseCluster(notRunnable, join(dataDir, 'pg'), 'postgres', 'secret', serverUser()).then(
      () => null,
      (err: unknown) => err as Error,
    );
    expect(missing).toBeInstanceOf(EmbeddedPostgresError);
    expect(missing?.message).toMatch(/initdb-missing is missing\. Run `npm ci` again\. Or set DATABASE_URL/);
    const denied = await startServerProcess(notRunnable, join(dataDir, 'pg'), 5999, [], serverUser()).then(
      () => null,
      (err: unknown) => err as Error,
    );
    expect(denied).toBeInstanceOf(EmbeddedPostgresError);
    expect(denied?.message).toContain(`may not run ${join(closed, 'postgres')} (permission denied). Run \`npm ci\` again`);
    chmodSync(closed, 0o700);
  });
});

