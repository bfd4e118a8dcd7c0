/** Fitting entry points: with given hyperparameters, or by search; both end in the same model document. */
export { fitMetrics } from './assemble';
import type { WeeklyData } from '../data/weeklyData';
import { assemble } from './assemble';
import type { BaselineChoice } from './baselineChoice';
import { movingBlockScheme } from './bootstrap';
import { DEFAULT_FOURIER_ORDER, DEFAULT_MAX_LAG } from './design';
import { FitEngine, rollingOriginScheme, wholeSampleScheme } from './engine';
import { seededRandom, latinHypercube } from './random';
import { distinctBest, SEARCH_BUDGETS, SearchSetup, type SearchBudget } from './search';
import { buildSearchSpace, type TransformFamilies } from './searchSpace';
import { checkHyperparameters } from './serialization';
import { stopFitIfAborted } from './stop';
import { runFitStep, Workspaces, type DrawResult, type FitRunner, type FitStep, type FitStepResult, type FittedDocument, type RidgeChoice, type SearchTask, type TaskOutcome } from './tasks';
import { ADSTOCKS, SATURATIONS } from './transforms/registry';
import type { FitOptions, Hyperparameters, MmmModel } from './types';
import { validateWeeklyData } from './validation';

const DEFAULT_SEED = 1;
/** Independent groups of posterior chains, run side by side (fixed: the seed's model must not depend on the machine). */
const POSTERIOR_GROUPS = 2;

/** The transform families a fit uses unless asked otherwise. */
export const DEFAULT_FAMILIES = { adstock: 'geometric', saturation: 'hill' } as const;

interface ResolvedOptions {
  holdoutWeeks: number;
  seed: number;
  /** Given by the caller; unset, `fitModel` chooses it. */
  fourierOrder: number | undefined;
  families: TransformFamilies;
  onProgress: NonNullable<FitOptions['onProgress']>;
}

function resolve(options: FitOptions): ResolvedOptions {
  const fourierOrder = options.fourierOrder;
  if (fourierOrder !== undefined && (!Number.isInteger(fourierOrder) || fourierOrder < 0 || fourierOrder > 10)) {
    throw new RangeError(`fourierOrder must be an integer in [0, 10], got ${fourierOrder}`);
  }
  const adstock = options.adstock ?? DEFAULT_FAMILIES.adstock;
  if (!Object.hasOwn(ADSTOCKS, adstock)) throw new RangeError(`adstock must be one of ${Object.keys(ADSTOCKS).join(', ')}, got ${String(adstock)}`);
  const saturation = options.saturation ?? DEFAULT_FAMILIES.saturation;
  if (!Object.hasOwn(SATURATIONS, saturation)) throw new RangeError(`saturation must be one of ${Object.keys(SATURATIONS).join(', ')}, got ${String(saturation)}`);
  if (options.bootstrapDraws !== undefined && (!Number.isInteger(options.bootstrapDraws) || options.bootstrapDraws < 0)) {
    throw new RangeError(`bootstrapDraws must be a whole number >= 0, got ${options.bootstrapDraws}`);
  }
  return {
    holdoutWeeks: options.holdoutWeeks ?? 0,
    seed: options.seed ?? DEFAULT_SEED,
    fourierOrder,
    families: { adstock, saturation, maxLag: DEFAULT_MAX_LAG },
    onProgress: options.onProgress ?? (() => undefined),
  };
}

/** Fits the linear part for fixed transforms (no search); bootstrap draws keep the transforms fixed too. */
export function fitWithHyperparameters(data: WeeklyData, hyper: Hyperparameters, options: FitOptions = {}): MmmModel {
  const opts = resolve(options);
  validateWeeklyData(data, opts.holdoutWeeks);
  checkHyperparameters(hyper, data.channels, 'hyperparameters');
  const fourierOrder = opts.fourierOrder ?? DEFAULT_FOURIER_ORDER;
  const engine = new FitEngine(data, opts.holdoutWeeks, fourierOrder);
  engine.setTransforms(hyper);
  const beta = engine.coefficients(wholeSampleScheme(engine.trainingWeeks), hyper.ridge);
  const drawCount = options.bootstrapDraws ?? SEARCH_BUDGETS.default.draws;
  const draws: DrawResult[] = [];
  for (let d = 0; d < drawCount; d++) {
    draws.push({ hyper, beta: Array.from(engine.coefficients(movingBlockScheme(engine.trainingWeeks, opts.seed, d), hyper.ridge)) });
    if ((d + 1) % 50 === 0 || d + 1 === drawCount) opts.onProgress({ stage: 'uncertainty', done: d + 1, total: drawCount });
  }
  const cvMse = engine.score(rollingOriginScheme(engine.trainingWeeks), hyper.ridge);
  const first = hyper.channels[data.channels[0]];
  return assemble(engine, opts, hyper, beta, draws, {
    seed: opts.seed,
    search: 'none',
    adstock: first.adstock.type,
    saturation: first.saturation.type,
    baseline: { chosenBy: 'given', fourierOrder, trendPenalty: null, controlsPenalty: 0, cvMse: null },
    cvMse,
    candidatesEvaluated: 0,
  });
}

