import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadDemoWeekly } from '../../testkit/mmm/demoData';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { JobRun, JobSchedule } from '../../src/entities';
import { migrate } from '../../src/db/database';
import { createLogger } from '../../src/logger';
import type { AppContext } from '../../src/services/appContext';
import { createJobWorker } from '../../src/services/jobExecution';
import type { JobKindDefinition } from '../../src/services/jobKinds/types';
import { runJobNow, upcomingFireTimes, waitForRun, withQueuePositions } from '../../src/services/jobs';
import type { QueueWorker } from '../../src/jobs/queue';
import { cronClock, latestFireTime, nextFireTimes } from '../../src/jobs/cronTimes';
import { createTestDatabase, type TestDatabase } from '../helpers/database';
import { startTestServer } from '../helpers/server';
import { graphqlRequest } from '../helpers/http';
import { createApiKey } from '../../src/services/apiKeys';
import { startFakeSlack, type FakeSlack } from '../../testkit/helpers/fakeSlack';
import { freePort, runNode, waitUntil, type Child } from '../../testkit/helpers/processes';
import { insertDataset, runsSettled, steadyWeeks, testApp, utc } from './jobsHelpers';

let db: TestDatabase;
let slack: FakeSlack;
let app: AppContext;
let datasetId: string;
const workers: QueueWorker[] = [];
const children: Child[] = [];

beforeAll(async () => {
  [db, slack] = await Promise.all([createTestDatabase(), startFakeSlack()]);
  app = testApp(db.ds, slack);
  datasetId = await insertDataset(db.ds, 'queue', steadyWeeks(40, 5));
});
afterAll(async () => {
  for (const c of children) if (c.proc.exitCode === null) c.proc.kill('SIGKILL');
  await Promise.all(workers.splice(0).map((w) => w.stop()));
  await Promise.all([db.drop(), slack.close()]);
});
beforeEach(async () => {
  await Promise.all(workers.splice(0).map((w) => w.stop()));
  await runsSettled(db.ds).catch(() => undefined);
  await db.ds.query('DELETE FROM graphile_worker._private_jobs');
  await db.ds.query('DELETE FROM job_runs');
  await db.ds.query('DELETE FROM job_schedules');
});

async function worker(options: Parameters<typeof createJobWorker>[1] = {}): Promise<QueueWorker> {
  const w = createJobWorker(app, { watchIntervalMs: 0, ...options });
  workers.push(w);
  await w.start();
  return w;
}

/** A dataQuality kind that holds each run for `ms`, counting how many run at once. */
function slowKind(ms: number): JobKindDefinition & { running: number; peak: number; runs: number } {
  const kind = {
    running: 0,
    peak: 0,
    runs: 0,
    parseOptions: () => ({}),
    run: async () => {
      kind.running += 1;
      kind.runs += 1;
      kind.peak = Math.max(kind.peak, kind.running);
      await new Promise((r) => setTimeout(r, ms));
      kind.running -= 1;
      return { status: 'succeeded' as const, output: {} };
    },
  };
  return kind;
}

