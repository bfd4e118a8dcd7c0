import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { graphqlRequest } from '../helpers/http';
import { freePort, runMmm, runNode, waitUntil, type Child } from '../../testkit/helpers/processes';

/**
 * `npm start` as a user runs it (scripts/start.js: the server `npm ci` built, not compiled
 * again), no DATABASE_URL, so the embedded PostgreSQL under the data directory. First start,
 * a second start after SIGKILL, Ctrl-C, SIGTERM.
 */
const dataDir = mkdtempSync(join(tmpdir(), 'mixwise-start-'));
const children: Child[] = [];

afterAll(async () => {
  for (const c of children) if (c.proc.exitCode === null) c.proc.kill('SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
});

async function start(port: number): Promise<{ child: Child; readyMs: number }> {
  const env = { MIXWISE_DATA_DIR: dataDir, PORT: String(port), DATABASE_URL: '', LOG_FORMAT: 'json', MIXWISE_SCHEDULER: 'off', SLACK_BOT_TOKEN: '', SLACK_SIGNING_SECRET: '' };
  const child = runNode('scripts/start.js', [], env);
  children.push(child);
  const readyMs = await waitUntil(async () => (await fetch(`http://127.0.0.1:${port}/healthz`)).ok, 90_000, `server on ${port}\n${child.output()}`);
  return { child, readyMs };
}

const datasetsQuery = '{ datasets { name weeks productionModel { id } } }';

describe('npm start with the embedded PostgreSQL', () => {
  it('first start seeds and writes one admin key to a 0600 file; kill -9 and a restart lose nothing; Ctrl-C stops PostgreSQL', { timeout: 240_000 }, async () => {
    const port = await freePort();
    const first = await start(port);
    expect(first.readyMs).toBeLessThan(90_000);
    // Built by the test command (as by npm ci) and unchanged since: the start does not compile.
    expect(first.child.output()).not.toMatch(/building first/);
    // Not a terminal: the key goes to a file only its owner reads, never into the log stream.
    expect(first.child.output()).not.toMatch(/mxw_/);
    expect(first.child.output()).toContain(join(dataDir, 'first-admin-key'));
    const keyFile = join(dataDir, 'first-admin-key');
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    const keys = readFileSync(keyFile, 'utf8').match(/mxw_[A-Za-z0-9_-]{20,}/g) ?? [];
    expect(keys).toHaveLength(1);
    const adminKey = keys[0];
    const before = await graphqlRequest(`http://127.0.0.1:${port}`, datasetsQuery, { key: adminKey });
    expect(before.body.errors).toBeUndefined();
    const datasets = before.body.data?.datasets as Array<{ name: string; weeks: number; productionModel: { id: string } }>;
    expect(datasets.map((d) => d.name)).toEqual(['demo']);

    // Another process on the same data directory attaches to the running server.
    const made = await runMmm(['key', 'create', '--role', 'viewer', '--json'], { MIXWISE_DATA_DIR: dataDir, DATABASE_URL: '' });
    expect(made.code, made.stderr).toBe(0);
    const viewerKey = (JSON.parse(made.stdout) as { key: string; role: string }).key;

    first.child.proc.kill('SIGKILL');
    await first.child.exited;

    const second = await start(port);
    expect(second.readyMs).toBeLessThan(15_000);
    expect(second.child.output()).not.toMatch(/mxw_/);
    const after = await graphqlRequest(`http://127.0.0.1:${port}`, datasetsQuery, { key: viewerKey });
    expect(after.body.errors).toBeUndefined();
    expect(after.body.data?.datasets).toEqual(datasets);

    const pidFile = join(dataDir, 'pg', 'postmaster.pid');
    const postmasterPid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
    second.child.proc.kill('SIGINT');
    expect(await second.child.exited).toBe(0);
    await waitUntil(async () => !existsSync(`/proc/${postmasterPid}`), 10_000, 'PostgreSQL to stop');
    expect(existsSync(pidFile)).toBe(false);

    // With the CPU pool's threads at work (an optimization runs on them), SIGTERM still ends the process.
    const third = await start(port);
    const optimized = await graphqlRequest(`http://127.0.0.1:${port}`, 'mutation { optimizeBudget(input: { weeks: 13 }) { id } }', { key: adminKey });
    expect(optimized.body.errors).toBeUndefined();
    third.child.proc.kill('SIGTERM');
    expect(await third.child.exited).toBe(0);
  });
});
