import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { DataSource } from 'typeorm';
import { createDataSource } from '../../ormconfig';
import { Scheduler, type SchedulerOptions } from '../../jobs';
import { JobRun, JobSchedule } from '../../src/entities';
import type { AppContext } from '../../src/services/appContext';
import { createJobSchedule, disableJobSchedule, jobRuns, updateJobSchedule } from '../../src/services/jobs';
import { createTestDatabase, type TestDatabase } from '../helpers/database';
import { startFakeSlack, type FakeSlack } from '../../testkit/helpers/fakeSlack';
import { heldByDeadWorker, insertDataset, runsSettled, steadyWeeks, testApp, utc } from './jobsHelpers';
import { waitForRun } from '../../src/services/jobs';

let db: TestDatabase;
let otherProcessDs: DataSource;
let slack: FakeSlack;
let app: AppContext;
let otherApp: AppContext;
let datasetId: string;
const schedulers: Scheduler[] = [];

beforeAll(async () => {
  [db, slack] = await Promise.all([createTestDatabase(), startFakeSlack()]);
  // A second pool on the same database stands in for a second server process.
  otherProcessDs = createDataSource(db.url, { poolSize: 5 });
  await otherProcessDs.initialize();
  app = testApp(db.ds, slack);
  otherApp = testApp(otherProcessDs, slack);
  datasetId = await insertDataset(db.ds, 'weekly', steadyWeeks(40, 5));
});

afterAll(async () => {
  await Promise.all(schedulers.map((s) => s.stop()));
  await otherProcessDs.destroy();
  await Promise.all([db.drop(), slack.close()]);
});

beforeEach(async () => {
  await Promise.all(schedulers.splice(0).map((s) => s.stop()));
  await db.ds.query('DELETE FROM job_schedules');
  await db.ds.query('DELETE FROM job_runs');
  slack.calls.length = 0;
});

/** A scheduler driven only by the test: no cron timers, no polling, a clock the test sets; its queue worker runs. */
async function scheduler(on: AppContext, clock: { now: Date }, options: SchedulerOptions = {}): Promise<Scheduler> {
  const s = new Scheduler(on, { now: () => clock.now, useCron: false, pollIntervalMs: 0, ...options });
  schedulers.push(s);
  await s.worker?.start();
  return s;
}

async function dataQualitySchedule(cron: string, timezone = 'UTC'): Promise<JobSchedule> {
  return createJobSchedule(db.ds, { kind: 'dataQuality', cron, timezone, datasetId, slackChannel: 'C0DATA' });
}

const runsOf = (scheduleId: string) => db.ds.getRepository(JobRun).find({ where: { scheduleId }, order: { fireTime: 'ASC' } });

describe('exactly once across processes', () => {
  it('two schedulers ticking at the same instants run each fire time once', async () => {
    const schedule = await dataQualitySchedule('0 9 * * 1'); // Mondays 09:00 UTC
    const clock = { now: utc('2030-01-07 08:00') };
    const a = await scheduler(app, clock, { owner: 'process-a' });
    const b = await scheduler(otherApp, clock, { owner: 'process-b' });
    await Promise.all([a.refresh(), b.refresh()]);

    const mondays = ['2030-01-07 09:00', '2030-01-14 09:00', '2030-01-21 09:00'];
    const outcomes = [];
    for (const monday of mondays) {
      // Both see the fire time, a second apart and at once; and a Tuesday tick finds nothing due.
      outcomes.push(...(await Promise.all([a.tick(utc(monday)), b.tick(utc(monday))])).flat());
      outcomes.push(...(await a.tick(new Date(utc(monday).getTime() + 1000))), ...(await b.tick(new Date(utc(monday).getTime() + 86_400_000))));
    }

    const claimed = outcomes.filter((o) => o.claimed);
    // Queued once each; whichever worker is free runs them.
    await a.finished(claimed);
    expect(claimed.map((o) => o.fireTime.toISOString()).sort()).toEqual(mondays.map((m) => utc(m).toISOString()));
    const runs = await runsOf(schedule.id);
    expect(runs.map((r) => [r.fireTime.toISOString(), r.status, r.attempt])).toEqual(mondays.map((m) => [utc(m).toISOString(), 'succeeded', 1]));
    expect(new Set(runs.map((r) => r.claimedBy))).toSatisfy((owners: Set<string>) => [...owners].every((o) => o === 'process-a' || o === 'process-b'));
    // Each run posted its findings once: radio stopped spending five weeks ago.
    const posts = slack.callsTo('chat.postMessage');
    expect(posts).toHaveLength(3);
    expect(posts.every((p) => p.body.channel === 'C0DATA' && String(p.body.text).includes('radio'))).toBe(true);
  });

  it('many rounds of racing never produce a second run for a fire time', async () => {
    const schedule = await dataQualitySchedule('*/5 * * * *');
    const clock = { now: utc('2030-03-01 00:00') };
    const a = await scheduler(app, clock, { owner: 'process-a' });
    const b = await scheduler(otherApp, clock, { owner: 'process-b' });
    await Promise.all([a.refresh(), b.refresh()]);
    for (let minute = 0; minute < 60; minute += 5) {
      const at = new Date(utc('2030-03-01 00:00').getTime() + minute * 60_000);
      await Promise.all([a.tick(at), b.tick(at), a.tick(at), b.tick(at)]);
    }
    await runsSettled(db.ds);
    const runs = await runsOf(schedule.id);
    expect(runs).toHaveLength(12);
    expect(new Set(runs.map((r) => r.fireTime.getTime())).size).toBe(12);
  });
});

