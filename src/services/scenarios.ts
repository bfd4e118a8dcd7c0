/**
 * Scenarios and the notebooks they belong to: storing one in its conversation, reading a
 * conversation back, running a typed scenario (GraphQL), saving one (Slack's button).
 */
import type { DataSource } from 'typeorm';
import { queryPrepared } from '../db/prepared';
import { stopIfAborted } from '../deadline';
import { Notebook, Scenario, type Channel, type ModelVersion } from '../entities';
import type { ChannelVocabulary } from '../language/channels';
import type { Intent, ScenarioResult } from '../scenarios';
import type { AppContext } from './appContext';
import { vocabularyOf } from './computeScenario';
import { badInput, classifyError, notFound } from './errors';
import { isUuid } from './ids';
import { forgetProductionSetup, productionSetup, recentProductionSetup, setupUnchanged, type ProductionSetup } from './models';
import { computeScenarioBounded } from './scenarioThreads';

/** Marks a scenario saved (GraphQL `scenarios` lists saved ones). False when there is no such scenario; saving twice is the same as once. */
export async function markScenarioSaved(ds: DataSource, scenarioId: string): Promise<boolean> {
  if (!isUuid(scenarioId)) return false;
  const updated = await ds.getRepository(Scenario).update({ id: scenarioId }, { saved: true });
  return (updated.affected ?? 0) > 0;
}

/** A conversation's notebook by id, or NOT_FOUND: the one check every door's follow-ups go through. */
export async function findNotebook(ds: DataSource, notebookId: string): Promise<Notebook> {
  const notebook = await ds.getRepository(Notebook).findOneBy({ id: notebookId });
  if (!notebook) throw notFound(`No notebook ${notebookId}`);
  return notebook;
}

/** Where a typed scenario runs: a dataset (id or name; unset = the default one) or a notebook, which brings its own. */
export interface TypedScenarioRequest {
  datasetId?: string | null;
  notebookId?: string | null;
  askedBy: string;
  /** Aborted when the asker has gone: the computation stops and nothing is stored. */
  signal?: AbortSignal;
}

/**
 * The path every typed scenario takes (GraphQL `runWhatIf`, `optimizeBudget`): the dataset (or
 * the notebook's), its production model and channels, the spec read against them by the door,
 * then the same computation and storage `ask` uses.
 *
 * The setup last read for the dataset is used without reading it again, and the answer is
 * stored only if the dataset, its channels and its production model are still exactly what it
 * was read from (checked inside the INSERT, so a promotion by any process is seen): otherwise
 * the setup is read again and the scenario runs again on it. A refusal computed on a kept setup
 * stands only once a fresh read shows the setup unchanged.
 */
export async function runTypedScenario(
  app: AppContext,
  request: TypedScenarioRequest,
  specOf: (setup: ProductionSetup & { vocabulary: ChannelVocabulary[] }) => Extract<Intent, { kind: 'whatIf' | 'optimize' }>,
): Promise<{ scenario: Scenario; setup: ProductionSetup }> {
  const { ds } = app;
  const notebook = request.notebookId ? await findNotebook(ds, request.notebookId) : null;
  const key = request.datasetId ?? notebook?.datasetId ?? null;
  let kept = recentProductionSetup(ds, key);
  for (let attempt = 1; ; attempt++) {
    const setup = kept ?? (await productionSetup(ds, key));
    let scenario: Scenario | null;
    try {
      const { dataset, version, model } = setup;
      if (notebook && dataset.id !== notebook.datasetId) {
        throw badInput('The notebook belongs to another dataset than datasetId', [{ path: 'input.datasetId', message: 'not the notebook’s dataset' }]);
      }
      const vocabulary = vocabularyFor(setup.channels);
      const intent = specOf({ ...setup, vocabulary });
      const result = await computeScenarioBounded(app, version.id, model, intent, vocabulary, request.signal);
      // The caller gave up while it ran: nothing is stored for nobody.
      stopIfAborted(request.signal, app.config.requestBudgetMs);
      // After a few rounds lost to promotions in between, the last setup read is the answer's, as before there was a check.
      const check = attempt < MAX_SETUP_ROUNDS ? setupUnchanged(ds, key, setup, STORE_PARAMETERS + 1) : undefined;
      scenario = await insertScenario(ds, { notebook, version, question: null, intent, result, askedBy: request.askedBy }, check);
    } catch (err) {
      if (!kept || classifyError(err).kind !== 'userInput') throw err;
      // Refused on the kept setup: the refusal stands if the setup is still the same, else it runs on the new one.
      const fresh = await productionSetup(ds, key);
      if (fresh.stamp === kept.stamp) throw err;
      kept = fresh;
      continue;
    }
    if (scenario) return { scenario, setup };
    // The dataset, its channels or its production model changed since the setup was read.
    forgetProductionSetup(ds, key);
    kept = undefined;
  }
}