describe('the queue', () => {
  it('never runs more than its concurrency at once per instance, and runs each queued run once', async () => {
    const a = slowKind(300);
    const b = slowKind(300);
    await worker({ concurrency: 2, kinds: { dataQuality: a }, owner: 'instance-a' });
    await worker({ concurrency: 1, kinds: { dataQuality: b }, owner: 'instance-b' });
    const runs = await Promise.all(Array.from({ length: 9 }, () => runJobNow(app, { kind: 'dataQuality', datasetId })));
    const finished = await Promise.all(runs.map((r) => waitForRun(db.ds, r.id)));
    expect(finished.every((r) => r.status === 'succeeded' && r.attempt === 1)).toBe(true);
    expect(a.runs + b.runs).toBe(9);
    expect(a.peak).toBe(2);
    expect(b.peak).toBe(1);
    expect(new Set(finished.map((r) => r.claimedBy))).toEqual(new Set(['instance-a', 'instance-b']));
  });

  it('retries a failed run after the engine’s backoff, and records the attempt that succeeded', async () => {
    const seen: number[] = [];
    const flaky: JobKindDefinition = {
      parseOptions: () => ({}),
      run: async () => {
        seen.push(Date.now());
        if (seen.length === 1) throw new Error('the warehouse did not answer');
        return { status: 'succeeded', output: { after: seen.length } };
      },
    };
    await worker({ kinds: { dataQuality: flaky } });
    const queued = await runJobNow(app, { kind: 'dataQuality', datasetId });
    await waitUntil(async () => (await db.ds.getRepository(JobRun).findOneByOrFail({ id: queued.id })).error !== null, 20_000, 'the first attempt to fail');
    const between = await db.ds.getRepository(JobRun).findOneByOrFail({ id: queued.id });
    expect(between).toMatchObject({ status: 'queued', attempt: 1 });
    expect(between.error).toBe('attempt 1 of 2 failed: the warehouse did not answer; retried');
    const run = await waitForRun(db.ds, queued.id);
    expect(run).toMatchObject({ status: 'succeeded', attempt: 2, output: { after: 2 } });
    // graphile-worker waits exp(1) s before the second attempt.
    expect(seen[1] - seen[0]).toBeGreaterThanOrEqual(2_500);
  });

  it('fails a run that fails on its last attempt, once, and says so in its channel', async () => {
    const broken: JobKindDefinition = { parseOptions: () => ({}), run: () => Promise.reject(new Error('disk full')) };
    await worker({ kinds: { dataQuality: broken } });
    const before = slack.callsTo('chat.postMessage').length;
    const queued = await runJobNow(app, { kind: 'dataQuality', datasetId, slackChannel: 'C0QUEUE' });
    const run = await waitForRun(db.ds, queued.id);
    expect(run).toMatchObject({ status: 'failed', attempt: 2, error: 'disk full' });
    // The failure is recorded, then told: wait for the post, then make sure it came once.
    await waitUntil(async () => slack.callsTo('chat.postMessage').length > before, 10_000, 'the failure to be posted');
    await new Promise((r) => setTimeout(r, 300));
    const posts = slack.callsTo('chat.postMessage').slice(before);
    expect(posts.map((p) => p.body.channel)).toEqual(['C0QUEUE']);
    expect(posts[0].body.text).toMatch(/data-quality check of queue failed .*attempt 2\): disk full/);
  });

  it('says where queued runs stand, in GraphQL jobRuns too', async () => {
    // No worker anywhere: the runs wait in the order they were queued.
    const runs = [];
    for (let i = 0; i < 3; i++) runs.push(await runJobNow(app, { kind: 'dataQuality', datasetId }));
    expect((await withQueuePositions(db.ds, runs)).map((r) => r.queuePosition)).toEqual([1, 2, 3]);

    const server = await startTestServer(db, { worker: 'off' }, { seed: false });
    try {
      const viewer = (await createApiKey(db.ds, 'viewer')).key;
      const res = await graphqlRequest(server.url, '{ jobRuns { id status queuePosition runningOn maxAttempts } }', { key: viewer });
      const listed = (res.body.data as { jobRuns: Array<{ id: string; status: string; queuePosition: number | null; runningOn: string | null; maxAttempts: number }> }).jobRuns;
      const byId = new Map(listed.map((r) => [r.id, r]));
      expect(runs.map((r) => byId.get(r.id))).toEqual(runs.map((r, i) => ({ id: r.id, status: 'QUEUED', queuePosition: i + 1, runningOn: null, maxAttempts: 2 })));
    } finally {
      await server.close();
    }
    // Once a worker takes them, they leave the queue: the last one left is next.
    const gate = slowKind(1_500);
    await worker({ concurrency: 2, kinds: { dataQuality: gate }, owner: 'instance-gate' });
    await waitUntil(async () => (await db.ds.getRepository(JobRun).countBy({ status: 'running' })) === 2, 20_000, 'two runs to start');
    const now = await Promise.all(runs.map((r) => db.ds.getRepository(JobRun).findOneByOrFail({ id: r.id })));
    expect((await withQueuePositions(db.ds, now)).map((r) => [r.run.status, r.queuePosition, r.run.claimedBy])).toEqual([
      ['running', null, 'instance-gate'],
      ['running', null, 'instance-gate'],
      ['queued', 1, null],
    ]);
    await runsSettled(db.ds);
  });
});

