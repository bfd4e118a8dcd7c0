/**
 * What the CPU pool's threads run (src/services/cpuPool.ts): a fit's steps and optimizations
 * (charts: chartWorker.ts). Each export is one kind of task; piscina calls it by name with the
 * task's payload.
 */
import { withDeadline } from '../deadline';
import type { ChannelVocabulary } from '../language';
import { parseModel, runFitStep, Workspaces, type FitStep, type FitStepResult, type MmmModel } from '../mmm';
import type { ScenarioResult } from '../scenarios';
import { computeScenario, type ScenarioIntent } from './computeScenario';
import { serializeScenarioError, type SerializedError } from './scenarioErrors';

const workspaces = new Workspaces();

export function fitStep(step: FitStep): FitStepResult {
  return runFitStep(workspaces, step);
}

/** Parsed models by key (a model version id): a document is parsed once per thread, not per task. */
const models = new Map<string, MmmModel>();
/** Model documents one thread keeps (each can be megabytes). */
const MODELS_PER_THREAD = 8;

function modelOf(key: string, document: SharedArrayBuffer): MmmModel {
  let model = models.get(key);
  if (model) {
    models.delete(key);
  } else {
    model = parseModel(Buffer.from(document).toString('utf8'));
    if (models.size >= MODELS_PER_THREAD) models.delete(models.keys().next().value as string);
  }
  models.set(key, model);
  return model;
}

export interface ScenarioTask {
  modelKey: string;
  /** The model's JSON text (UTF-8) in shared memory: sent with every task at no cost, read only by a thread that has not parsed it yet. */
  document: SharedArrayBuffer;
  intent: ScenarioIntent;
  channels: ChannelVocabulary[];
  budgetMs: number;
  /** Epoch ms the request's budget started at: time waiting for a thread counts against it. */
  startedAt: number;
}

/** An error comes back as data: the caller revives the same class, so every front door words it alike. */
export function scenario(task: ScenarioTask): { result: ScenarioResult } | { error: SerializedError } {
  try {
    const model = modelOf(task.modelKey, task.document);
    return { result: withDeadline(task.budgetMs, () => computeScenario(model, task.intent, task.channels), undefined, task.startedAt) };
  } catch (error) {
    return { error: serializeScenarioError(error) };
  }
}
