import cron from 'node-cron';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cronClock, cronProblems, isoWeekOf, latestFireTime, nextFireTimes } from '../../src/jobs/cronTimes';
import { UserFacingError } from '../../src/services/errors';
import { createJobSchedule, jobRuns, listJobSchedules, updateJobSchedule, upcomingFireTimes } from '../../src/services/jobs';
import { createTestDatabase, type TestDatabase } from '../helpers/database';
import { insertDataset, steadyWeeks, utc } from './jobsHelpers';

describe('fire times', () => {
  /** Every matching minute in [from, to), by asking node-cron about each one: the truth. */
  function bruteForce(expression: string, timezone: string, from: Date, to: Date): number[] {
    const task = cron.createTask(expression, () => undefined, { timezone });
    const found: number[] = [];
    for (let t = from.getTime(); t < to.getTime(); t += 60_000) if (task.match(new Date(t))) found.push(t);
    void task.destroy();
    return found;
  }

  it.each([
    ['30 9 * * *', 'Asia/Kolkata'], // half-hour offset
    ['15 2 * * *', 'Australia/Lord_Howe'], // half-hour daylight saving shift (2030-04-07)
    ['0,30 1-3 * * *', 'Europe/Paris'], // spring forward 2030-03-31: 02:00–02:59 does not exist
    ['*/20 * * * 1-5', 'America/New_York'],
  ])('finds the same minutes as node-cron does for %s in %s', (expression, timezone) => {
    const from = utc('2030-03-28 00:00');
    const to = utc('2030-04-09 00:00');
    const truth = bruteForce(expression, timezone, from, to);
    const clock = cronClock(expression, timezone);
    expect(nextFireTimes(clock, new Date(from.getTime() - 60_000), truth.length + 1).map((d) => d.getTime()).filter((t) => t < to.getTime())).toEqual(truth);
    expect(latestFireTime(clock, from, new Date(to.getTime() - 60_000))?.getTime()).toBe(truth.at(-1));
    clock.dispose();
  });

  it('finds nothing between fire times and nothing at or before the lower bound', () => {
    const clock = cronClock('0 9 * * 1', 'UTC');
    expect(latestFireTime(clock, utc('2030-01-07 09:00'), utc('2030-01-13 23:59'))).toBeNull();
    expect(latestFireTime(clock, utc('2030-01-07 08:59'), utc('2030-01-07 09:00'))).toEqual(utc('2030-01-07 09:00'));
    clock.dispose();
  });

  it.each([
    ['2024-12-30T09:00:00Z', 'UTC', '2025-W01'],
    ['2021-01-03T12:00:00Z', 'UTC', '2020-W53'],
    ['2026-01-01T00:00:00Z', 'UTC', '2026-W01'],
    ['2030-01-07T02:00:00Z', 'America/Los_Angeles', '2030-W01'], // still Sunday 6 January there
  ])('puts %s in %s into ISO week %s', (instant, timezone, week) => {
    expect(isoWeekOf(new Date(instant), timezone)).toBe(week);
  });

  it('explains what is wrong with a cron expression or time zone', () => {
    expect(cronProblems('0 9 * * 1', 'Europe/Paris')).toEqual([]);
    expect(cronProblems('0 0 9 * * 1', 'UTC')).toEqual([{ path: 'cron', message: expect.stringMatching(/has 6 fields: a schedule needs five \(minute hour day-of-month month day-of-week\)/) }]);
    expect(cronProblems('61 9 * * 1', 'UTC')).toEqual([{ path: 'cron', message: '"61 9 * * 1": minute 61 is not a valid expression for minute' }]);
    expect(cronProblems('0 9 * * 1', 'Mars/Olympus')).toEqual([{ path: 'timezone', message: expect.stringMatching(/"Mars\/Olympus" is not a time zone/) }]);
  });
});

describe('schedule service', () => {
  let db: TestDatabase;
  let datasetId: string;
  beforeAll(async () => {
    db = await createTestDatabase();
    datasetId = await insertDataset(db.ds, 'shop', steadyWeeks(20));
  });
  afterAll(async () => db.drop());

  async function rejection(work: Promise<unknown>): Promise<UserFacingError> {
    const err = await work.then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(UserFacingError);
    return err as UserFacingError;
  }

  it('creates, changes and lists schedules, trimming what people type', async () => {
    const s = await createJobSchedule(db.ds, { kind: 'digest', cron: ' 0  9 * * 1 ', timezone: 'Europe/Paris', datasetId, slackChannel: ' #marketing ' });
    expect(s).toMatchObject({ kind: 'digest', cron: '0 9 * * 1', timezone: 'Europe/Paris', slackChannel: '#marketing', enabled: true, options: {} });
    expect(upcomingFireTimes(s, 2, utc('2030-01-01 00:00'))).toEqual([utc('2030-01-07 08:00'), utc('2030-01-14 08:00')]); // 09:00 in Paris (UTC+1)
    const changed = await updateJobSchedule(db.ds, s.id, { cron: '0 10 * * 2' });
    expect(changed).toMatchObject({ cron: '0 10 * * 2', timezone: 'Europe/Paris', slackChannel: '#marketing' });
    expect(changed.updatedAt.getTime()).toBeGreaterThanOrEqual(s.updatedAt.getTime());
    expect((await listJobSchedules(db.ds, { datasetId })).map((x) => x.id)).toContain(s.id);
    expect(await jobRuns(db.ds, s.id)).toEqual([]);
  });

  it('reports every problem of a schedule at once, each with its field', async () => {
    const err = await rejection(
      createJobSchedule(db.ds, { kind: 'digest', cron: '0 25 * * 1', timezone: 'Moon/Base', datasetId: '00000000-0000-0000-0000-000000000000', slackChannel: null }),
    );
    expect(err.code).toBe('BAD_USER_INPUT');
    expect(err.problems.map((p) => p.path)).toEqual(['cron', 'timezone', 'datasetId', 'slackChannel']);
    expect(err.message).toMatch(/hour 25 is not a valid expression for hour.*"Moon\/Base" is not a time zone.*No dataset 0{8}-.*a digest needs a Slack channel/);
  });

  it('checks options by job kind', async () => {
    const unknown = await rejection(createJobSchedule(db.ds, { kind: 'retrain', cron: '0 6 * * 1', datasetId, options: { minWeeks: 2 } }));
    expect(unknown.problems).toEqual([{ path: 'options.minWeeks', message: expect.stringMatching(/Unknown option for a retrain job: minWeeks \(known: minNewWeeks/) }]);
    const bad = await rejection(createJobSchedule(db.ds, { kind: 'dataQuality', cron: '0 6 * * 1', datasetId, options: { recentWeeks: 0 } }));
    expect(bad.problems).toEqual([{ path: 'options.recentWeeks', message: 'Option recentWeeks must be a whole number from 1 to 520, got 0' }]);
    const kind = await rejection(createJobSchedule(db.ds, { kind: 'backup' as never, cron: '0 6 * * 1', datasetId }));
    expect(kind.problems[0]).toEqual({ path: 'kind', message: '"backup" is not a job kind: use one of digest, retrain, dataQuality' });
  });

  it('says which schedule it could not find', async () => {
    const err = await rejection(updateJobSchedule(db.ds, '11111111-1111-1111-1111-111111111111', { enabled: false }));
    expect(err).toMatchObject({ code: 'NOT_FOUND', message: 'No job schedule 11111111-1111-1111-1111-111111111111' });
  });
});
