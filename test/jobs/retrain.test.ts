import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { Scheduler } from '../../jobs';
import { promotionDecision, retrainOptions } from '../../src/services/jobKinds/retrain';
import { JobRun, ModelVersion } from '../../src/entities';
import { fitWithHyperparameters } from '../../src/mmm';
import type { AppContext } from '../../src/services/appContext';
import { createJobSchedule, runJobNow, waitForRun } from '../../src/services/jobs';
import type { WeeklyData } from '../../src/data/weeklyData';
import { createTestDatabase, type TestDatabase } from '../helpers/database';
import { startFakeSlack, type FakeSlack } from '../../testkit/helpers/fakeSlack';
import { PROJECT_DIR, waitUntil } from '../../testkit/helpers/processes';
import { loadDemoTruth, loadDemoWeekly, truthHyperparameters } from '../../testkit/mmm/demoData';
import { firstWeeks, insertDataset, insertProductionModel, testApp } from './jobsHelpers';

let db: TestDatabase;
let slack: FakeSlack;
let app: AppContext;
const demo = loadDemoWeekly();
const truth = truthHyperparameters(loadDemoTruth().channels);
/** The production models below were fitted on the first 143 weeks; 13 weeks arrived since. */
const OLD_WEEKS = 143;

beforeAll(async () => {
  [db, slack] = await Promise.all([createTestDatabase(), startFakeSlack()]);
  app = testApp(db.ds, slack);
});
afterAll(async () => Promise.all([db.drop(), slack.close()]));
beforeEach(async () => {
  slack.calls.length = 0;
  // Schedules of earlier tests must not fire in later ones.
  await db.ds.query(`UPDATE job_schedules SET enabled = false`);
});

/** A dataset holding `data`, whose production model was fitted on its first 143 weeks with `hyper`. */
async function datasetWithProduction(name: string, data: WeeklyData, hyper = truth): Promise<{ datasetId: string; productionId: string; productionMape: number }> {
  const datasetId = await insertDataset(db.ds, name, data);
  await db.ds.query(`UPDATE datasets SET new_weeks_since_training = $2 WHERE id = $1`, [datasetId, data.dates.length - OLD_WEEKS]);
  const model = fitWithHyperparameters(firstWeeks(data, OLD_WEEKS), hyper, { holdoutWeeks: 13, bootstrapDraws: 20 });
  return { datasetId, productionId: await insertProductionModel(db.ds, datasetId, model), productionMape: model.metrics.holdoutMape! };
}

const versionsOf = (datasetId: string) => db.ds.getRepository(ModelVersion).find({ where: { datasetId }, select: { id: true, status: true, metrics: true, error: true, createdBy: true }, order: { createdAt: 'ASC' } });

describe('promotion policy', () => {
  it('promotes within the allowed worsening and keeps production beyond it', () => {
    expect(promotionDecision(0.05, 0.045, 0.01).promote).toBe(true);
    expect(promotionDecision(0.04, 0.05, 0).promote).toBe(true);
    expect(promotionDecision(0.06, 0.05, 0.01).promote).toBe(true); // exactly at the margin
    const kept = promotionDecision(0.07, 0.05, 0.01);
    expect(kept.promote).toBe(false);
    expect(kept.reason).toContain('7% against production\'s 5%, 2 points worse where at most 1 points is allowed');
    expect(promotionDecision(0.2, undefined, 0.01).promote).toBe(true);
    expect(promotionDecision(null, 0.05, 0.01).promote).toBe(false);
  });

  it('refuses options it does not know or cannot use, naming them', () => {
    expect(retrainOptions({})).toEqual({ minNewWeeks: 4, maxHoldoutWorsening: 0.01, holdoutWeeks: null, seed: 1, choices: {} });
    expect(retrainOptions({ adstock: 'weibull', effort: 'quick' }).choices).toEqual({ adstock: 'weibull', effort: 'quick' });
    expect(() => retrainOptions({ saturation: 'cubic', effort: 'max' })).toThrow(
      /options\.saturation must be hill or logistic, got "cubic"; options\.effort must be quick, default or thorough, got "max"/,
    );
    expect(() => retrainOptions({ minNewWeek: 2 })).toThrow(/Unknown option for a retrain job: minNewWeek/);
    expect(() => retrainOptions({ maxHoldoutWorsening: -1 })).toThrow(/maxHoldoutWorsening must be a number from 0 to 1, got -1/);
  });
});

