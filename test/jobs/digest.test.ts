import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Scheduler } from '../../jobs';
import { digestMessage } from '../../bot/blocks/digest';
import { Digest, JobRun } from '../../src/entities';
import { fitWithHyperparameters, mediaEffect } from '../../src/mmm';
import type { AppContext } from '../../src/services/appContext';
import { computeDigest, RECOMMENDATION_MAX_CHANGE, type DigestContent } from '../../src/services/digest';
import { createJobSchedule, runJobNow, waitForRun } from '../../src/services/jobs';
import type { WeeklyData } from '../../src/data/weeklyData';
import { createTestDatabase, type TestDatabase } from '../helpers/database';
import { startFakeSlack, type FakeSlack } from '../../testkit/helpers/fakeSlack';
import { PNG_SIGNATURE, uploadedFile } from '../helpers/uploads';
import { loadDemoTruth, loadDemoWeekly, truthHyperparameters } from '../../testkit/mmm/demoData';
import { firstWeeks, heldByDeadWorker, insertDataset, insertProductionModel, testApp, utc } from './jobsHelpers';

/**
 * The demo data set (156 weeks, known truth) with a production model fitted on its first
 * 150 weeks with the true transforms; the last week's KPI is raised by 30%, far beyond the
 * 1.5% noise of the file, so the digest must flag it.
 */
let db: TestDatabase;
let slack: FakeSlack;
let app: AppContext;
let datasetId: string;
let data: WeeklyData;
let digest: DigestContent;
const KPI_BUMP = 1.3;
const MODEL_WEEKS = 150;
const FIRE_TIME = utc('2024-12-30 09:00'); // the Monday after the last week (2024-12-23): ISO week 2025-W01

beforeAll(async () => {
  [db, slack] = await Promise.all([createTestDatabase(), startFakeSlack()]);
  app = testApp(db.ds, slack);
  data = loadDemoWeekly();
  data.kpi[data.kpi.length - 1] *= KPI_BUMP;
  datasetId = await insertDataset(db.ds, 'demo', data);
  await db.ds.query(`UPDATE datasets SET new_weeks_since_training = 6 WHERE id = $1`, [datasetId]);
  const model = fitWithHyperparameters(firstWeeks(data, MODEL_WEEKS), truthHyperparameters(loadDemoTruth().channels), { holdoutWeeks: 13, bootstrapDraws: 40 });
  await insertProductionModel(db.ds, datasetId, model, utc('2024-11-20 10:00'));
  digest = await computeDigest(db.ds, datasetId, { asOf: FIRE_TIME });
});

afterAll(async () => Promise.all([db.drop(), slack.close()]));

