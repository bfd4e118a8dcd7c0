import { IsNull, Not, type DataSource } from 'typeorm';
import { Channel, Dataset, ModelVersion } from '../entities';
import { fitModelDocument, parseModel, type FitOptions, type MmmModel } from '../mmm';
import type { Logger } from '../logger';
import { entityFromJson, jsonObjectOf } from '../db/jsonRows';
import { queryPrepared } from '../db/prepared';
import { datasetCondition, datasetNotFound, loadWeeklyData } from './datasets';
import { cpuPool } from './cpuPool';
import { badInput, notFound } from './errors';
import { DEFAULT_FIT_CHOICES, fitChoicesOf, type FitChoices } from './fitChoices';

export interface TrainOptions {
  holdoutWeeks?: number;
  seed?: number;
  /** Promote when the fit succeeds (first model of a dataset, seeding, or an explicit request). */
  promote?: boolean;
  createdBy?: string | null;
  onProgress?: FitOptions['onProgress'];
  /** Each unset choice is the dataset's production model's (a retrain fits the same way), else the default. */
  choices?: Partial<FitChoices>;
  /** Aborted, the fit stops and the version is marked failed with the reason. */
  signal?: AbortSignal;
}

// Parsed model documents by model version id: documents never change once written.
const parsedModels = new Map<string, MmmModel>();

// The document is large (bootstrap draws): load it only where a model is used.
export const listColumns = {
  id: true, datasetId: true, status: true, metrics: true, holdoutWeeks: true, seed: true, adstock: true, saturation: true, effort: true, weeksUsed: true,
  trainedThrough: true, fitMs: true, error: true, createdBy: true, createdAt: true, trainedAt: true, promotedAt: true, hyperparameters: true,
} as const;

export async function getModelVersion(ds: DataSource, id: string): Promise<ModelVersion> {
  const found = await ds.getRepository(ModelVersion).findOne({ where: { id }, select: listColumns });
  if (!found) throw notFound(`No model version ${id}`);
  return found;
}

export async function productionModelVersion(ds: DataSource, datasetId: string): Promise<ModelVersion | null> {
  return ds.getRepository(ModelVersion).findOne({ where: { datasetId, status: 'production' }, select: listColumns });
}

/** The fitted model of a version, parsed once and cached. */
export async function loadModel(ds: DataSource, modelVersionId: string): Promise<MmmModel> {
  const cached = parsedModels.get(modelVersionId);
  if (cached) return cached;
  const row = await ds.getRepository(ModelVersion).findOne({ where: { id: modelVersionId }, select: { id: true, document: true } });
  if (!row) throw notFound(`No model version ${modelVersionId}`);
  if (!row.document) throw badInput(`Model version ${modelVersionId} has no fitted model (still training or failed)`);
  const model = parseModel(JSON.stringify(row.document));
  parsedModels.set(modelVersionId, model);
  return model;
}

/** What answering on a dataset's production model needs. */
export interface ProductionSetup {
  dataset: Dataset;
  /** In the dataset's order. */
  channels: Channel[];
  version: ModelVersion;
  model: MmmModel;
}

/** A setup as read, with a stamp of the rows it was read from (`setupUnchanged` compares it). */
export interface StampedSetup extends ProductionSetup {
  /** md5 of the dataset, channel and production version rows as the statement read them. */
  stamp: string;
}

/** The setup statement over a dataset condition: the three rows as JSON and the stamp of all three (its text kept per condition: it is built from entity metadata). */
function setupSelect(ds: DataSource, condition: string): string {
  let texts = setupTexts.get(ds);
  if (!texts) setupTexts.set(ds, (texts = new Map()));
  let text = texts.get(condition);
  if (!text) {
    text = `SELECT s.dataset, s.channels, s.version, md5(jsonb_build_array(s.dataset, s.channels, s.version)::text) AS stamp FROM (
     SELECT ${jsonObjectOf(ds, Dataset, 'd')} AS dataset,
       (SELECT jsonb_agg(${jsonObjectOf(ds, Channel, 'c')} ORDER BY c.position, c.key) FROM channels c WHERE c.dataset_id = d.id) AS channels,
       (SELECT ${jsonObjectOf(ds, ModelVersion, 'mv', Object.keys(listColumns))} FROM model_versions mv WHERE mv.dataset_id = d.id AND mv.status = 'production') AS version
     FROM datasets d WHERE ${condition}) s`;
    texts.set(condition, text);
  }
  return text;
}
const setupTexts = new WeakMap<DataSource, Map<string, string>>();