describe('runs whose process died', () => {
  async function deadRun(scheduleId: string, attempt: number, heartbeatAgoSeconds: number): Promise<string> {
    const rows: Array<{ id: string }> = await db.ds.query(
      `INSERT INTO job_runs (schedule_id, kind, dataset_id, fire_time, status, claimed_by, heartbeat_at, started_at, attempt, slack_channel)
       VALUES ($1, 'dataQuality', $2, '2030-01-07T09:00:00Z', 'running', 'dead-host:1', now() - make_interval(secs => $3), now() - interval '1 hour', $4, 'C0DATA') RETURNING id`,
      [scheduleId, datasetId, heartbeatAgoSeconds, attempt],
    );
    await heldByDeadWorker(db.ds, rows[0].id, attempt);
    return rows[0].id;
  }

  it('retries a run with an old heartbeat once, in one process only', async () => {
    const schedule = await dataQualitySchedule('0 9 * * 1');
    const id = await deadRun(schedule.id, 1, 600);
    const clock = { now: utc('2030-01-07 09:30') };
    const a = await scheduler(app, clock, { owner: 'process-a', staleAfterMs: 60_000 });
    const b = await scheduler(otherApp, clock, { owner: 'process-b', staleAfterMs: 60_000 });
    const [fromA, fromB] = await Promise.all([a.recoverStaleRuns(), b.recoverStaleRuns()]);
    expect([...fromA, ...fromB].map((r) => r.id)).toEqual([id]);
    // Released on the queue, it is run by whichever worker is free.
    const run = await waitForRun(db.ds, id);
    expect(run).toMatchObject({ status: 'succeeded', attempt: 2 });
    expect(['process-a', 'process-b']).toContain(run.claimedBy);
  });

  it('marks a run failed when it died on its last attempt, and says so in its channel', async () => {
    const schedule = await dataQualitySchedule('0 9 * * 1');
    const id = await deadRun(schedule.id, 2, 600);
    const a = await scheduler(app, { now: utc('2030-01-07 09:30') }, { staleAfterMs: 60_000 });
    await a.recoverStaleRuns();
    const run = await db.ds.getRepository(JobRun).findOneByOrFail({ id });
    expect(run.status).toBe('failed');
    expect(run.error).toMatch(/attempt 2 of 2 by dead-host:1 stopped .*no attempts left/);
    const [post] = await slack.waitFor('chat.postMessage');
    expect(post.body.channel).toBe('C0DATA');
    expect(post.body.text).toMatch(/data-quality check of weekly failed.*no attempts left/);
  });

  it('leaves a run alone while its heartbeat is fresh', async () => {
    const schedule = await dataQualitySchedule('0 9 * * 1');
    const id = await deadRun(schedule.id, 1, 5);
    const a = await scheduler(app, { now: utc('2030-01-07 09:30') }, { staleAfterMs: 60_000 });
    expect(await a.recoverStaleRuns()).toEqual([]);
    expect((await db.ds.getRepository(JobRun).findOneByOrFail({ id })).status).toBe('running');
  });

  it('a slow job keeps its claim by heartbeating while another process looks for dead runs', async () => {
    const schedule = await dataQualitySchedule('0 9 * * 1');
    const clock = { now: utc('2030-01-07 09:00') };
    const slowKind = {
      parseOptions: () => ({}),
      run: async () => {
        await new Promise((r) => setTimeout(r, 1_500));
        return { status: 'succeeded' as const, output: { slept: true } };
      },
    };
    const timings = { heartbeatMs: 100, staleAfterMs: 400 };
    const a = await scheduler(app, clock, { ...timings, kinds: { dataQuality: slowKind } });
    // The watcher takes no jobs itself: the slow job is a's to run.
    const watcher = await scheduler(otherApp, clock, { ...timings, worker: false });
    await a.refresh();
    const running = a.tick().then((outcomes) => a.finished(outcomes));
    const takenOver: JobRun[] = [];
    for (let i = 0; i < 6; i++) {
      await new Promise((r) => setTimeout(r, 200));
      takenOver.push(...(await watcher.recoverStaleRuns()));
    }
    await running;
    expect(takenOver).toEqual([]);
    expect((await runsOf(schedule.id)).map((r) => [r.status, r.attempt])).toEqual([['succeeded', 1]]);
  });
});