describe('digest content', () => {
  const last = 155;

  it("reports last week's KPI against the week before and flags it against the model", () => {
    expect(digest.week).toBe('2024-12-23');
    expect(digest.kpi.actual).toBeCloseTo(data.kpi[last], 6);
    expect(digest.kpi.previous).toBeCloseTo(data.kpi[last - 1], 6);
    expect(digest.kpi.changeVsPrevious).toBeCloseTo(data.kpi[last] / data.kpi[last - 1] - 1, 9);
    expect(digest.kpi.anomaly).toBe('above');
    // Without the bump the week is what the model expects: the original KPI lies in the range.
    const original = data.kpi[last] / KPI_BUMP;
    expect(original).toBeGreaterThan(digest.kpi.expected!.low);
    expect(original).toBeLessThan(digest.kpi.expected!.high);
  });

  it('lists the spend of every channel in the last week', () => {
    expect(digest.spend.map((s) => s.channel)).toEqual(data.channels);
    for (const s of digest.spend) {
      expect(s.lastWeek).toBeCloseTo(data.spend[s.channel][last], 6);
      expect(s.previousWeek).toBeCloseTo(data.spend[s.channel][last - 1], 6);
    }
    expect(digest.spend.reduce((t, s) => t + s.share, 0)).toBeCloseTo(1, 9);
    expect(digest.spend.find((s) => s.channel === 'search')!.displayName).toBe('Search');
  });

  it('gives ROAS of the last 4 and 13 weeks close to the true ones, with intervals', () => {
    const truth = loadDemoTruth();
    const trueHyper = truthHyperparameters(truth.channels);
    for (const r of digest.roas!) {
      const t = truth.channels[r.channel];
      const contribution = Array.from(mediaEffect(trueHyper.channels[r.channel], data.spend[r.channel]), (x) => x * t.beta);
      const trueRoas = (weeks: number) => contribution.slice(-weeks).reduce((s, x) => s + x, 0) / data.spend[r.channel].slice(-weeks).reduce((s, x) => s + x, 0);
      for (const [window, weeks] of [[r.recent!, 4], [r.quarter!, 13]] as const) {
        expect(window.weeks).toBe(weeks);
        expect(window.low).toBeLessThanOrEqual(window.roas);
        expect(window.high).toBeGreaterThanOrEqual(window.roas);
        expect(Math.abs(window.roas / trueRoas(weeks) - 1)).toBeLessThan(0.25);
      }
    }
  });

  it('judges model health on weeks the model had not seen', () => {
    const health = digest.modelHealth!;
    expect(health.recentWeeks).toBe(4);
    expect(health.unseenWeeks).toBe(4);
    expect(health.heldOutWeeks + health.laterWeeks).toBe(health.unseenWeeks);
    expect(health.holdoutMape).toBeGreaterThan(0);
    expect(health.ageDays).toBe(39); // 2024-11-20 10:00 → 2024-12-30 09:00: 39 days and 23 hours
    expect(health.newWeeksSinceTraining).toBe(6);
    expect(health.trainedThrough).toBe(data.dates[MODEL_WEEKS - 1]);
  });

  it('includes the data-quality finding about the raised week', () => {
    expect(digest.quality.some((f) => f.kind === 'kpiOutlier' && f.week === '2024-12-23')).toBe(true);
  });

  it('recommends one move that spends the same budget within ±20% per channel and gains', () => {
    const r = digest.recommendation!;
    expect(r.from).not.toBe(r.to);
    expect(r.weeklyAmount).toBeGreaterThan(0);
    // Today's plan is the model's: mean spend of the last 13 weeks it was fitted on.
    const current = Object.fromEntries(data.channels.map((c) => [c, data.spend[c].slice(MODEL_WEEKS - 13, MODEL_WEEKS).reduce((s, x) => s + x, 0) / 13]));
    const total = (plan: Record<string, number>) => Object.values(plan).reduce((s, x) => s + x, 0);
    expect(total(r.plan)).toBeCloseTo(total(current), 2);
    for (const c of data.channels) expect(Math.abs(r.plan[c] / current[c] - 1)).toBeLessThanOrEqual(RECOMMENDATION_MAX_CHANGE + 1e-6);
    expect(r.plan[r.from]).toBeLessThan(current[r.from]);
    expect(r.plan[r.to]).toBeGreaterThan(current[r.to]);
    // Today's plan is one the optimizer could have chosen, so its best is no worse.
    expect(r.gain).toBeGreaterThanOrEqual(0);
    expect(r.weeks).toBe(13);
    expect(r.gainLow).toBeLessThanOrEqual(r.gainHigh);
  });

  it('words the digest as Block Kit and as plain text', () => {
    const message = digestMessage(digest);
    expect(message.text).toMatch(/^Weekly digest: demo, week of 2024-12-23/);
    expect(message.text).toMatch(/above\* what the model expected/);
    expect(message.text).toContain(`from ${digest.recommendation!.fromName} to ${digest.recommendation!.toName}`);
    expect(message.blocks![0]).toMatchObject({ type: 'header' });
    // One interval level; weeks the model never learned from are told apart from weeks new since training.
    expect(message.text).toContain('(90% of weeks fall in');
    expect(message.text).not.toMatch(/95%|new to the model/);
    const health = digest.modelHealth!;
    expect(message.text).toContain(`${health.newWeeksSinceTraining} new week${health.newWeeksSinceTraining === 1 ? '' : 's'} since`);
    if (health.laterWeeks > 0) expect(message.text).toContain('newer than its data');
    if (health.heldOutWeeks > 0) expect(message.text).toContain('held out of its training');
    for (const block of message.blocks!.slice(1, -1)) expect((block as { text: { text: string } }).text.text.length).toBeLessThanOrEqual(3000);
  });
});