/**
 * A dataset (by id or name, or the default one for null) with its channels and its production
 * model, read in one statement: every scenario and question starts here. Clear errors when
 * the dataset or its production model does not exist. What it read is also kept for
 * `recentProductionSetup`.
 */
export async function productionSetup(ds: DataSource, idOrName: string | null): Promise<StampedSetup> {
  const { sql, parameters } = datasetCondition('d', idOrName);
  const [row] = await queryPrepared<{ dataset: Record<string, unknown>; channels: Array<Record<string, unknown>> | null; version: Record<string, unknown> | null; stamp: string }>(
    ds,
    setupSelect(ds, sql),
    parameters,
  );
  if (!row) throw datasetNotFound(idOrName);
  if (!row.version) throw notFound('This dataset has no production model yet: train one first (mmm train, or the trainModel mutation)');
  const version = entityFromJson(ds, ModelVersion, row.version);
  const setup: StampedSetup = {
    dataset: entityFromJson(ds, Dataset, row.dataset),
    channels: (row.channels ?? []).map((c) => entityFromJson(ds, Channel, c)),
    version,
    model: await loadModel(ds, version.id),
    stamp: row.stamp,
  };
  remember(ds, idOrName, setup);
  return setup;
}

/*
 * The last setup read per dataset key, so that a typed scenario can start computing without a
 * statement. It is never trusted on its own: whatever is answered from it is stored under
 * `setupUnchanged`, which re-reads the same rows inside the INSERT and stores nothing when
 * anything changed (a promotion, a rollback, a renamed channel, new weeks, in this process or
 * any other); the caller then reads the setup again and runs once more.
 */
const recentSetups = new WeakMap<DataSource, Map<string, StampedSetup>>();
const RECENT_SETUPS = 256;
const keyOf = (idOrName: string | null) => (idOrName === null ? '' : `=${idOrName}`);

function remember(ds: DataSource, idOrName: string | null, setup: StampedSetup): void {
  let setups = recentSetups.get(ds);
  if (!setups) recentSetups.set(ds, (setups = new Map()));
  const key = keyOf(idOrName);
  setups.delete(key);
  if (setups.size >= RECENT_SETUPS) setups.delete(setups.keys().next().value as string);
  setups.set(key, setup);
}

/** The setup `productionSetup` last read for this key, unchecked: only for answers stored under `setupUnchanged`. */
export function recentProductionSetup(ds: DataSource, idOrName: string | null): StampedSetup | undefined {
  return recentSetups.get(ds)?.get(keyOf(idOrName));
}

/** Drops the kept setup of a key (it was found to have changed). */
export function forgetProductionSetup(ds: DataSource, idOrName: string | null): void {
  recentSetups.get(ds)?.delete(keyOf(idOrName));
}

/**
 * A condition, for a statement's WHERE, that holds only while the setup statement for this key
 * would read exactly what `setup` was read from (its parameters numbered from `firstParameter`).
 */
export function setupUnchanged(ds: DataSource, idOrName: string | null, setup: StampedSetup, firstParameter: number): { sql: string; parameters: string[] } {
  const { sql, parameters } = datasetCondition('d', idOrName, firstParameter);
  const stampParameter = firstParameter + parameters.length;
  return { sql: `(SELECT stamp FROM (${setupSelect(ds, sql)}) checked) = $${stampParameter}`, parameters: [...parameters, setup.stamp] };
}

/**
 * Fits a model on every week of a dataset. The row is created as `training` first (so the
 * work is visible), the fitted document is written in a single UPDATE, and promotion is a
 * separate transaction: a process killed at any point leaves production untouched. The fit runs
 * on the process's CPU pool (cpuPool.ts) whoever calls: this thread only reads and writes.
 */