describe('MIXWISE_WORKER=only, and an instance killed mid-run', () => {
  function workerOnly(port: number, extra: NodeJS.ProcessEnv = {}): Child {
    const child = runNode('dist/src/server.js', [], {
      DATABASE_URL: db.url,
      PORT: String(port),
      MIXWISE_WORKER: 'only',
      MIXWISE_SCHEDULER: 'off',
      MIXWISE_WORKER_CONCURRENCY: '1',
      LOG_LEVEL: 'info',
      LOG_FORMAT: 'json',
      SLACK_BOT_TOKEN: '',
      SLACK_SIGNING_SECRET: '',
      SLACK_APP_TOKEN: '',
      MIXWISE_DATA_DIR: join(tmpdir(), `mixwise-test-worker-${process.pid}`),
      ...extra,
    });
    children.push(child);
    return child;
  }
  const refused = (port: number) =>
    new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1');
      socket.once('connect', () => (socket.destroy(), resolve(false)));
      socket.once('error', () => resolve(true));
    });

  it('serves no HTTP and still trains; killed with SIGKILL mid-retrain, its run finishes once on another instance', { timeout: 120_000 }, async () => {
    const port = await freePort();
    const child = workerOnly(port, { MIXWISE_JOB_STALE_MS: '1500', MIXWISE_JOB_HEARTBEAT_MS: '300' });
    await waitUntil(async () => child.output().includes('job queue worker started'), 60_000, `the worker-only instance to start\n${child.output()}`);
    expect(await refused(port)).toBe(true);

    // A job it takes (the only worker there is) and finishes.
    const checked = await runJobNow(app, { kind: 'dataQuality', datasetId });
    const done = await waitForRun(db.ds, checked.id);
    expect(done.status).toBe('succeeded');
    expect(done.claimedBy).toContain(`:${child.proc.pid}:`);

    // A retrain it is killed in the middle of (the demo data at the default effort: seconds of fitting).
    const demoId = await insertDataset(db.ds, 'demo-killed', loadDemoWeekly());
    const retrain = await runJobNow(app, { kind: 'retrain', datasetId: demoId });
    await waitUntil(async () => (await db.ds.query(`SELECT 1 FROM model_versions WHERE status = 'training' AND created_by = $1`, [`job:${retrain.id}`])).length > 0, 60_000, 'the retrain to start training');
    child.proc.kill('SIGKILL');
    await child.exited;
    expect((await db.ds.getRepository(JobRun).findOneByOrFail({ id: retrain.id })).status).toBe('running');

    // Another instance notices the silent heartbeat, releases the dead worker's lock and runs the retrain again.
    const survivor = await worker({ owner: 'survivor', staleAfterMs: 1_500, heartbeatMs: 300, watchIntervalMs: 300 });
    const run = await waitForRun(db.ds, retrain.id);
    expect(run).toMatchObject({ status: 'succeeded', attempt: 2, claimedBy: survivor.owner });
    const models: Array<{ status: string }> = await db.ds.query(`SELECT status FROM model_versions WHERE created_by = $1 ORDER BY created_at`, [`job:${retrain.id}`]);
    expect(models.map((m) => m.status)).toEqual(['failed', 'production']);
  });
});