describe('retraining', () => {
  it('promotes a candidate that predicts unseen weeks better than production', async () => {
    // Production ignores carry-over and is saturated from the first dollar: a poor model.
    const poor = { ridge: 0, channels: Object.fromEntries(Object.keys(truth.channels).map((c) => [c, { adstock: { type: 'geometric' as const, decay: 0, maxLag: 8 }, saturation: { type: 'hill' as const, halfSaturation: 1, shape: 1 } }])) };
    const { datasetId, productionId, productionMape } = await datasetWithProduction('better', demo, poor);
    const schedule = await createJobSchedule(db.ds, { kind: 'retrain', cron: '0 6 * * 1', datasetId, slackChannel: 'C0MODELS' });
    const run = await runJobNow(app, schedule.id, { wait: true });

    expect(run.status).toBe('succeeded');
    const output = run.output as { promoted: boolean; candidateId: string; durationMs: number; candidateMetrics: { holdoutMape: number } };
    expect(output.promoted).toBe(true);
    expect(output.candidateMetrics.holdoutMape).toBeLessThan(productionMape);
    expect(output.durationMs).toBeGreaterThan(0);
    const versions = await versionsOf(datasetId);
    expect(versions.map((v) => [v.id, v.status])).toEqual([[productionId, 'archived'], [output.candidateId, 'production']]);
    // One message announces the promotion, with what changed against the model it replaced (test/jobs/modelChanges.test.ts).
    const posts = slack.callsTo('chat.postMessage');
    expect(posts).toHaveLength(1);
    expect(posts[0].body.text).toMatch(/^New better model in production\. .*\nWhat changed: /s);
  });

  it('keeps production and explains why when the candidate is worse on its holdout', async () => {
    // The 13 new weeks swing ±25% around what media and season explain: no model predicts them,
    // so the candidate's holdout error (on those weeks) is far above production's (on quiet weeks).
    const shaken = { ...demo, kpi: demo.kpi.map((y, i) => (i >= OLD_WEEKS ? y * (i % 2 === 0 ? 1.25 : 0.75) : y)) };
    const { datasetId, productionId, productionMape } = await datasetWithProduction('worse', shaken);
    const schedule = await createJobSchedule(db.ds, { kind: 'retrain', cron: '0 6 * * 1', datasetId, slackChannel: 'C0MODELS', options: { maxHoldoutWorsening: 0.01 } });
    const run = await runJobNow(app, schedule.id, { wait: true });

    const output = run.output as { promoted: boolean; candidateId: string; candidateMetrics: { holdoutMape: number } };
    expect(output.promoted).toBe(false);
    expect(output.candidateMetrics.holdoutMape).toBeGreaterThan(productionMape + 0.01);
    const versions = await versionsOf(datasetId);
    expect(versions.map((v) => [v.id, v.status])).toEqual([[productionId, 'production'], [output.candidateId, 'candidate']]);
    const [alert] = slack.callsTo('chat.postMessage');
    expect(alert.body.channel).toBe('C0MODELS');
    expect(alert.body.text).toMatch(/kept the production one: the new model is less accurate on unseen weeks: holdout error [\d.]+% against production's [\d.]+%/);
  });

  it('waits for enough new weeks when scheduled, but not when asked', async () => {
    const { datasetId } = await datasetWithProduction('waiting', firstWeeks(demo, OLD_WEEKS + 2));
    const schedule = await createJobSchedule(db.ds, { kind: 'retrain', cron: '0 6 * * 1', datasetId, options: { minNewWeeks: 4 } });
    await db.ds.query(`UPDATE job_schedules SET updated_at = '2029-12-01T00:00:00Z' WHERE id = $1`, [schedule.id]);
    const scheduler = new Scheduler(app, { now: () => new Date('2030-01-07T06:00:00Z'), useCron: false, pollIntervalMs: 0 });
    await Promise.all([scheduler.refresh(), scheduler.worker!.start()]);
    const outcomes = await scheduler.finished(await scheduler.tick());
    expect(outcomes.map((o) => o.run)).toEqual([expect.objectContaining({ scheduleId: schedule.id, status: 'skipped', output: expect.objectContaining({ newWeeks: 2, minNewWeeks: 4 }) })]);
    expect(await versionsOf(datasetId)).toHaveLength(1);
    await scheduler.stop();

    const asked = await runJobNow(app, schedule.id, { wait: true });
    expect(asked).toMatchObject({ status: 'succeeded', trigger: 'manual', output: expect.objectContaining({ onRequest: true, newWeeks: 2 }) });
    expect(await versionsOf(datasetId)).toHaveLength(2);
  });
});

describe('a process killed mid-retrain', () => {
  it('leaves production untouched; the dead run is found, its training row failed, and the retry finishes', async () => {
    const { datasetId, productionId } = await datasetWithProduction('killed', demo);
    const schedule = await createJobSchedule(db.ds, { kind: 'retrain', cron: '0 6 * * 1', datasetId, slackChannel: 'C0MODELS', options: { maxHoldoutWorsening: 1 } });
    const child = spawn(process.execPath, ['--import', 'tsx', join(__dirname, 'fixtures', 'retrainChild.ts')], {
      cwd: PROJECT_DIR,
      env: { ...process.env, DATABASE_URL: db.url, SCHEDULE_ID: schedule.id },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise((resolve) => child.on('exit', resolve));
    await waitUntil(async () => (await versionsOf(datasetId)).some((v) => v.status === 'training'), 30_000, `the child to start training (${stderr})`);
    child.kill('SIGKILL');
    await exited;

    const [deadRun] = await db.ds.getRepository(JobRun).findBy({ scheduleId: schedule.id });
    expect(deadRun).toMatchObject({ status: 'running', attempt: 1 });
    expect((await versionsOf(datasetId)).map((v) => v.status)).toEqual(['production', 'training']);

    // Another instance, with a short stale timeout, notices the missing heartbeat.
    const survivor = new Scheduler(app, { useCron: false, pollIntervalMs: 0, heartbeatMs: 200, staleAfterMs: 1_000 });
    await survivor.worker!.start();
    await new Promise((r) => setTimeout(r, 1_200));
    const [released] = await survivor.recoverStaleRuns();
    expect(released).toMatchObject({ id: deadRun.id, status: 'queued' });
    // Back on the queue, the killed worker's lock released: the survivor's worker takes it.
    const retried = await waitForRun(db.ds, deadRun.id);
    expect(retried).toMatchObject({ id: deadRun.id, status: 'succeeded', attempt: 2, claimedBy: survivor.owner });
    const versions = await versionsOf(datasetId);
    expect(versions.map((v) => v.status)).toEqual(['archived', 'failed', 'production']);
    expect(versions[0].id).toBe(productionId);
    expect(versions[1].error).toBe(`training stopped: the process running job run ${deadRun.id} died before it finished`);
    await survivor.stop();
  });
});
