/** Fitting entry points: with given hyperparameters, or by search; both end in the same model document. */
import type { WeeklyData } from '../data/weeklyData';
import { chooseBaseline, FOURIER_ORDERS, INCUMBENT, pilotTransforms } from './baselineChoice';
import { movingBlockScheme } from './bootstrap';
import { coefficientsFromVector, DEFAULT_FOURIER_ORDER, DEFAULT_MAX_LAG } from './design';
import { FitEngine, rollingOriginScheme, wholeSampleScheme } from './engine';
import { SearchThreads, stopFitIfAborted } from './parallel';
import { seededRandom, latinHypercube } from './random';
import { distinctBest, SEARCH_BUDGETS, SearchSetup, TRANSFORM_RIDGE, type SearchBudget } from './search';
import type { TransformFamilies } from './searchSpace';
import { checkHyperparameters } from './serialization';
import type { DrawResult, SearchTask, TaskOutcome } from './tasks';
import { ADSTOCKS, SATURATIONS } from './transforms/registry';
import type { BootstrapDraw, FitOptions, Hyperparameters, MmmModel, ModelMetrics } from './types';
import { validateWeeklyData } from './validation';

const DEFAULT_SEED = 1;
/** Independent groups of posterior chains: one per thread of SearchThreads. */
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
  const opts = resolve(options);
  validateWeeklyData(data, opts.holdoutWeeks);
  // Before the baseline choice, which already fits dozens of candidates.
  stopFitIfAborted(options.signal);
  const effort = options.search ?? 'default';
  const budget = SEARCH_BUDGETS[effort];
  if (!budget) throw new RangeError(`search must be one of ${Object.keys(SEARCH_BUDGETS).join(', ')}, got ${String(effort)}`);
  const baseline = chooseBaseline(data, opts.holdoutWeeks, pilotTransforms(data, data.dates.length - opts.holdoutWeeks, opts.families, TRANSFORM_RIDGE), TRANSFORM_RIDGE, {
    incumbent: { ...INCUMBENT, fourierOrder: opts.fourierOrder ?? INCUMBENT.fourierOrder },
    fourierOrders: opts.fourierOrder === undefined ? FOURIER_ORDERS : [opts.fourierOrder],
  });
  const setup: SearchSetup = { data, holdoutWeeks: opts.holdoutWeeks, fourierOrder: baseline.fourierOrder, baseline: baseline.form, families: opts.families };
  const threads = new SearchThreads(setup);
  let evaluations = 0;
  const run = async (stage: string, tasks: SearchTask[]): Promise<TaskOutcome[]> => {
    stopFitIfAborted(options.signal);
    opts.onProgress({ stage, done: 0, total: tasks.length });
    const outcomes = await threads.run(tasks, options.signal);
    evaluations += outcomes.reduce((s, o) => s + o.evaluations, 0);
    opts.onProgress({ stage, done: tasks.length, total: tasks.length });
    return outcomes;
  };
  try {
    const space = threads.local.space;
    const candidates = latinHypercube(budget.candidates, space.dims, seededRandom(opts.seed, 0));
    const scored = await run('global search', chunk(candidates, 100).map((c) => ({ kind: 'score', candidates: c })));
    const scores = scored.flatMap((o) => (o.result.kind === 'score' ? o.result.scores : []));

    const starts = distinctBest(candidates, scores, refinementStarts(budget.starts, space.dims));
    const refined = (await run('local search', starts.map((start) => ({ kind: 'refine', start, passes: budget.passes })))).flatMap((o) =>
      o.result.kind === 'refine' ? [o.result.result] : [],
    );
    const best = refined.reduce((a, b) => (b.score < a.score ? b : a));
    const { ridge, cvMse } = threads.local.chooseRidge(best.vector);

    // Draws from the posterior of the transforms, in two chain groups that run side by side.
    const temperature = degreesOfFreedomCorrection(threads.local.engine.trainingWeeks, threads.local.engine.width + space.dims);
    const drawCount = options.bootstrapDraws ?? budget.draws;
    const groups = drawCount > 0 ? POSTERIOR_GROUPS : 0;
    const booted = await run(
      'uncertainty',
      Array.from({ length: groups }, (_, group) => {
        const first = Math.floor((group * drawCount) / groups);
        const sampling = { ...posteriorSampling(budget.posterior, space.dims), temperature, draws: Math.floor(((group + 1) * drawCount) / groups) - first };
        return { kind: 'posterior' as const, group, firstDraw: first, seed: opts.seed, center: best.vector, ridge, sampling };
      }),
    );
    const draws = booted.flatMap((o) => (o.result.kind === 'draws' ? o.result.draws : []));

    const { hyper, beta } = threads.local.fitAt(best.vector, ridge, wholeSampleScheme(threads.local.engine.trainingWeeks));
    return assemble(threads.local.engine, opts, hyper, beta, draws, {
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
    });
  } finally {
    await threads.close();
  }
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