describe('migrating from the hand-written scheduler’s tables', () => {
  it('keeps schedules and runs; a run it left running goes on the queue and finishes', async () => {
    const log = createLogger({ level: 'silent' });
    await db.ds.undoLastMigration({ transaction: 'all' });
    const schedule = await db.ds.getRepository(JobSchedule).save({ kind: 'dataQuality', cron: '0 9 * * 1', timezone: 'Europe/Paris', datasetId, slackChannel: 'C0OLD', options: { recentWeeks: 8 }, enabled: true, createdBy: 'old' });
    const insert = `INSERT INTO job_runs (schedule_id, kind, dataset_id, fire_time, status, claimed_by, heartbeat_at, started_at, finished_at, attempt, output) VALUES ($1, 'dataQuality', $2, $3, $4, 'old-host:1', now(), now(), $5, 1, $6) RETURNING id`;
    const [{ id: doneId }]: Array<{ id: string }> = await db.ds.query(insert, [schedule.id, datasetId, '2030-01-07T08:00:00Z', 'succeeded', new Date(), JSON.stringify({ findings: 1 })]);
    const [{ id: runningId }]: Array<{ id: string }> = await db.ds.query(insert, [schedule.id, datasetId, '2030-01-14T08:00:00Z', 'running', null, null]);

    await migrate(db.ds, log);
    const kept = await db.ds.getRepository(JobSchedule).findOneByOrFail({ id: schedule.id });
    expect(kept).toMatchObject({ cron: '0 9 * * 1', timezone: 'Europe/Paris', slackChannel: 'C0OLD', options: { recentWeeks: 8 }, enabled: true });
    const done = await db.ds.getRepository(JobRun).findOneByOrFail({ id: doneId });
    expect(done).toMatchObject({ status: 'succeeded', attempt: 1, claimedBy: 'old-host:1', output: { findings: 1 } });
    const queued = await db.ds.getRepository(JobRun).findOneByOrFail({ id: runningId });
    expect(queued).toMatchObject({ status: 'queued', attempt: 1, maxAttempts: 2 });
    expect(queued.error).toMatch(/attempt 1 by old-host:1 was running when the job queue was installed; queued again/);

    await worker({ owner: 'after-upgrade' });
    const finished = await waitForRun(db.ds, runningId);
    expect(finished).toMatchObject({ status: 'succeeded', attempt: 2, claimedBy: 'after-upgrade' });
  });
});

describe('fire times from croner', () => {
  it('lists a schedule that fires on 29 February only, years ahead, in its time zone', () => {
    expect(upcomingFireTimes({ cron: '* 9 29 2 *', timezone: 'Europe/Paris' }, 3, utc('2026-12-07 00:00'))).toEqual([utc('2028-02-29 08:00'), utc('2028-02-29 08:01'), utc('2028-02-29 08:02')]);
    const clock = cronClock('* 9 29 2 *', 'UTC');
    expect(latestFireTime(clock, utc('2024-01-01 00:00'), utc('2026-12-07 00:00'))).toEqual(utc('2024-02-29 09:59'));
    clock.dispose();
  });

  it('fires a daily job once on both daylight-saving days', () => {
    // New York: 2030-03-10 02:00 → 03:00 (02:30 does not exist); 2030-11-03 02:00 → 01:00 (01:30 happens twice).
    const spring = cronClock('30 2 * * *', 'America/New_York');
    expect(nextFireTimes(spring, utc('2030-03-09 12:00'), 3)).toEqual([utc('2030-03-10 07:00'), utc('2030-03-11 06:30'), utc('2030-03-12 06:30')]);
    spring.dispose();
    const autumn = cronClock('30 1 * * *', 'America/New_York');
    expect(nextFireTimes(autumn, utc('2030-11-02 12:00'), 3)).toEqual([utc('2030-11-03 05:30'), utc('2030-11-04 06:30'), utc('2030-11-05 06:30')]);
    expect(latestFireTime(autumn, utc('2030-11-03 00:00'), utc('2030-11-03 12:00'))).toEqual(utc('2030-11-03 05:30'));
    autumn.dispose();
  });
});