export async function trainModel(ds: DataSource, datasetId: string, options: TrainOptions, log: Logger): Promise<ModelVersion> {
  const repo = ds.getRepository(ModelVersion);
  await ds.getRepository(Dataset).findOneByOrFail({ id: datasetId });
  const holdoutWeeks = options.holdoutWeeks ?? 13;
  const seed = options.seed ?? 1;
  const choices = await fitChoicesFor(ds, datasetId, options.choices ?? {});
  const version = await repo.save(repo.create({ datasetId, status: 'training', holdoutWeeks, seed, ...choices, createdBy: options.createdBy ?? null }));
  const started = Date.now();
  try {
    const data = await loadWeeklyData(ds, datasetId);
    const fitted = await fitModelDocument(data, {
      holdoutWeeks,
      seed,
      adstock: choices.adstock,
      saturation: choices.saturation,
      search: choices.effort,
      onProgress: options.onProgress,
      signal: options.signal,
      runner: cpuPool().runFit,
    });
    // The document goes to PostgreSQL as the text the thread made: parsed and stringified here it would hold this thread for a large model.
    await repo
      .createQueryBuilder()
      .update()
      .set({
        status: 'candidate',
        document: () => ':document::jsonb',
        hyperparameters: fitted.hyperparameters as object,
        metrics: fitted.metrics as unknown as Record<string, number | null>,
        weeksUsed: data.dates.length,
        trainedThrough: data.dates[data.dates.length - 1],
        fitMs: Date.now() - started,
        trainedAt: new Date(),
      })
      .where('id = :id', { id: version.id })
      .setParameter('document', fitted.document)
      .execute();
    log.info({ modelVersionId: version.id, datasetId, fitMs: Date.now() - started, metrics: fitted.metrics }, 'model trained');
  } catch (err) {
    await repo.update(version.id, { status: 'failed', error: err instanceof Error ? err.message : String(err), fitMs: Date.now() - started });
    throw err;
  }
  if (options.promote) return promoteModel(ds, version.id);
  return getModelVersion(ds, version.id);
}

/** The given choices, the rest from the dataset's production model, else the defaults. */
async function fitChoicesFor(ds: DataSource, datasetId: string, given: Partial<FitChoices>): Promise<FitChoices> {
  const production = await productionModelVersion(ds, datasetId);
  const inherited: FitChoices = production ? fitChoicesOf(production) : DEFAULT_FIT_CHOICES;
  return {
    adstock: given.adstock ?? inherited.adstock,
    saturation: given.saturation ?? inherited.saturation,
    effort: given.effort ?? inherited.effort,
  };
}

/** Makes a candidate (or archived, for rollback) version the dataset's production model. */
export async function promoteModel(ds: DataSource, modelVersionId: string): Promise<ModelVersion> {
  await ds.transaction(async (tx) => {
    const repo = tx.getRepository(ModelVersion);
    const target = await repo.findOne({ where: { id: modelVersionId }, select: listColumns, lock: { mode: 'pessimistic_write' } });
    if (!target) throw notFound(`No model version ${modelVersionId}`);
    if (target.status === 'production') return;
    if (target.status !== 'candidate' && target.status !== 'archived') {
      throw badInput(`Model version ${modelVersionId} is ${target.status}: only a candidate or archived model can be promoted`);
    }
    await repo.update({ datasetId: target.datasetId, status: 'production' }, { status: 'archived' });
    await repo.update(target.id, { status: 'production', promotedAt: new Date() });
    await tx.getRepository(Dataset).update(target.datasetId, { staleSince: null, newWeeksSinceTraining: 0 });
  });
  return getModelVersion(ds, modelVersionId);
}

/**
 * Puts the previous production model back: the archived version promoted most recently.
 * Rolling back twice returns to where it started.
 */
export async function rollbackModel(ds: DataSource, datasetId: string): Promise<ModelVersion> {
  const previous = await ds.getRepository(ModelVersion).findOne({
    where: { datasetId, status: 'archived', promotedAt: Not(IsNull()) },
    order: { promotedAt: 'DESC' },
    select: listColumns,
  });
  if (!previous) throw badInput('There is no earlier production model of this dataset to roll back to', [{ path: 'datasetId', message: 'no earlier production model' }]);
  return promoteModel(ds, previous.id);
}
