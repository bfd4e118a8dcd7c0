/**
 * The units of search work. Each is deterministic given the setup and its payload, so it gives
 * the same answer on whichever thread runs it: the seed alone fixes the model.
 */
import { movingBlockScheme } from './bootstrap';
import { inSampleScheme, SearchWorkspace } from './search';
import type { Hyperparameters } from './types';

export type SearchTask =
  | { kind: 'score'; candidates: number[][] }
  | { kind: 'refine'; start: number[]; passes: number }
  | { kind: 'bootstrap'; draws: number[]; seed: number; center: number[]; ridge: number; passes: number };

export interface RefineResult {
  vector: number[];
  score: number;
}

export interface DrawResult {
  hyper: Hyperparameters;
  beta: number[];
}

export type TaskResult = { kind: 'score'; scores: number[] } | { kind: 'refine'; result: RefineResult } | { kind: 'bootstrap'; draws: DrawResult[] };

export interface TaskOutcome {
  result: TaskResult;
  evaluations: number;
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
      case 'bootstrap':
        return { kind: 'bootstrap', draws: task.draws.map((draw) => bootstrapDraw(workspace, task, draw)) };
    }
  })();
  return { result, evaluations: workspace.evaluations - before };
}

/**
 * First simplex step (unit-cube units) of a draw's re-search. Wide enough that a draw can leave
 * the point estimate's basin when its resample prefers another: measured on the simulated family,
 * 0.08 covered the true ROAS for 75% of channels, 0.2 for 81%, at the same cost.
 */
const BOOTSTRAP_SEARCH_STEP = 0.2;

function bootstrapDraw(workspace: SearchWorkspace, task: Extract<SearchTask, { kind: 'bootstrap' }>, draw: number): DrawResult {
  const resample = movingBlockScheme(workspace.engine.trainingWeeks, task.seed, draw);
  // Re-estimate the transforms on this resample, as the point estimate was, starting from it.
  const vector = task.passes > 0 ? workspace.refine(task.center, task.passes, inSampleScheme(resample), BOOTSTRAP_SEARCH_STEP, 4).x : task.center;
  const { hyper, beta } = workspace.fitAt(vector, task.ridge, resample);
  return { hyper, beta: Array.from(beta) };
}
