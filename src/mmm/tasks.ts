/**
 * The units of search work. Each is deterministic given the setup and its payload, so it gives
 * the same answer on whichever thread runs it: the seed alone fixes the model.
 */
import { movingBlockScheme } from './bootstrap';
import { seededRandom, standardNormal } from './random';
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

/**
 * How far (unit-cube standard deviation per parameter) a draw's re-search starts from the point
 * estimate. Started exactly there, a short re-search mostly stays there, so the transforms look
 * surer than the data makes them: on the simulated family the narrowest third of the 90% ROAS
 * intervals covered the truth for only 20 of 34 channels. Started a little off, a parameter the
 * resample pins down is pulled back, one it cannot tell stays spread. Measured on seeds 1–10 /
 * fresh 11–20, coverage 0.85 / 0.77 at 0, 0.92 / 0.85 at 0.1, 0.92 / 0.88 at 0.125, 0.94 / 0.94 at
 * 0.15; the median interval width over the true ROAS went 1.18 / 0.83 -> 1.42 / 1.23 at 0.125, most
 * of it on the narrow intervals that were missing. Point estimates do not change.
 */
const BOOTSTRAP_START_SPREAD = 0.125;

/** The point estimate moved by a seeded Gaussian step in every coordinate, kept inside the unit cube. */
function perturbedStart(center: number[], spread: number, random: () => number): number[] {
  return center.map((u) => Math.min(1, Math.max(0, u + spread * standardNormal(random))));
}

function bootstrapDraw(workspace: SearchWorkspace, task: Extract<SearchTask, { kind: 'bootstrap' }>, draw: number): DrawResult {
  const resample = movingBlockScheme(workspace.engine.trainingWeeks, task.seed, draw);
  // Re-estimate the transforms on this resample, as the point estimate was, from near it.
  const vector =
    task.passes > 0
      ? workspace.refine(perturbedStart(task.center, BOOTSTRAP_START_SPREAD, seededRandom(task.seed, 5000 + draw)), task.passes, inSampleScheme(resample), BOOTSTRAP_SEARCH_STEP, 4).x
      : task.center;
  const { hyper, beta } = workspace.fitAt(vector, task.ridge, resample);
  return { hyper, beta: Array.from(beta) };
}
