/**
 * The units of fit work. Each is deterministic given its payload, so it gives the same answer on
 * whichever thread runs it: the seed alone fixes the model. A fit is a sequence of stages, each a
 * batch of these steps; `fit.ts` orders them and a `FitRunner` runs them (in place, or on the
 * server's worker pool).
 */
import type { WeeklyData } from '../data/weeklyData';
import { assemble } from './assemble';
import { chooseBaseline, FOURIER_ORDERS, INCUMBENT, pilotTransforms, type BaselineChoice } from './baselineChoice';
import { movingBlockScheme } from './bootstrap';
import { wholeSampleScheme } from './engine';
import { samplePosterior, type PosteriorSampling } from './posterior';
import { SearchWorkspace, TRANSFORM_RIDGE, type SearchSetup } from './search';
import type { TransformFamilies } from './searchSpace';
import { serializeModel } from './serialization';
import type { Hyperparameters, MmmModel } from './types';

export type SearchTask =
  | { kind: 'score'; candidates: number[][] }
  | { kind: 'refine'; start: number[]; passes: number }
  /** One group of posterior chains; `firstDraw` numbers its draws' bootstrap resamples. */
  | { kind: 'posterior'; group: number; firstDraw: number; seed: number; center: number[]; ridge: number; sampling: PosteriorSampling };

export interface RefineResult {
  vector: number[];
  score: number;
}

export interface DrawResult {
  hyper: Hyperparameters;
  beta: number[];
}

export type TaskResult = { kind: 'score'; scores: number[] } | { kind: 'refine'; result: RefineResult } | { kind: 'draws'; draws: DrawResult[] };

export interface TaskOutcome {
  result: TaskResult;
  evaluations: number;
}

/** What a fit's last step builds the model document from (see `assembleModel` in fit.ts). */
export interface FinishInput {
  vector: number[];
  ridge: number;
  draws: DrawResult[];
  holdoutWeeks: number;
  fit: MmmModel['fit'];
}

/**
 * One step of a fit, as sent to a thread. Steps after the baseline choice carry the search
 * problem (`setup`) and the fit's `key`: a thread builds the problem once per fit and reuses it.
 */
export type FitStep =
  | { kind: 'baseline'; data: WeeklyData; holdoutWeeks: number; families: TransformFamilies; fourierOrder: number | undefined }
  | { kind: 'search'; key: string; setup: SearchSetup; task: SearchTask }
  | { kind: 'ridge'; key: string; setup: SearchSetup; vector: number[] }
  | { kind: 'finish'; key: string; setup: SearchSetup; input: FinishInput; output: 'model' | 'document' };

export interface RidgeChoice {
  ridge: number;
  cvMse: number;
  /** The posterior's tempering (see `degreesOfFreedomCorrection` in fit.ts). */
  trainingWeeks: number;
  parameters: number;
}

/** What the model's document is made of when the caller only stores it: the JSON text, with the figures it needs at hand. */
export interface FittedDocument {
  document: string;
  hyperparameters: Hyperparameters;
  metrics: MmmModel['metrics'];
}

export type FitStepResult = BaselineChoice | TaskOutcome | RidgeChoice | MmmModel | FittedDocument;

/** Runs a batch of a fit's steps, returning results in step order; an aborted `signal` stops it with `FitStopped`. */
export type FitRunner = (steps: FitStep[], signal?: AbortSignal) => Promise<FitStepResult[]>;

/** A thread's search problems by fit, the newest few kept (a thread may serve several fits in turn). */
export class Workspaces {
  private readonly byKey = new Map<string, SearchWorkspace>();
  constructor(private readonly keep = 2) {}

  get(key: string, setup: SearchSetup): SearchWorkspace {
    let workspace = this.byKey.get(key);
    if (workspace) {
      this.byKey.delete(key);
    } else {
      workspace = new SearchWorkspace(setup);
      if (this.byKey.size >= this.keep) this.byKey.delete(this.byKey.keys().next().value as string);
    }
    this.byKey.set(key, workspace);
    return workspace;
  }
}

export function runFitStep(workspaces: Workspaces, step: FitStep): FitStepResult {
  switch (step.kind) {
    case 'baseline':
      return chooseBaseline(step.data, step.holdoutWeeks, pilotTransforms(step.data, step.data.dates.length - step.holdoutWeeks, step.families, TRANSFORM_RIDGE), TRANSFORM_RIDGE, {
        incumbent: { ...INCUMBENT, fourierOrder: step.fourierOrder ?? INCUMBENT.fourierOrder },
        fourierOrders: step.fourierOrder === undefined ? FOURIER_ORDERS : [step.fourierOrder],
      });
    case 'search':
      return runSearchTask(workspaces.get(step.key, step.setup), step.task);
    case 'ridge': {
      const workspace = workspaces.get(step.key, step.setup);
      return { ...workspace.chooseRidge(step.vector), trainingWeeks: workspace.engine.trainingWeeks, parameters: workspace.engine.width + workspace.space.dims };
    }
    case 'finish': {
      const workspace = workspaces.get(step.key, step.setup);
      const { hyper, beta } = workspace.fitAt(step.input.vector, step.input.ridge, wholeSampleScheme(workspace.engine.trainingWeeks));
      const model = assemble(workspace.engine, step.input, hyper, beta, step.input.draws, step.input.fit);
      // A stored model is only ever its JSON text: made here, the caller's thread never walks the document.
      return step.output === 'model' ? model : { document: serializeModel(model), hyperparameters: model.hyperparameters, metrics: model.metrics };
    }
    default:
      // Steps arrive from another thread as plain data: one this build does not know is a bug to hear about, not a silent undefined.
      throw new Error(`unknown fit step "${String((step as { kind?: unknown }).kind)}"`);
  }
}

export function runSearchTask(workspace: SearchWorkspace, task: SearchTask): TaskOutcome {
  const before = workspace.evaluations;
  const result = ((): TaskResult => {
    switch (task.kind) {
      case 'score':
        return { kind: 'score', scores: task.candidates.map((u) => workspace.score(u)) };
      case 'refine': {
        const found = workspace.refine(task.start, task.passes);
        return { kind: 'refine', result: { vector: found.x, score: found.value } };
      }
      case 'posterior':
        return { kind: 'draws', draws: posteriorDraws(workspace, task) };
    }
  })();
  return { result, evaluations: workspace.evaluations - before };
}

/**
 * Posterior draws of one chain group. Each draw's transforms come from the chains; its
 * coefficients from a moving-block resample of the weeks, so an interval also carries the
 * uncertainty of the linear part given the transforms.
 */
function posteriorDraws(workspace: SearchWorkspace, task: Extract<SearchTask, { kind: 'posterior' }>): DrawResult[] {
  const weeks = workspace.engine.trainingWeeks;
  return samplePosterior((u) => workspace.logPosterior(u), task.center, task.sampling, task.seed, task.group).map((u, i) => {
    const { hyper, beta } = workspace.fitAt(u, task.ridge, movingBlockScheme(weeks, task.seed, task.firstDraw + i));
    return { hyper, beta: Array.from(beta) };
  });
}