/** Searches the transforms and ridge penalty (seeded: same seed, same model), then draws from their posterior. */
export async function fitModel(data: WeeklyData, options: FitOptions = {}): Promise<MmmModel> {
  return (await searchAndSample(data, options, 'model')) as MmmModel;
}

/**
 * The same fit as `fitModel`, ending in the model's JSON text (what a database stores) built on
 * the thread that assembled it, so the caller's thread never serializes a large document.
 */
export async function fitModelDocument(data: WeeklyData, options: FitOptions = {}): Promise<FittedDocument> {
  return (await searchAndSample(data, options, 'document')) as FittedDocument;
}

let fitsStarted = 0;

async function searchAndSample(data: WeeklyData, options: FitOptions, output: 'model' | 'document'): Promise<MmmModel | FittedDocument> {
  const opts = resolve(options);
  validateWeeklyData(data, opts.holdoutWeeks);
  // Before the baseline choice, which already fits dozens of candidates.
  stopFitIfAborted(options.signal);
  const effort = options.search ?? 'default';
  const budget = SEARCH_BUDGETS[effort];
  if (!budget) throw new RangeError(`search must be one of ${Object.keys(SEARCH_BUDGETS).join(', ')}, got ${String(effort)}`);
  const runner = options.runner ?? inPlaceRunner();
  const run = async <R extends FitStepResult>(steps: FitStep[]): Promise<R[]> => {
    stopFitIfAborted(options.signal);
    return (await runner(steps, options.signal)) as R[];
  };
  const [baseline] = await run<BaselineChoice>([{ kind: 'baseline', data, holdoutWeeks: opts.holdoutWeeks, families: opts.families, fourierOrder: opts.fourierOrder }]);
  const setup: SearchSetup = { data, holdoutWeeks: opts.holdoutWeeks, fourierOrder: baseline.fourierOrder, baseline: baseline.form, families: opts.families };
  // Threads keep one search problem per fit under this key (several fits may share a pool).
  const key = `${process.pid}:${++fitsStarted}:${opts.seed}`;
  const space = buildSearchSpace(data, data.dates.length - opts.holdoutWeeks, opts.families);
  let evaluations = 0;
  const stage = async (name: string, tasks: SearchTask[]): Promise<TaskOutcome[]> => {
    opts.onProgress({ stage: name, done: 0, total: tasks.length });
    const outcomes = await run<TaskOutcome>(tasks.map((task) => ({ kind: 'search', key, setup, task })));
    evaluations += outcomes.reduce((s, o) => s + o.evaluations, 0);
    opts.onProgress({ stage: name, done: tasks.length, total: tasks.length });
    return outcomes;
  };

  const candidates = latinHypercube(budget.candidates, space.dims, seededRandom(opts.seed, 0));
  const scored = await stage('global search', chunk(candidates, 100).map((c) => ({ kind: 'score', candidates: c })));
  const scores = scored.flatMap((o) => (o.result.kind === 'score' ? o.result.scores : []));

  const starts = distinctBest(candidates, scores, refinementStarts(budget.starts, space.dims));
  const refined = (await stage('local search', starts.map((start) => ({ kind: 'refine', start, passes: budget.passes })))).flatMap((o) =>
    o.result.kind === 'refine' ? [o.result.result] : [],
  );
  const best = refined.reduce((a, b) => (b.score < a.score ? b : a));
  const [{ ridge, cvMse, trainingWeeks, parameters }] = await run<RidgeChoice>([{ kind: 'ridge', key, setup, vector: best.vector }]);

  // Draws from the posterior of the transforms, in chain groups that run side by side.
  const temperature = degreesOfFreedomCorrection(trainingWeeks, parameters);
  const drawCount = options.bootstrapDraws ?? budget.draws;
  const groups = drawCount > 0 ? POSTERIOR_GROUPS : 0;
  const booted = await stage(
    'uncertainty',
    Array.from({ length: groups }, (_, group) => {
      const first = Math.floor((group * drawCount) / groups);
      const sampling = { ...posteriorSampling(budget.posterior, space.dims), temperature, draws: Math.floor(((group + 1) * drawCount) / groups) - first };
      return { kind: 'posterior' as const, group, firstDraw: first, seed: opts.seed, center: best.vector, ridge, sampling };
    }),
  );
  const draws = booted.flatMap((o) => (o.result.kind === 'draws' ? o.result.draws : []));

  const fit: MmmModel['fit'] = {
    seed: opts.seed,
    search: effort,
    adstock: opts.families.adstock,
    saturation: opts.families.saturation,
    baseline: {
      chosenBy: 'cross-validation',
      fourierOrder: baseline.fourierOrder,
      trendPenalty: baseline.trendPenalty,
      controlsPenalty: baseline.controlsPenalty,
      cvMse: baseline.cvMse,
    },
    cvMse,
    candidatesEvaluated: evaluations,
  };
  const [result] = await run<MmmModel | FittedDocument>([{ kind: 'finish', key, setup, input: { vector: best.vector, ridge, draws, holdoutWeeks: opts.holdoutWeeks, fit }, output }]);
  return result;
}