/** Builds the model document; the engine's media columns must be those of `hyper`. */
function assemble(
  engine: FitEngine,
  opts: ResolvedOptions,
  hyper: Hyperparameters,
  beta: Float64Array,
  draws: DrawResult[],
  fit: MmmModel['fit'],
): MmmModel {
  const fitted = engine.predict(beta);
  const bootstrapDraws: BootstrapDraw[] = draws.map((d) => ({ hyperparameters: d.hyper, coefficients: coefficientsFromVector(engine.layout, d.beta) }));
  return {
    schemaVersion: 1,
    data: engine.data,
    channels: [...engine.data.channels],
    controls: [...engine.data.controls],
    holdoutWeeks: opts.holdoutWeeks,
    fourierOrder: engine.layout.fourierOrder,
    trendChangepoints: engine.layout.trendChangepoints,
    hyperparameters: hyper,
    coefficients: coefficientsFromVector(engine.layout, beta),
    draws: bootstrapDraws,
    metrics: fitMetrics(engine.data.kpi, fitted, engine.trainingWeeks),
    fit,
  };
}

/** In-sample metrics on the training weeks; holdout metrics on the weeks after them. */
export function fitMetrics(kpi: ArrayLike<number>, fitted: ArrayLike<number>, trainingWeeks: number): ModelMetrics {
  const training = accuracy(kpi, fitted, 0, trainingWeeks);
  const hasHoldout = kpi.length > trainingWeeks;
  const holdout = hasHoldout ? accuracy(kpi, fitted, trainingWeeks, kpi.length) : null;
  return { r2: training.r2, mape: training.mape, nrmse: training.nrmse, holdoutMape: holdout?.mape ?? null, holdoutR2: holdout?.r2 ?? null };
}

function accuracy(kpi: ArrayLike<number>, fitted: ArrayLike<number>, from: number, to: number) {
  const n = to - from;
  let mean = 0;
  let min = Infinity;
  let max = -Infinity;
  for (let t = from; t < to; t++) {
    mean += kpi[t] / n;
    min = Math.min(min, kpi[t]);
    max = Math.max(max, kpi[t]);
  }
  let squaredError = 0;
  let squaredSpread = 0;
  let absolutePct = 0;
  let pctWeeks = 0;
  for (let t = from; t < to; t++) {
    const error = kpi[t] - fitted[t];
    squaredError += error * error;
    squaredSpread += (kpi[t] - mean) ** 2;
    // Weeks with a zero KPI have no percentage error; they still count in R² and NRMSE.
    if (kpi[t] !== 0) {
      absolutePct += Math.abs(error / kpi[t]);
      pctWeeks++;
    }
  }
  const rmse = Math.sqrt(squaredError / n);
  return {
    r2: squaredSpread > 0 ? 1 - squaredError / squaredSpread : 0,
    mape: pctWeeks > 0 ? absolutePct / pctWeeks : 0,
    nrmse: max > min ? rmse / (max - min) : 0,
  };
}
