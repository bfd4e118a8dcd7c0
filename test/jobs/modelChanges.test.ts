import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { digestMessage } from '../../bot/blocks/digest';
import { ModelVersion, type JobRun } from '../../src/entities';
import { channelSummaries, compareModels, fitWithHyperparameters } from '../../src/mmm';
import { createApiKey } from '../../src/services/apiKeys';
import { modelChangeLines } from '../../src/services/answerText';
import type { AppContext } from '../../src/services/appContext';
import { computeDigest, MODEL_CHANGE_DAYS } from '../../src/services/digest';
import { createJobSchedule, runJobNow } from '../../src/services/jobs';
import type { ModelComparison } from '../../src/services/modelChanges';
import { loadModel } from '../../src/services/models';
import type { RunningServer } from '../../src/server';
import { query } from '../graphql/client';
import { createTestDatabase, type TestDatabase } from '../helpers/database';
import { startFakeSlack, type FakeSlack } from '../../testkit/helpers/fakeSlack';
import { startTestServer } from '../helpers/server';
import { loadDemoTruth, loadDemoWeekly, truthHyperparameters } from '../../testkit/mmm/demoData';
import { firstWeeks, insertDataset, insertProductionModel, testApp } from './jobsHelpers';

/**
 * What changed when the model changed: production is a model fitted on the first 143 weeks with
 * every channel's saturation halved, so a retrain on all 156 weeks moves some channels' figures
 * outside its intervals. The retrain message, the next digest and GraphQL say which, by how much.
 */
let db: TestDatabase;
let slack: FakeSlack;
let app: AppContext;
let server: RunningServer;
let viewer: string;
let datasetId: string;
let productionId: string;
let run: JobRun;
let changes: ModelComparison;

beforeAll(async () => {
  [db, slack] = await Promise.all([createTestDatabase(), startFakeSlack()]);
  app = testApp(db.ds, slack);
  // Only read through GraphQL here: its worker would take the retrain, posting with its own (Slack-less) client.
  server = await startTestServer(db, { worker: 'off' }, { seed: false });
  viewer = (await createApiKey(db.ds, 'viewer')).key;
  const demo = loadDemoWeekly();
  const truth = truthHyperparameters(loadDemoTruth().channels);
  const off = { ...truth, channels: Object.fromEntries(Object.entries(truth.channels).map(([c, t]) => [c, { ...t, saturation: { ...t.saturation, halfSaturation: t.saturation.halfSaturation / 3 } }])) };
  datasetId = await insertDataset(db.ds, 'changes', demo);
  await db.ds.query(`UPDATE datasets SET new_weeks_since_training = 13 WHERE id = $1`, [datasetId]);
  productionId = await insertProductionModel(db.ds, datasetId, fitWithHyperparameters(firstWeeks(demo, 143), off, { holdoutWeeks: 13, bootstrapDraws: 40 }), new Date(Date.now() - 30 * 86_400_000));
  // A production model 30 days old: promoted then too.
  await db.ds.query(`UPDATE model_versions SET promoted_at = trained_at, metrics = jsonb_set(metrics, '{holdoutMape}', '0.5') WHERE id = $1`, [productionId]);
  const schedule = await createJobSchedule(db.ds, { kind: 'retrain', cron: '0 6 * * 1', datasetId, slackChannel: 'C0MODELS' });
  run = await runJobNow(app, schedule.id, { wait: true });
  changes = (run.output as { changes: ModelComparison }).changes;
}, 180_000);
afterAll(async () => {
  await server?.close();
  await Promise.all([db.drop(), slack.close()]);
});

describe('what changed when the model changed', () => {
  it('compares every channel of the promoted model with the one it replaced, flagging figures outside the old 90% interval', async () => {
    expect(run.status).toBe('succeeded');
    const output = run.output as { promoted: boolean; candidateId: string };
    expect(output.promoted).toBe(true);
    expect(changes.previousModelVersionId).toBe(productionId);
    const [previous, next] = await Promise.all([loadModel(db.ds, productionId), loadModel(db.ds, output.candidateId)]);
    const expected = compareModels(previous, next);
    expect(changes.channels.map(({ displayName, ...c }) => (void displayName, c))).toEqual(JSON.parse(JSON.stringify(expected)));
    // The flags agree with the old model's own intervals, read independently.
    const old = channelSummaries(previous);
    const fresh = channelSummaries(next);
    for (const c of changes.channels) {
      expect(c.roas.previousLow).toBe(old[c.channel].roasLow);
      expect(c.roas.current).toBe(fresh[c.channel].roas);
      expect(c.roas.outside).toBe(fresh[c.channel].roas < old[c.channel].roasLow || fresh[c.channel].roas > old[c.channel].roasHigh);
      expect(c.mroas.current).toBe(fresh[c.channel].mroas);
    }
    expect(changes.channels.some((c) => c.roas.outside || c.mroas.outside)).toBe(true);
  });

  it('says in the retrain message which figures moved and by how much', () => {
    const [message] = slack.callsTo('chat.postMessage').filter((c) => c.body.channel === 'C0MODELS');
    const text = message.body.text as string;
    expect(text).toMatch(/^New changes model in production/);
    expect(text).toMatch(/What changed: \d+ channel figures? moved outside the previous model's 90% interval:/);
    const lines = modelChangeLines(changes);
    expect(lines.length).toBe(changes.channels.reduce((n, c) => n + Number(c.roas.outside) + Number(c.mroas.outside), 0));
    for (const line of lines) expect(text).toContain(`• ${line}`);
    const moved = changes.channels.find((c) => c.roas.outside)!;
    expect(text).toContain(`${moved.displayName}: ROAS ${moved.roas.previous.toFixed(2)} → ${moved.roas.current.toFixed(2)}`);
  });

  it('says it again in the next digest, and not in one a week after', async () => {
    const digest = await computeDigest(db.ds, datasetId, { asOf: new Date() });
    expect(digest.modelChanges).toEqual(changes);
    const text = digestMessage(digest).text;
    expect(text).toContain('A new model went into production this week');
    for (const line of modelChangeLines(changes)) expect(text).toContain(line);
    const later = await computeDigest(db.ds, datasetId, { asOf: new Date(Date.now() + (MODEL_CHANGE_DAYS + 1) * 86_400_000) });
    expect(later.modelChanges).toBeNull();
  });

  it('exposes the comparison on the model version in GraphQL', async () => {
    const promoted = await db.ds.getRepository(ModelVersion).findOneByOrFail({ datasetId, status: 'production' });
    const data = await query<{ model: { changesFromPrevious: { previousModelVersionId: string; channels: unknown[]; moved: Array<{ channel: string }> } }; old: { changesFromPrevious: null } }>(
      server.url,
      viewer,
      `query($id: ID!, $old: ID!) {
        model(id: $id) { changesFromPrevious { previousModelVersionId moved { channel } channels { channel displayName roas { previous previousLow previousHigh current change changePct outside } mroas { previous previousLow previousHigh current change changePct outside } } } }
        old: model(id: $old) { changesFromPrevious { previousModelVersionId } }
      }`,
      { id: promoted.id, old: productionId },
    );
    expect(data.model.changesFromPrevious.previousModelVersionId).toBe(productionId);
    expect(data.model.changesFromPrevious.channels).toEqual(changes.channels);
    expect(data.model.changesFromPrevious.moved.map((c) => c.channel)).toEqual(changes.channels.filter((c) => c.roas.outside || c.mroas.outside).map((c) => c.channel));
    // The first model of the dataset replaced none.
    expect(data.old.changesFromPrevious).toBeNull();
  });
});