const MAX_SETUP_ROUNDS = 3;

/** Channel vocabularies by channel list: a kept setup's list keeps its vocabulary, whose word index (src/language) is then built once. */
const vocabularies = new WeakMap<Channel[], ChannelVocabulary[]>();
function vocabularyFor(channels: Channel[]): ChannelVocabulary[] {
  let vocabulary = vocabularies.get(channels);
  if (!vocabulary) vocabularies.set(channels, (vocabulary = channels.map(vocabularyOf)));
  return vocabulary;
}

export async function notebookScenarios(ds: DataSource, notebookId: string): Promise<Scenario[]> {
  return ds.getRepository(Scenario).find({ where: { notebookId }, order: { position: 'ASC' } });
}

/** Appends a scenario to a notebook (or stores it alone), numbering it after the last one. */
export async function storeScenario(ds: DataSource, entry: ScenarioEntry): Promise<Scenario> {
  return (await insertScenario(ds, entry)) as Scenario;
}

interface ScenarioEntry {
  notebook: Notebook | null;
  version: ModelVersion;
  question: string | null;
  intent: Intent;
  result: ScenarioResult;
  askedBy: string | null;
}

/** Parameters of the INSERT below; a check's are numbered after them. */
const STORE_PARAMETERS = 8;

/** `storeScenario`, storing only while `check` (a condition over parameters after the INSERT's own) holds: null when it does not. */
async function insertScenario(ds: DataSource, entry: ScenarioEntry, check?: { sql: string; parameters: unknown[] }): Promise<Scenario | null> {
  const scenario = ds.getRepository(Scenario).create({
    datasetId: entry.version.datasetId,
    modelVersionId: entry.version.id,
    notebookId: entry.notebook?.id ?? null,
    question: entry.question,
    intent: entry.intent.kind,
    spec: entry.intent,
    result: entry.result,
    askedBy: entry.askedBy,
  });
  const values = [scenario.datasetId, scenario.modelVersionId, scenario.notebookId, scenario.question, scenario.intent, JSON.stringify(scenario.spec), JSON.stringify(scenario.result), scenario.askedBy];
  for (let attempt = 0; ; attempt++) {
    try {
      // One prepared INSERT on every scenario answered (save() would add a transaction, TypeORM's
      // insert ~0.2 ms); it numbers the scenario after its notebook's last one, and the
      // position and defaults come back.
      const [stored] = await queryPrepared<{ id: string; position: number | null; createdAt: Date; saved: boolean }>(
        ds,
        `INSERT INTO scenarios (dataset_id, model_version_id, notebook_id, position, question, intent, spec, result, asked_by)
         SELECT $1::uuid, $2::uuid, $3::uuid, CASE WHEN $3::uuid IS NULL THEN NULL ELSE (SELECT COALESCE(MAX(position), 0) + 1 FROM scenarios WHERE notebook_id = $3::uuid) END, $4::text, $5::text, $6::jsonb, $7::jsonb, $8::text
         ${check ? `WHERE ${check.sql}` : ''}
         RETURNING id, position, created_at AS "createdAt", saved`,
        check ? [...values, ...check.parameters] : values,
      );
      return stored ? Object.assign(scenario, stored) : null;
    } catch (err) {
      // Two answers in one thread at once: the unique (notebook, position) key sends one round again.
      if (attempt < 5 && (err as { driverError?: { code?: string } }).driverError?.code === '23505') continue;
      throw err;
    }
  }
}
