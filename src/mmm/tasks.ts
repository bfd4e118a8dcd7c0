/**
 * The units of search work. Each is deterministic given the setup and its payload, so it gives
 * the same answer on whichever thread runs it: the seed alone fixes the model.
 */
import { movingBlockScheme } from './bootstrap';
import { samplePosterior, type PosteriorSampling } from './posterior';
import type { SearchWorkspace } from './search';
import type { Hyperparameters } from './types';

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
  const logPosterior = (u: number[]) => (-weeks / 2) * Math.log(workspace.score(u));
  return samplePosterior(logPosterior, task.center, task.sampling, task.seed, task.group).map((u, i) => {
    const { hyper, beta } = workspace.fitAt(u, task.ridge, movingBlockScheme(weeks, task.seed, task.firstDraw + i));
    return { hyper, beta: Array.from(beta) };
  });
}
