/**
 * The units of search work. Each is deterministic given the setup and its payload, so it gives
 * the same answer on whichever thread runs it: the seed alone fixes the model.
 */
import { movingBlockScheme } from './bootstrap';
import { SearchWorkspace } from './search';
import type { Hyperparameters } from './types';

export type SearchTask =
  | { kind: 'score'; candidates: number[][] }
  | { kind: 'refine'; start: number[]; passes: number }
  | { kind: 'bootstrap'; draws: number[]; seed: number; center: number[]; passes: number };

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

function bootstrapDraw(workspace: SearchWorkspace, task: Extract<SearchTask, { kind: 'bootstrap' }>, draw: number): DrawResult {
  const scheme = movingBlockScheme(workspace.engine.trainingWeeks, task.seed, draw);
  // Re-choose the transforms on this resample (scored on its out-of-bag weeks), starting from the point estimate.
  const vector = task.passes > 0 ? workspace.refine(task.center, task.passes, scheme, 0.08).x : task.center;
  const { hyper, beta } = workspace.fitAt(vector, scheme);
  return { hyper, beta: Array.from(beta) };
}