/**
 * Runs a fit's steps one after another on the calling thread, yielding between them (so an
 * abort is seen). Without a pool (a test, a script) this is the whole fit; the server and the
 * `mmm` command hand their fits to the worker pool instead (src/services/cpuPool.ts).
 */
export function inPlaceRunner(): FitRunner {
  const workspaces = new Workspaces();
  return async (steps, signal) => {
    const results: FitStepResult[] = [];
    for (const step of steps) {
      stopFitIfAborted(signal);
      results.push(runFitStep(workspaces, step));
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
    return results;
  };
}

/**
 * The profile likelihood measures the noise by the in-sample error, which a fit with p parameters
 * shrinks by (n − p)/n; the posterior is then too sharp by n/(n − p). Tempering by that factor is
 * the same as measuring the noise by its unbiased estimate. With 7 channels on two years of
 * weeks p is over a third of n, and without it the 90% ROAS intervals covered 67–76% of the true
 * values on the simulated family. (At most 4: past that there is too little data to say anything.)
 */
function degreesOfFreedomCorrection(weeks: number, parameters: number): number {
  return Math.min(4, weeks / Math.max(weeks / 4, weeks - parameters));
}

/** Dimensions refined across all starts before fewer starts are refined: the local search's cost grows with the channels. */
const REFINED_DIMENSIONS = 240;

/**
 * How many distinct candidates to refine: the effort's number up to 20 channels of three
 * parameters, fewer beyond (50 channels × 10 years took 72 s in the local search with four),
 * and never under two, one per thread.
 */
function refinementStarts(starts: number, dims: number): number {
  return Math.min(starts, Math.max(2, Math.floor(REFINED_DIMENSIONS / dims)));
}

/** Dimensions up to which the posterior chains run the effort's full length. */
const FULL_CHAIN_DIMENSIONS = 60;
/** Generations no chain runs fewer of, however many channels. */
const MIN_GENERATIONS = 500;

/**
 * The effort's chains, shortened past 20 channels of three parameters in proportion to the
 * dimensions: an evaluation costs weeks × channels, and 50 channels × 10 years at the full
 * 4 × 3000 spent 64 s in the posterior alone on a loaded 2-core machine (the fit's target is a
 * minute). At 50 channels this keeps 4 × 1200, about the 3 × 1500 the default ran before.
 */
function posteriorSampling(sampling: SearchBudget['posterior'], dims: number): SearchBudget['posterior'] {
  const generations = Math.max(MIN_GENERATIONS, Math.round((sampling.generations * Math.min(1, FULL_CHAIN_DIMENSIONS / dims)) / 100) * 100);
  return { ...sampling, generations: Math.min(sampling.generations, generations) };
}

function chunk<T>(items: T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size));
  return chunks;
}