describe('posted once per dataset, channel and ISO week', () => {
  it('posts one digest when two schedules fire together and someone asks again the same week', async () => {
    const weekly = await createJobSchedule(db.ds, { kind: 'digest', cron: '0 9 * * 1', datasetId, slackChannel: 'C0MARKETING' });
    const daily = await createJobSchedule(db.ds, { kind: 'digest', cron: '0 9 * * *', datasetId, slackChannel: 'C0MARKETING' });
    // As if both were created before the fire time (the test clock is in 2024).
    await db.ds.query(`UPDATE job_schedules SET updated_at = '2024-12-01T00:00:00Z'`);
    const clock = () => FIRE_TIME;
    const a = new Scheduler(app, { now: clock, useCron: false, pollIntervalMs: 0, owner: 'a' });
    const b = new Scheduler(testApp(db.ds, slack), { now: clock, useCron: false, pollIntervalMs: 0, owner: 'b' });
    await Promise.all([a.refresh(), b.refresh()]);
    const outcomes = (await Promise.all([a.tick(FIRE_TIME), b.tick(FIRE_TIME)])).flat().filter((o) => o.claimed);
    expect(outcomes).toHaveLength(2); // one run per schedule
    const again = await runJobNow(app, weekly.id, { wait: true, now: utc('2025-01-01 15:00') });

    const posts = slack.callsTo('chat.postMessage');
    expect(posts).toHaveLength(1);
    expect(posts[0].body.channel).toBe('C0MARKETING');
    expect(posts[0].body.blocks).toEqual(expect.arrayContaining([expect.objectContaining({ type: 'header' })]));
    const digests = await db.ds.getRepository(Digest).find({ where: { datasetId } });
    expect(digests.map((d) => [d.isoWeek, d.slackChannel, d.postedAt !== null])).toEqual([['2025-W01', 'C0MARKETING', true]]);
    // The chart goes into the digest's thread, once, as a PNG.
    const completed = slack.callsTo('files.completeUploadExternal');
    expect(completed).toHaveLength(1);
    expect(completed[0].body).toMatchObject({ channel_id: 'C0MARKETING', thread_ts: posts[0].body.ts ?? expect.any(String) });
    const fileId = (completed[0].body.files as Array<{ id: string }>)[0].id;
    expect(uploadedFile(slack.uploads.get(fileId)!).subarray(0, 8)).toEqual(PNG_SIGNATURE);
    const runs = await db.ds.getRepository(JobRun).find({ where: [{ scheduleId: weekly.id }, { scheduleId: daily.id }] });
    expect(runs.map((r) => r.status).sort()).toEqual(['skipped', 'skipped', 'succeeded']);
    expect(again.status).toBe('skipped');
    await Promise.all([a.stop(), b.stop()]);
  });

  it('a retry of a run that stored its digest but died before posting posts that digest, once', async () => {
    const schedule = await createJobSchedule(db.ds, { kind: 'digest', cron: '0 9 * * 1', datasetId, slackChannel: 'C0RETRY' });
    const [{ id: runId }]: Array<{ id: string }> = await db.ds.query(
      `INSERT INTO job_runs (schedule_id, kind, dataset_id, fire_time, status, claimed_by, heartbeat_at, started_at, slack_channel)
       VALUES ($1, 'digest', $2, $3, 'running', 'dead-host:1', now() - interval '10 minutes', now() - interval '10 minutes', 'C0RETRY') RETURNING id`,
      [schedule.id, datasetId, FIRE_TIME],
    );
    const stored = { text: 'the digest written before the crash', blocks: [{ type: 'section', text: { type: 'mrkdwn', text: 'written before the crash' } }] };
    await db.ds.getRepository(Digest).save({ datasetId, slackChannel: 'C0RETRY', isoWeek: '2025-W01', content: stored, jobRunId: runId });
    const before = slack.callsTo('chat.postMessage').length;

    await heldByDeadWorker(db.ds, runId, 1);
    const survivor = new Scheduler(app, { useCron: false, pollIntervalMs: 0, staleAfterMs: 60_000 });
    await survivor.worker!.start();
    const [released] = await survivor.recoverStaleRuns();
    expect(released).toMatchObject({ id: runId, status: 'queued' });
    const retried = await waitForRun(db.ds, runId);
    expect(retried).toMatchObject({ id: runId, status: 'succeeded', attempt: 2 });
    const posts = slack.callsTo('chat.postMessage').slice(before);
    expect(posts.map((p) => [p.body.channel, p.body.text])).toEqual([['C0RETRY', stored.text]]);
    expect((await survivor.recoverStaleRuns()).length).toBe(0);
    await survivor.stop();
  });
});
