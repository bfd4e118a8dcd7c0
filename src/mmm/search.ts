/**
 * Hyperparameter search by variable projection: for every candidate set of transforms the
 * linear coefficients are solved exactly, so the search only explores the nonlinear
 * parameters. Global stage: a Latin hypercube over the unit cube. Local stage: block-coordinate
 * Nelder–Mead (one channel at a time) from the best few distinct candidates. Both are scored by
 * rolling-origin cross-validation. Everything here is synchronous and deterministic; `parallel.ts`
 * spreads the tasks over threads.
 */
import type { WeeklyData } from '../data/weeklyData';
import { FitEngine, rollingOriginScheme, RowScheme } from './engine';
import { refineByBlocks } from './localSearch';
import { buildSearchSpace, SearchSpace, TransformFamilies } from './searchSpace';
import type { Hyperparameters, SearchEffort } from './types';

/** Everything a thread needs to rebuild the same search problem (plain data, structured-clonable). */
export interface SearchSetup {
  data: WeeklyData;
  holdoutWeeks: number;
  fourierOrder: number;
  families: TransformFamilies;
}

export interface SearchBudget {
  /** Latin-hypercube candidates of the global stage. */
  candidates: number;
  /** Distinct best candidates refined locally. */
  starts: number;
  /** Block-coordinate passes per refinement. */
  passes: number;
  /** Block-coordinate passes used to re-choose the transforms of each bootstrap draw. */
  bootstrapPasses: number;
  bootstrapDraws: number;
}

export const SEARCH_BUDGETS: Record<SearchEffort, SearchBudget> = {
  quick: { candidates: 400, starts: 2, passes: 2, bootstrapPasses: 0, bootstrapDraws: 100 },
  default: { candidates: 1500, starts: 4, passes: 4, bootstrapPasses: 1, bootstrapDraws: 200 },
  thorough: { candidates: 6000, starts: 8, passes: 6, bootstrapPasses: 2, bootstrapDraws: 400 },
};

/** One thread's copy of the problem: the engine with its caches, the space and the CV scheme. */
export class SearchWorkspace {
  readonly engine: FitEngine;
  readonly space: SearchSpace;
  readonly crossValidation: RowScheme;
  evaluations = 0;

  constructor(readonly setup: SearchSetup) {
    this.engine = new FitEngine(setup.data, setup.holdoutWeeks, setup.fourierOrder);
    this.space = buildSearchSpace(setup.data, this.engine.trainingWeeks, setup.families);
    this.crossValidation = rollingOriginScheme(this.engine.trainingWeeks);
  }

  /** Validation MSE of the candidate under `scheme` (cross-validation by default). */
  score(u: ArrayLike<number>, scheme: RowScheme = this.crossValidation): number {
    const hyper = this.space.decode(u);
    this.engine.setTransforms(hyper);
    this.evaluations++;
    return this.engine.score(scheme, hyper.ridge);
  }

  /** Sets the candidate's media columns and returns its hyperparameters and final-fit coefficients under `scheme`. */
  fitAt(u: ArrayLike<number>, scheme: RowScheme): { hyper: Hyperparameters; beta: Float64Array } {
    const hyper = this.space.decode(u);
    this.engine.setTransforms(hyper);
    return { hyper, beta: this.engine.coefficients(scheme, hyper.ridge) };
  }

  refine(start: number[], passes: number, scheme: RowScheme = this.crossValidation, step = 0.1) {
    const blocks = [...this.space.channelDims, [this.space.ridgeDim]];
    return refineByBlocks((x) => this.score(x, scheme), start, blocks, { passes, step, evaluationsPerDim: 8 });
  }
}

/** Picks `count` good candidates that are not near-duplicates of each other (distance in the unit cube). */
export function distinctBest(candidates: number[][], scores: number[], count: number): number[][] {
  const order = scores.map((_, i) => i).sort((a, b) => scores[a] - scores[b] || a - b);
  const chosen: number[][] = [];
  const minDistance = 0.15 * Math.sqrt(candidates[0]?.length ?? 1);
  for (const i of order) {
    if (chosen.length >= count) break;
    if (chosen.every((c) => Math.hypot(...c.map((v, d) => v - candidates[i][d])) > minDistance)) chosen.push(candidates[i]);
  }
  return chosen;
}
