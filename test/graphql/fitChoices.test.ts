/**
 * `trainModel` with the analyst's fit choices (adstock, saturation, effort): the model version
 * and its document are fitted that way, a retrain without choices keeps them, and bad values are
 * refused as BAD_USER_INPUT naming the field. Real GraphQL over HTTP on a real PostgreSQL.
 */
import { describe, expect, it } from 'vitest';
import { ModelVersion } from '../../src/entities';
import type { MmmModel } from '../../src/mmm';
import { FIT_CHOICE_VALUES } from '../../src/services/fitChoices';
import { waitUntil } from '../../testkit/helpers/processes';
import { failure, query } from './client';
import { graphqlHarness } from './harness';

const h = graphqlHarness();

interface VersionJson {
  id: string;
  status: string;
  adstock: string;
  saturation: string;
  effort: string;
}

/** Starts a training run, waits for it, and returns the model version it created. */
async function train(input: Record<string, unknown>): Promise<VersionJson> {
  const before = new Set((await h.db.ds.getRepository(ModelVersion).find({ select: { id: true } })).map((v) => v.id));
  const started = await query<{ trainModel: { id: string } }>(h.server.url, h.analyst, 'mutation($i: TrainModelInput!) { trainModel(input: $i) { id } }', { i: { datasetId: 'demo', ...input } });
  await waitUntil(
    async () => {
      const runs = await query<{ jobRuns: Array<{ id: string; status: string; error: string | null }> }>(h.server.url, h.analyst, '{ jobRuns { id status error } }');
      const run = runs.jobRuns.find((r) => r.id === started.trainModel.id);
      if (run?.status === 'FAILED') throw new Error(`training failed: ${run.error}`);
      return run !== undefined && !['QUEUED', 'RUNNING'].includes(run.status);
    },
    120_000,
    'the training run to finish',
  );
  const { models } = await query<{ models: VersionJson[] }>(h.server.url, h.analyst, '{ models(datasetId: "demo", first: 50) { id status adstock saturation effort } }');
  const created = models.filter((m) => !before.has(m.id));
  expect(created).toHaveLength(1);
  return created[0];
}

async function documentOf(id: string): Promise<MmmModel> {
  const row = await h.db.ds.getRepository(ModelVersion).findOneOrFail({ where: { id }, select: { id: true, document: true } });
  return row.document as unknown as MmmModel;
}

describe('trainModel fit choices', () => {
  it('offers exactly the engine’s transform families and efforts as enums', async () => {
    const names = async (type: string) =>
      (await query<{ __type: { enumValues: Array<{ name: string }> } }>(h.server.url, h.analyst, `{ __type(name: "${type}") { enumValues { name } } }`)).__type.enumValues.map((v) => v.name);
    expect(await names('Adstock')).toEqual(FIT_CHOICE_VALUES.adstock.map((v) => v.toUpperCase()));
    expect(await names('Saturation')).toEqual(FIT_CHOICE_VALUES.saturation.map((v) => v.toUpperCase()));
    expect(await names('FitEffort')).toEqual(FIT_CHOICE_VALUES.effort.map((v) => v.toUpperCase()));
  });

  it('fits with the chosen families and effort, stores them with the version, and a retrain without choices keeps them', async () => {
    const production = await h.db.ds.getRepository(ModelVersion).findOneByOrFail({ datasetId: h.demo.id, status: 'production' });
    expect([production.adstock, production.saturation, production.effort]).toEqual(['geometric', 'hill', 'default']);

    const chosen = await train({ adstock: 'WEIBULL', saturation: 'LOGISTIC', effort: 'QUICK', seed: 3 });
    expect(chosen).toMatchObject({ adstock: 'WEIBULL', saturation: 'LOGISTIC', effort: 'QUICK' });
    const document = await documentOf(chosen.id);
    for (const channel of document.channels) {
      expect(document.hyperparameters.channels[channel].adstock.type).toBe('weibull');
      expect(document.hyperparameters.channels[channel].saturation.type).toBe('logistic');
    }
    expect(document.fit).toMatchObject({ search: 'quick', adstock: 'weibull', saturation: 'logistic' });
    // Quick effort: its bootstrap budget (100 draws), not the default's 200.
    expect(document.draws).toHaveLength(100);

    if (chosen.status !== 'PRODUCTION') await query(h.server.url, h.admin, 'mutation($id: ID!) { promoteModel(id: $id) { status } }', { id: chosen.id });
    const retrained = await train({ seed: 4 });
    expect(retrained).toMatchObject({ adstock: 'WEIBULL', saturation: 'LOGISTIC', effort: 'QUICK' });
    const again = await documentOf(retrained.id);
    expect(again.fit).toMatchObject({ search: 'quick', adstock: 'weibull', saturation: 'logistic' });

    // A choice given on the retrain wins over the inherited one; the others are still kept.
    const mixed = await train({ adstock: 'GEOMETRIC', seed: 5 });
    expect(mixed).toMatchObject({ adstock: 'GEOMETRIC', saturation: 'LOGISTIC', effort: 'QUICK' });
  }, 300_000);

  it('refuses a value that is not a choice, naming the field, and starts nothing', async () => {
    const runsBefore = (await query<{ jobRuns: unknown[] }>(h.server.url, h.analyst, '{ jobRuns(first: 200) { id } }')).jobRuns.length;
    const err = await failure(h.server.url, h.analyst, 'mutation($i: TrainModelInput!) { trainModel(input: $i) { id } }', { i: { datasetId: 'demo', saturation: 'CUBIC' } });
    expect(err.code).toBe('BAD_USER_INPUT');
    expect(err.message).toMatch(/CUBIC/);
    expect(err.message).toMatch(/saturation/);
    const runsAfter = (await query<{ jobRuns: unknown[] }>(h.server.url, h.analyst, '{ jobRuns(first: 200) { id } }')).jobRuns.length;
    expect(runsAfter).toBe(runsBefore);
  });

  it('checks the same choices in a retrain schedule’s options', async () => {
    const err = await failure(h.server.url, h.admin, 'mutation($d: ID!) { createJobSchedule(input: { kind: RETRAIN, cron: "0 6 * * 1", datasetId: $d, options: { effort: "max" } }) { id } }', { d: h.demo.id });
    expect(err.code).toBe('BAD_USER_INPUT');
    expect(JSON.stringify(err.problems)).toMatch(/options\.effort/);
    expect(err.message).toMatch(/quick, default or thorough, got "max"/);
  });
});
