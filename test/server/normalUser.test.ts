import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, chownSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PROJECT_DIR } from '../../testkit/helpers/processes';

/**
 * The embedded PostgreSQL must work for a normal user as well as for root (root runs it as
 * the OS user `postgres`). Run as root, this test becomes a normal user to check; run as a
 * normal user, it checks as itself.
 */
const NORMAL_USER = 'mixwise_test';
const isRoot = process.getuid?.() === 0;
const dir = mkdtempSync(join(tmpdir(), 'mixwise-user-'));

afterAll(() => rmSync(dir, { recursive: true, force: true }));

function asNormalUser(command: string[], env: Record<string, string>): { status: number | null; stdout: string; stderr: string } {
  if (!isRoot) {
    const r = spawnSync(command[0], command.slice(1), { env: { ...process.env, ...env }, encoding: 'utf8' });
    return { status: r.status, stdout: r.stdout, stderr: r.stderr };
  }
  if (spawnSync('id', ['-u', NORMAL_USER]).status !== 0) execFileSync('useradd', ['--no-create-home', NORMAL_USER]);
  chownSync(dir, Number(execFileSync('id', ['-u', NORMAL_USER]).toString()), Number(execFileSync('id', ['-g', NORMAL_USER]).toString()));
  chmodSync(dir, 0o755);
  const assignments = Object.entries(env).map(([k, v]) => `${k}=${v}`);
  const r = spawnSync('su', [NORMAL_USER, '-s', '/bin/sh', '-c', `cd ${dir} && env ${assignments.join(' ')} ${command.map((c) => `'${c}'`).join(' ')}`], { encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('embedded PostgreSQL as a normal user', () => {
  it('initialises, migrates and serves a command, then stops', { timeout: 120_000 }, () => {
    const dataDir = join(dir, '.data');
    const run = asNormalUser([process.execPath, join(PROJECT_DIR, 'dist', 'src', 'cli.js'), 'key', 'create', '--role', 'viewer', '--json'], {
      MIXWISE_DATA_DIR: dataDir,
      DATABASE_URL: '',
      PATH: process.env.PATH ?? '/usr/bin:/bin',
    });
    expect(run.status, run.stderr).toBe(0);
    expect((JSON.parse(run.stdout) as { role: string }).role).toBe('viewer');
    // The command stopped the server it started.
    const running = spawnSync('pgrep', ['-f', `postgres -D ${join(dataDir, 'pg')}`]);
    expect(running.status).not.toBe(0);
  });
});