describe('catching up after downtime', () => {
  it('runs the latest missed fire time once on start, not once per missed tick', async () => {
    const schedule = await dataQualitySchedule('0 9 * * *'); // daily 09:00
    // Down from before 2030-01-06 09:00 until 2030-01-08 15:00: three fire times missed.
    const clock = { now: utc('2030-01-08 15:00') };
    const first = await scheduler(app, clock, { catchUpWindowMs: 3 * 86_400_000 });
    await first.start();
    await first.idle();
    await runsSettled(db.ds);
    const runs = await runsOf(schedule.id);
    expect(runs.map((r) => [r.fireTime.toISOString(), r.trigger, r.status])).toEqual([[utc('2030-01-08 09:00').toISOString(), 'catchUp', 'succeeded']]);

    // Another process starting later in the day finds the catch-up already done.
    const second = await scheduler(otherApp, { now: utc('2030-01-08 16:00') }, { catchUpWindowMs: 3 * 86_400_000 });
    await second.start();
    await second.idle();
    await runsSettled(db.ds);
    expect(await runsOf(schedule.id)).toHaveLength(1);
  });

  it('does not catch up a fire time older than the window', async () => {
    const schedule = await dataQualitySchedule('0 9 * * 1');
    const s = await scheduler(app, { now: utc('2030-01-08 15:00') }, { catchUpWindowMs: 6 * 3_600_000 }); // Monday 09:00 was 30 h ago
    await s.start();
    await s.idle();
    expect(await runsOf(schedule.id)).toEqual([]);
  });

  it('does not make up for fire times from before the schedule was created or changed', async () => {
    const schedule = await dataQualitySchedule('0 9 * * 1');
    await db.ds.query(`UPDATE job_schedules SET updated_at = '2030-01-07T09:30:00Z' WHERE id = $1`, [schedule.id]);
    const s = await scheduler(app, { now: utc('2030-01-07 10:00') });
    await s.start();
    await s.idle();
    expect(await runsOf(schedule.id)).toEqual([]);
    expect((await s.tick(utc('2030-01-14 09:00'))).map((o) => o.claimed)).toEqual([true]);
  });

  it('reads cron expressions in the schedule time zone', async () => {
    const schedule = await dataQualitySchedule('0 9 * * 1', 'America/New_York');
    const s = await scheduler(app, { now: utc('2030-01-07 13:00') });
    await s.refresh();
    expect(await s.tick(utc('2030-01-07 13:59'))).toEqual([]); // 08:59 in New York (UTC-5 in January)
    const [outcome] = await s.tick(utc('2030-01-07 14:00'));
    expect(outcome.fireTime).toEqual(utc('2030-01-07 14:00'));
    expect(await runsOf(schedule.id)).toHaveLength(1);
  });
});

describe('schedule changes without a restart', () => {
  it('picks up created, changed and disabled schedules on refresh', async () => {
    const s = await scheduler(app, { now: utc('2030-01-07 08:00') });
    await s.start();
    expect(s.schedules()).toEqual([]);

    const schedule = await dataQualitySchedule('0 9 * * 1');
    await s.refresh();
    expect((await s.tick(utc('2030-01-07 09:00'))).map((o) => o.claimed)).toEqual([true]);

    await updateJobSchedule(db.ds, schedule.id, { cron: '30 10 * * 1' });
    // As if changed at noon on the test's clock (the database stamps its own time).
    await db.ds.query(`UPDATE job_schedules SET updated_at = '2030-01-07T12:00:00Z' WHERE id = $1`, [schedule.id]);
    await s.refresh();
    expect(await s.tick(utc('2030-01-14 09:00'))).toEqual([]);
    expect((await s.tick(utc('2030-01-14 10:30'))).map((o) => o.fireTime)).toEqual([utc('2030-01-14 10:30')]);

    await disableJobSchedule(db.ds, schedule.id);
    await s.refresh();
    expect(s.schedules()).toEqual([]);
    expect(await s.tick(utc('2030-01-21 10:30'))).toEqual([]);
    expect((await jobRuns(db.ds, schedule.id)).map((r) => r.fireTime)).toEqual([utc('2030-01-14 10:30'), utc('2030-01-07 09:00')]);
  });

  it('polls the table by itself and fires what became due', async () => {
    const s = await scheduler(app, { now: utc('2030-01-07 09:00') }, { pollIntervalMs: 100 });
    await s.start();
    const schedule = await dataQualitySchedule('0 9 * * 1');
    await expect.poll(async () => (await runsOf(schedule.id)).map((r) => r.status), { timeout: 5_000 }).toEqual(['succeeded']);
    expect(s.schedules().map((x) => x.id)).toEqual([schedule.id]);
  });
});
